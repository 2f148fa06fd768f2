//! The exports of other programs, each in a small file written the way that program writes
//! it (encoding, delimiter, quoting, line ends), plus the first rows of the real exports
//! in shared data: the layout is known from the header row and every row maps as the
//! program meant it.

mod common;

use common::{addresses, day, emails, extra, find, import, phones};
use kartoteka_core::{
    recognise, Birthday, ContactKind, Layout, MessengerKind, RowIssueKind, Status,
};

const GOOGLE: &[u8] = include_bytes!("fixtures/google_small.csv");
const GOOGLE_LEGACY: &[u8] = include_bytes!("fixtures/google_legacy.csv");
const OUTLOOK_EN: &[u8] = include_bytes!("fixtures/outlook_en.csv");
const OUTLOOK_RU: &[u8] = include_bytes!("fixtures/outlook_ru.csv");
const THUNDERBIRD_EN: &[u8] = include_bytes!("fixtures/thunderbird_en.csv");
const THUNDERBIRD_RU: &[u8] = include_bytes!("fixtures/thunderbird_ru.csv");
const BITRIX: &[u8] = include_bytes!("fixtures/bitrix24_small.csv");
const AMOCRM: &[u8] = include_bytes!("fixtures/amocrm_small.csv");
const EXCEL_MAC: &[u8] = include_bytes!("fixtures/excel_mac_sep.csv");
const GOOGLE_HEAD: &[u8] = include_bytes!("fixtures/google_contacts_head.csv");
const BITRIX_HEAD: &[u8] = include_bytes!("fixtures/bitrix24_contacts_head.csv");
const AMOCRM_HEAD: &[u8] = include_bytes!("fixtures/amocrm_export_head.csv");

/// A file's name, bytes, layout, the encoding and delimiter it is read with, and its row
/// count.
type File = (&'static str, &'static [u8], Layout, &'static str, u8, usize);

const FILES: [File; 12] = [
    ("google", GOOGLE, Layout::GoogleContacts, "UTF-8", b',', 6),
    (
        "google legacy",
        GOOGLE_LEGACY,
        Layout::GoogleContacts,
        "UTF-16LE",
        b',',
        5,
    ),
    (
        "outlook en",
        OUTLOOK_EN,
        Layout::Outlook,
        "windows-1251",
        b',',
        5,
    ),
    (
        "outlook ru",
        OUTLOOK_RU,
        Layout::Outlook,
        "windows-1251",
        b',',
        5,
    ),
    (
        "thunderbird en",
        THUNDERBIRD_EN,
        Layout::Thunderbird,
        "UTF-8",
        b',',
        5,
    ),
    (
        "thunderbird ru",
        THUNDERBIRD_RU,
        Layout::Thunderbird,
        "windows-1251",
        b',',
        5,
    ),
    ("bitrix24", BITRIX, Layout::Bitrix24, "UTF-8", b';', 6),
    ("amocrm", AMOCRM, Layout::AmoCrm, "UTF-8", b',', 5),
    (
        "excel mac",
        EXCEL_MAC,
        Layout::RussianExcel,
        "windows-1251",
        b';',
        3,
    ),
    (
        "google head",
        GOOGLE_HEAD,
        Layout::GoogleContacts,
        "UTF-8",
        b',',
        29,
    ),
    (
        "bitrix24 head",
        BITRIX_HEAD,
        Layout::Bitrix24,
        "UTF-8",
        b';',
        28,
    ),
    (
        "amocrm head",
        AMOCRM_HEAD,
        Layout::AmoCrm,
        "UTF-8",
        b',',
        27,
    ),
];

#[test]
fn every_file_is_read_in_its_layout_and_every_row_maps() {
    for (name, bytes, layout, encoding, delimiter, rows) in FILES {
        let (prepared, mapped) = import(bytes);
        assert_eq!(prepared.mapping.layout, layout, "{name}");
        assert_eq!(prepared.decoded_encoding, encoding, "{name}");
        assert_eq!(prepared.delimiter, delimiter, "{name}");
        assert_eq!(prepared.table.rows.len(), rows, "{name}");
        assert_eq!(mapped.len(), rows, "{name}");
    }
}

#[test]
fn headers_match_in_any_case_and_spacing() {
    for (name, bytes, ..) in FILES {
        let (prepared, _) = import(bytes);
        let mangled: Vec<String> = prepared
            .table
            .headers
            .iter()
            .map(|h| format!("  {}\t", h.to_uppercase().replace(' ', "   ")))
            .collect();
        assert_eq!(recognise(&mangled), prepared.mapping, "{name}");
    }
}

#[test]
fn the_header_row_alone_decides_the_layout() {
    for (name, bytes, layout, ..) in FILES {
        let (prepared, _) = import(bytes);
        let headers = prepared.table.headers;
        assert_eq!(recognise(&headers).layout, layout, "{name}");
    }
}

#[test]
fn google_pairs_labels_with_values_and_puts_the_primary_first() {
    let (_, mapped) = import(GOOGLE);
    let ivanov = find(&mapped, "Иванов", "Пётр");
    assert_eq!(ivanov.patronymic, "Сергеевич");
    assert_eq!(
        (ivanov.company.as_str(), ivanov.position.as_str()),
        ("ООО «Вектор»", "Коммерческий директор")
    );
    // "* Work" marks the work phone as primary; the two mobiles of one cell follow.
    assert_eq!(
        phones(ivanov),
        [
            ("work", "74951112233"),
            ("mobile", "79161234567"),
            ("mobile", "79037654321")
        ]
    );
    assert_eq!(
        emails(ivanov),
        [
            ("work", "p.ivanov@vektor.ru"),
            ("personal", "petr.ivanov@mail.ru")
        ]
    );
    assert_eq!(
        addresses(ivanov),
        [("work", "ул. Тверская, д. 7, Москва, 125009, Россия")]
    );
    // The system labels are not tags.
    assert_eq!(ivanov.tags, ["Клиенты"]);
    assert_eq!(
        ivanov.notes,
        "Встреча на выставке «Продэкспо»;\nперезвонить в марте"
    );

    let smirnova = find(&mapped, "Смирнова", "Ольга");
    // The starred value of the cell goes first.
    assert_eq!(
        phones(smirnova),
        [("mobile", "79263334455"), ("mobile", "79260001122")]
    );
    assert_eq!(emails(smirnova), [("personal", "olga.smirnova@yandex.ru")]);
    // Google joins labels with " ::: ", so a comma stays inside a label.
    assert_eq!(smirnova.tags, ["Выставка, Москва 2024", "Лиды"]);

    let habibullin = find(&mapped, "Хабибуллин", "Рустам");
    assert_eq!(habibullin.tags, Vec::<String>::new());
    assert_eq!(
        emails(habibullin),
        [
            ("work", "r.habibullin@tns.ru"),
            ("work", "rustam.h@gmail.com")
        ]
    );
}

#[test]
fn google_kinds_custom_labels_and_companies() {
    let (_, mapped) = import(GOOGLE);
    let kozlov = mapped
        .iter()
        .find(|m| m.contact.surname == "Козлов")
        .unwrap();
    assert_eq!(
        phones(&kozlov.contact),
        [("other", "73432223344"), ("fax", "73432223345")]
    );
    assert_eq!(emails(&kozlov.contact), [("other", "kozlov@uralchem.ru")]);
    // A label of the user's own is no kind Kartoteka has, but it is not lost.
    assert_eq!(kozlov.warnings.len(), 1);
    assert_eq!(kozlov.warnings[0].kind, RowIssueKind::UnknownKind);
    assert_eq!(extra(&kozlov.contact, "Phone 1 - Label"), Some("Секретарь"));
    assert_eq!(
        kozlov.contact.birthday,
        Some(Birthday {
            day: 12,
            month: 4,
            year: Some(1979)
        })
    );

    let severstal = mapped
        .iter()
        .map(|m| &m.contact)
        .find(|c| c.company == "ПАО «Северсталь»")
        .unwrap();
    assert_eq!(severstal.display_name(), "ПАО «Северсталь»");
    assert_eq!(phones(severstal), [("work", "78002000000")]);
    assert_eq!(severstal.tags, ["Поставщики"]);
    let volkova = find(&mapped, "Волкова", "Наталья");
    assert_eq!(
        phones(volkova),
        [("home", "78125556677"), ("mobile", "79217778899")]
    );
}

#[test]
fn google_legacy_layout() {
    let (prepared, mapped) = import(GOOGLE_LEGACY);
    assert_eq!(prepared.table.headers[0], "Name");
    let kuznetsov = find(&mapped, "Кузнецов", "Алексей");
    assert_eq!(kuznetsov.patronymic, "Игоревич");
    assert_eq!(
        (kuznetsov.company.as_str(), kuznetsov.position.as_str()),
        ("ООО «СтройМет»", "Менеджер по закупкам")
    );
    assert_eq!(
        phones(kuznetsov),
        [("mobile", "79123456789"), ("work", "73452506070")]
    );
    assert_eq!(kuznetsov.phones[1].value, "8 (3452) 50-60-70 доб. 112");
    assert_eq!(kuznetsov.messengers.len(), 1);
    assert_eq!(kuznetsov.messengers[0].kind, MessengerKind::Skype);
    assert_eq!(kuznetsov.tags, ["Поставщики"]);
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));

    // Only the whole name: split into its parts.
    let sokolova = find(&mapped, "Соколова", "Ирина");
    assert_eq!(sokolova.patronymic, "Павловна");
    assert_eq!(sokolova.tags, ["Клиенты"]);
    assert!(sokolova.extra.is_empty());

    let orlov = find(&mapped, "Орлов", "Сергей");
    assert_eq!(
        emails(orlov),
        [
            ("work", "s.orlov@agroprom.ru"),
            ("personal", "orlov.sp@mail.ru")
        ]
    );
    assert_eq!(
        addresses(orlov),
        [("work", "ул. Красная, д. 10, Краснодар, 350000")]
    );
    let morozova = find(&mapped, "Морозова", "Елена");
    assert_eq!(morozova.messengers[0].kind, MessengerKind::Telegram);
    assert_eq!(morozova.messengers[0].handle, "@emorozova");
    assert_eq!(morozova.phones.len(), 2);
    let lebedev = find(&mapped, "Лебедев", "Виктор");
    assert_eq!(
        phones(lebedev),
        [("mobile", "79605006070"), ("fax", "74852304050")]
    );
    assert_eq!(lebedev.tags, ["Клиенты", "Опт"]);
}

#[test]
fn outlook_in_english() {
    let (_, mapped) = import(OUTLOOK_EN);
    let fedorov = find(&mapped, "Фёдоров", "Андрей");
    assert_eq!(fedorov.patronymic, "Николаевич");
    // "Title" is the salutation, not the position.
    assert_eq!(fedorov.position, "Руководитель отдела закупок");
    assert_eq!(extra(fedorov, "Title"), Some("Г-н"));
    // Outlook's column order puts the fax first; the mobile is what a sales team calls.
    assert_eq!(
        phones(fedorov),
        [
            ("mobile", "79152345678"),
            ("work", "74956401010"),
            ("fax", "74956401011")
        ]
    );
    assert_eq!(emails(fedorov), [("work", "fedorov@tehnosnab.ru")]);
    assert_eq!(
        addresses(fedorov),
        [(
            "work",
            "Ленинский пр-т, д. 45, оф. 301, Москва, 119334, Россия"
        )]
    );
    assert_eq!(fedorov.tags, ["Клиенты", "Опт"]);
    assert_eq!(fedorov.source, "Выставка «Металлообработка»");
    // What Outlook writes for everyone (e-mail type, display name, "Normal", "0/0/00")
    // does not clutter the record.
    let names: Vec<&str> = fedorov.extra.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Title", "Department"]);

    let belova = find(&mapped, "Белова", "Марина");
    // "Primary Phone" first, then by kind.
    assert_eq!(
        phones(belova),
        [
            ("other", "78123367700"),
            ("work", "78123367788"),
            ("home", "78122721122")
        ]
    );
    assert_eq!(
        addresses(belova),
        [(
            "work",
            "наб. Обводного канала, д. 118, лит. А, Санкт-Петербург, 190005"
        )]
    );
    assert_eq!(
        emails(belova),
        [
            ("work", "belova@neva-log.ru"),
            ("other", "marina.belova@gmail.com")
        ]
    );
    let zakharov = find(&mapped, "Захаров", "Игорь");
    assert_eq!(
        addresses(zakharov),
        [("home", "ул. Профсоюзная, д. 12, кв. 8, Москва, 117292")]
    );
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
}

#[test]
fn outlook_in_russian() {
    let (_, mapped) = import(OUTLOOK_RU);
    let stepanov = find(&mapped, "Степанов", "Николай");
    assert_eq!(stepanov.patronymic, "Петрович");
    assert_eq!(stepanov.company, "ООО «Сибирский цемент»");
    assert_eq!(
        phones(stepanov),
        [
            ("mobile", "79139001020"),
            ("work", "73832100000"),
            ("fax", "73832100001")
        ]
    );
    assert_eq!(
        addresses(stepanov),
        [("work", "ул. Кирова, д. 18, Новосибирск, 630102, Россия")]
    );
    assert_eq!(stepanov.tags, ["Клиенты", "Сибирь"]);
    assert_eq!(stepanov.notes, "Годовой договор до декабря");
    let names: Vec<&str> = stepanov.extra.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Обращение", "Отдел"]);

    let nikitina = find(&mapped, "Никитина", "Татьяна");
    assert_eq!(
        phones(nikitina),
        [("other", "78612550000"), ("mobile", "79183334455")]
    );
    assert_eq!(nikitina.emails.len(), 2);
    // The headers of the other address have double spaces in Russian Outlook.
    let galieva = find(&mapped, "Галиева", "Алина");
    assert_eq!(
        addresses(galieva),
        [("other", "ул. Баумана, д. 44, Казань, 420111")]
    );
    let egorov = find(&mapped, "Егоров", "Павел");
    assert_eq!(
        addresses(egorov),
        [(
            "home",
            "ул. Муравьёва-Амурского, д. 3, кв. 15, Хабаровск, 680000"
        )]
    );
}

#[test]
fn thunderbird_in_english() {
    let (_, mapped) = import(THUNDERBIRD_EN);
    // The display name gives the patronymic Thunderbird has no column for.
    let petrov = find(&mapped, "Петров", "Иван");
    assert_eq!(petrov.patronymic, "Сергеевич");
    assert_eq!(
        phones(petrov),
        [
            ("mobile", "79126007080"),
            ("work", "73433102030"),
            ("fax", "73433102031")
        ]
    );
    assert_eq!(
        emails(petrov),
        [
            ("work", "ivan.petrov@promtech.ru"),
            ("other", "ivan.petrov@gmail.com")
        ]
    );
    assert_eq!(
        addresses(petrov),
        [(
            "work",
            "ул. Ленина, д. 5, офис 412, Екатеринбург, 620014, Россия"
        )]
    );
    assert_eq!(
        (petrov.company.as_str(), petrov.position.as_str()),
        ("АО «ПромТех»", "Главный механик")
    );
    // "Анна Смирнова" is the name and surname in another order: nothing to keep.
    let smirnova = find(&mapped, "Смирнова", "Анна");
    assert!(smirnova.extra.is_empty());
    // A nickname as the display name disagrees with the name and is kept aside.
    let vasiliev = find(&mapped, "Васильев", "Григорий");
    assert_eq!(extra(vasiliev, "Display Name"), Some("Гриша"));
    assert_eq!(vasiliev.messengers[0].handle, "grisha_v");
    assert_eq!(
        addresses(vasiliev),
        [("home", "ул. Арбат, д. 20, кв. 5, Москва, 119002")]
    );
    // A display name that is no person's name is not split into one.
    let sales = mapped
        .iter()
        .map(|m| &m.contact)
        .find(|c| c.company == "ООО «Агроснаб»")
        .unwrap();
    assert_eq!((sales.surname.as_str(), sales.name.as_str()), ("", ""));
    assert_eq!(
        extra(sales, "Display Name"),
        Some("Отдел продаж «Агроснаб»")
    );
    let karpova = find(&mapped, "Карпова", "Людмила");
    assert_eq!(karpova.patronymic, "Ивановна");
}

#[test]
fn thunderbird_in_russian() {
    let (_, mapped) = import(THUNDERBIRD_RU);
    let popov = find(&mapped, "Попов", "Максим");
    assert_eq!(popov.patronymic, "Андреевич");
    assert_eq!(
        phones(popov),
        [("mobile", "79281112233"), ("work", "78632001122")]
    );
    assert_eq!(
        addresses(popov),
        [(
            "work",
            "пр. Будённовский, д. 49, БЦ «Гвардейский», оф. 7, Ростов-на-Дону, 344011, Россия"
        )]
    );
    let alekseeva = find(&mapped, "Алексеева", "Вера");
    assert_eq!(
        addresses(alekseeva),
        [("home", "ул. Садовая, д. 3, Тула, 300041")]
    );
    assert_eq!(
        emails(alekseeva),
        [
            ("work", "vera.alekseeva@mail.ru"),
            ("other", "alekseeva@pharmatrade.ru")
        ]
    );
    let zaitsev = find(&mapped, "Зайцев", "Артём");
    assert_eq!(
        phones(zaitsev),
        [("work", "78314005060"), ("fax", "78314005061")]
    );
    assert_eq!(extra(zaitsev, "Отдел"), Some("Сервис"));
    let tarasova = find(&mapped, "Тарасова", "Оксана");
    assert_eq!(tarasova.messengers[0].handle, "oksana.t");
    assert_eq!(find(&mapped, "Комаров", "Денис").patronymic, "Олегович");
}

#[test]
fn bitrix24_sources_and_types() {
    let (_, mapped) = import(BITRIX);
    let belov = find(&mapped, "Белов", "Константин");
    assert_eq!(belov.source, "Выставка");
    // The description of a standard source is kept, not lost.
    assert_eq!(
        extra(belov, "SOURCE_DESCRIPTION"),
        Some("Металл-Экспо 2024")
    );
    assert_eq!(belov.status, Status::Potential);
    assert_eq!(belov.tags, ["Поставщик"]);
    assert_eq!(
        phones(belov),
        [
            ("work", "74959887766"),
            ("mobile", "79165004030"),
            ("mobile", "79265004031")
        ]
    );
    assert_eq!(belov.messengers[0].kind, MessengerKind::Telegram);

    let orlova = find(&mapped, "Орлова", "Юлия");
    assert_eq!(orlova.status, Status::Client);
    assert_eq!(orlova.source, "Веб-форма");
    assert_eq!(orlova.tags, Vec::<String>::new());

    let zhukov = find(&mapped, "Жуков", "Михаил");
    assert_eq!(zhukov.source, "Другое");
    assert_eq!(zhukov.tags, ["Конкурент"]);

    // A code of the portal's own stays as it is; type OTHER adds no tag.
    let krylova = find(&mapped, "Крылова", "Елизавета");
    assert_eq!(krylova.source, "UC_7KX2QF");
    assert_eq!(krylova.tags, Vec::<String>::new());
    assert_eq!(
        phones(krylova),
        [("work", "78126403020"), ("fax", "78126403021")]
    );

    let safin = find(&mapped, "Сафин", "Ринат");
    assert_eq!(safin.source, "Генератор продаж");
    assert_eq!(safin.tags, ["Партнёр"]);
    assert_eq!(find(&mapped, "Фомина", "Галина").source, "Сарафанное радио");
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
}

#[test]
fn amocrm_tags_dates_and_ids() {
    let (_, mapped) = import(AMOCRM);
    let lavrentiev = find(&mapped, "Лаврентьев", "Георгий");
    assert_eq!(lavrentiev.patronymic, "Павлович");
    // Two work phones in one cell.
    assert_eq!(
        phones(lavrentiev),
        [
            ("work", "74957771010"),
            ("work", "74957771011"),
            ("mobile", "79031002030")
        ]
    );
    assert_eq!(lavrentiev.tags, ["Выставка", "Опт"]);
    assert_eq!(lavrentiev.source, "Выставка");
    assert_eq!(lavrentiev.added_on, Some(day(2025, 3, 14)));
    assert_eq!(lavrentiev.inn, "7728123459");
    assert_eq!(extra(lavrentiev, "ID"), Some("40512345"));
    assert_eq!(lavrentiev.responsible, "Анна Менеджерова");

    let himprom = mapped
        .iter()
        .map(|m| &m.contact)
        .find(|c| c.company == "АО «Химпром»")
        .unwrap();
    assert_eq!(himprom.kind, ContactKind::Company);
    assert_eq!(himprom.source, "Холодный звонок");
    assert_eq!(extra(himprom, "Web"), Some("himprom.ru"));
    assert_eq!(himprom.added_on, Some(day(2024, 9, 2)));

    let melnikova = find(&mapped, "Мельникова", "Дарья");
    assert_eq!(melnikova.source, "");
    assert_eq!(melnikova.added_on, Some(day(2025, 12, 31)));

    let timofeev = mapped
        .iter()
        .find(|m| m.contact.surname == "Тимофеев")
        .unwrap();
    assert_eq!(
        phones(&timofeev.contact),
        [
            ("mobile", "79135554433"),
            ("other", "73832128506"),
            ("other", "79135554432")
        ]
    );
    // A mistyped ИНН is imported as typed, with a warning.
    assert_eq!(timofeev.contact.inn, "5403123456");
    assert_eq!(timofeev.warnings[0].kind, RowIssueKind::BadInn);
}

#[test]
fn excel_separator_line_and_carriage_returns() {
    let (prepared, mapped) = import(EXCEL_MAC);
    assert_eq!(prepared.table.headers[0], "Фамилия");
    let numbers: Vec<usize> = prepared.table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 3, 4]);
    let shirokov = find(&mapped, "Широков", "Антон");
    assert_eq!(shirokov.notes, "Скидка 5%;\nоплата по факту");
    assert_eq!(shirokov.status, Status::Client);
    assert_eq!(shirokov.added_on, Some(day(2025, 2, 12)));
    assert_eq!(find(&mapped, "Лыков", "Степан").status, Status::Former);
}

#[test]
fn first_rows_of_the_real_exports() {
    let (_, google) = import(GOOGLE_HEAD);
    let pestova = find(&google, "Пестова", "Анастасия");
    assert_eq!(pestova.patronymic, "Богдановна");
    assert_eq!(pestova.tags, ["Лиды"]);
    let (_, bitrix) = import(BITRIX_HEAD);
    assert_eq!(find(&bitrix, "Алексеева", "Регина").source, "Соцсети (VK)");
    let (_, amo) = import(AMOCRM_HEAD);
    let frolov = find(&amo, "Фролов", "Лазарь");
    assert_eq!(frolov.source, "Партнёр");
    assert_eq!(frolov.added_on, Some(day(2026, 9, 6)));
}
