//! The Google Contacts, Bitrix24 and amoCRM exports of shared data, imported whole.

mod common;

use std::collections::BTreeMap;

use common::{day, emails, extra, find, import, phones};
use kartoteka_core::{Layout, MessengerKind, Status};

const GOOGLE: &[u8] = include_bytes!("fixtures/google_contacts.csv");
const BITRIX: &[u8] = include_bytes!("fixtures/bitrix24_contacts.csv");
const AMOCRM: &[u8] = include_bytes!("fixtures/amocrm_export.csv");

/// How many contacts have each value of `key`.
fn counts<'a>(
    mapped: &'a [kartoteka_core::MappedRow],
    key: impl Fn(&'a kartoteka_core::Contact) -> String,
) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for contact in mapped.iter().map(|m| &m.contact) {
        *counts.entry(key(contact)).or_default() += 1;
    }
    counts
}

#[test]
fn google_contacts() {
    let (prepared, mapped) = import(GOOGLE);
    assert_eq!(prepared.mapping.layout, Layout::GoogleContacts);
    assert_eq!(prepared.table.rows.len(), 800);
    assert_eq!(mapped.len(), 800);
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
    // Russians keep the patronymic in Middle Name.
    let with_patronymic = mapped
        .iter()
        .filter(|m| !m.contact.patronymic.is_empty())
        .count();
    assert_eq!(with_patronymic, 693);
    // Every contact has the system label; none keeps it as a tag.
    let tags = counts(&mapped, |c| c.tags.join("|"));
    assert_eq!(
        tags,
        BTreeMap::from([("Клиенты".to_owned(), 200), ("Лиды".to_owned(), 600)])
    );

    let pestova = find(&mapped, "Пестова", "Анастасия");
    assert_eq!(pestova.patronymic, "Богдановна");
    assert_eq!(phones(pestova), [("mobile", "79011524493")]);
    assert_eq!(emails(pestova), [("work", "denisovdavid@rambler.ru")]);
    assert_eq!(
        pestova.addresses[0].value,
        "д. Катав-Ивановск, ул. Аэродромная, д. 7/9 стр. 9, 840057"
    );
    // The components of the address are kept, not dropped.
    assert_eq!(extra(pestova, "Address 1 - City"), Some("Морозовск"));

    // Two phones joined by " ::: " in one cell.
    let borisova = find(&mapped, "Борисова", "Лидия");
    assert_eq!(
        phones(borisova),
        [("mobile", "79378591503"), ("mobile", "74950904931")]
    );
    assert_eq!(borisova.tags, ["Клиенты"]);
    let zhuravlev = find(&mapped, "Журавлев", "Захар");
    assert_eq!(
        emails(zhuravlev),
        [
            ("work", "stanislav_2016@gmail.com"),
            ("work", "evdokija_1970@mail.ru")
        ]
    );
    // The primary ("* Work") address first, the home one after it.
    let emelyanova = find(&mapped, "Емельянова", "Фёкла");
    assert_eq!(emelyanova.patronymic, "Захаровна");
    assert_eq!(
        emails(emelyanova),
        [
            ("work", "loginovfirs@rao.com"),
            ("personal", "gedeon_2015@gmail.com")
        ]
    );
    assert_eq!(
        phones(emelyanova),
        [("mobile", "79515752774"), ("work", "73832734521")]
    );
}

#[test]
fn bitrix24_contacts() {
    let (prepared, mapped) = import(BITRIX);
    assert_eq!(prepared.mapping.layout, Layout::Bitrix24);
    assert_eq!(prepared.delimiter, b';');
    // The trailing ";" of every line makes no column.
    assert_eq!(prepared.table.headers.len(), 29);
    assert_eq!(prepared.table.rows.len(), 600);
    assert_eq!(mapped.len(), 600);
    assert!(mapped
        .iter()
        .all(|m| m.warnings.is_empty() && m.contact.extra.is_empty()));
    let statuses = counts(&mapped, |c| c.status.key().to_owned());
    assert_eq!(
        statuses,
        BTreeMap::from([("client".to_owned(), 133), ("potential".to_owned(), 467)])
    );
    // SOURCE_ID "OTHER" always came with a description here, so no "Другое" is left.
    let sources = counts(&mapped, |c| c.source.clone());
    assert_eq!(sources.get("Справочник 2ГИС"), Some(&76));
    assert_eq!(sources.get("Рекомендация"), Some(&64));
    assert_eq!(sources.get("Выставка"), Some(&61));
    assert_eq!(sources.get("Другое"), None);
    assert!(sources.keys().all(|s| !s.is_empty() && s != "OTHER"));

    let frolov = find(&mapped, "Фролов", "Христофор");
    assert_eq!(frolov.patronymic, "Васильевич");
    assert_eq!(frolov.source, "Рекомендация");
    assert_eq!(frolov.status, Status::Potential);
    assert_eq!(frolov.tags, ["Партнёр"]);
    assert_eq!(frolov.position, "Менеджер по закупкам");
    assert_eq!(frolov.messengers[0].kind, MessengerKind::Skype);
    assert_eq!(
        emails(frolov),
        [
            ("work", "koshelevagap@ip.org"),
            ("personal", "timur2017@mail.ru")
        ]
    );
    let alekseeva = find(&mapped, "Алексеева", "Регина");
    assert_eq!(alekseeva.source, "Соцсети (VK)");
    assert_eq!(
        phones(alekseeva),
        [("work", "73436869589"), ("mobile", "79251027346")]
    );
    let galkin = find(&mapped, "Галкин", "Лазарь");
    assert_eq!(galkin.status, Status::Client);
    assert_eq!(galkin.source, "Яндекс.Директ");
    assert_eq!(galkin.tags, Vec::<String>::new());
    assert_eq!(find(&mapped, "Фокин", "Януарий").source, "Партнёр");
    assert_eq!(find(&mapped, "Моисеева", "Лидия").source, "Сайт");
}

#[test]
fn amocrm_export() {
    let (prepared, mapped) = import(AMOCRM);
    assert_eq!(prepared.mapping.layout, Layout::AmoCrm);
    assert_eq!(prepared.table.rows.len(), 700);
    assert_eq!(mapped.len(), 700);
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
    // The amoCRM id is kept, and the manager becomes the responsible one.
    assert!(mapped.iter().all(|m| {
        let c = &m.contact;
        extra(c, "ID").is_some_and(|id| id.len() == 8)
            && !c.responsible.is_empty()
            && extra(c, "Ответственный").is_none()
    }));
    // The tag is the channel.
    assert!(mapped
        .iter()
        .all(|m| m.contact.tags.len() == 1 && m.contact.source == m.contact.tags[0]));

    // The "other" cell holds two phones; the second is the mobile typed another way.
    let orekhov = find(&mapped, "Орехов", "Пров");
    assert_eq!(orekhov.patronymic, "Тимурович");
    assert_eq!(
        phones(orekhov),
        [("mobile", "79473791231"), ("other", "73432026998")]
    );
    assert_eq!(orekhov.source, "Сайт (форма заявки)");
    assert_eq!(orekhov.added_on, Some(day(2024, 9, 22)));
    assert_eq!(extra(orekhov, "ID"), Some("31000063"));
    assert_eq!(orekhov.responsible, "Менеджер 1");
    let with_two_cells = mapped
        .iter()
        .filter(|m| m.contact.phones.iter().any(|p| p.value.contains(',')))
        .count();
    assert_eq!(with_two_cells, 0, "a cell of two phones was kept whole");

    let frolov = find(&mapped, "Фролов", "Лазарь");
    assert_eq!(frolov.patronymic, "Бориславович");
    assert_eq!(frolov.company, "Группа Полипластик");
    assert_eq!(
        (frolov.inn.as_str(), frolov.kpp.as_str()),
        ("8650663176", "322343485")
    );
    assert_eq!(
        phones(frolov),
        [("mobile", "79672110684"), ("other", "74953885421")]
    );
    assert_eq!(frolov.added_on, Some(day(2026, 9, 6)));
    // ИНН with a leading zero stays text.
    let gerasimova = find(&mapped, "Герасимова", "Синклитикия");
    assert_eq!(gerasimova.inn, "0711631317");
}
