//! vCard files as phones, Apple, Outlook and Google write them, read through the same
//! table and row mapping as CSV files; and Kartoteka's own vCard export read back.

mod common;

use common::{addresses, emails, extra, find, phones, CTX};
use kartoteka_core::{
    export_vcard, is_vcard, map_row, prepare_vcard, Address, AddressKind, Birthday, CardProblem,
    Contact, ContactKind, Email, EmailKind, ImportError, KindKey, Layout, MappedRow, Messenger,
    MessengerKind, Phone, PhoneKind, Prepared, RowIssue, RowIssueKind, VcardVersion,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Prepares a vCard file and maps every row, failing the test if a row is skipped.
fn import(bytes: &[u8]) -> (Prepared, Vec<MappedRow>) {
    let prepared = prepare_vcard(bytes).expect("the file reads");
    assert_eq!(prepared.mapping.layout, Layout::Vcard);
    let mapped = prepared
        .table
        .rows
        .iter()
        .map(|row| {
            map_row(row, &prepared.table.headers, &prepared.mapping, &CTX)
                .unwrap_or_else(|issue| panic!("{issue}"))
        })
        .collect();
    (prepared, mapped)
}

fn messengers(contact: &Contact) -> Vec<(&str, &str)> {
    contact
        .messengers
        .iter()
        .map(|m| (m.kind.key(), m.handle.as_str()))
        .collect()
}

fn day_month(day: u32, month: u32, year: Option<i32>) -> Option<Birthday> {
    Some(Birthday { day, month, year })
}

#[test]
fn vcard_2_1_from_a_phone_with_quoted_printable_cyrillic() {
    let bytes = fixture("vcard21_android.vcf");
    assert!(is_vcard(&bytes));
    let (prepared, mapped) = import(&bytes);
    assert_eq!(prepared.unreadable, []);
    assert_eq!(
        prepared
            .table
            .rows
            .iter()
            .map(|r| r.number)
            .collect::<Vec<_>>(),
        [1, 25]
    );

    let petrova = find(&mapped, "Петрова", "Мария");
    assert_eq!(petrova.patronymic, "Сергеевна");
    assert_eq!(petrova.company, "ООО «Ромашка»");
    // The preferred mobile first, then the rest in file order.
    assert_eq!(
        phones(petrova),
        [
            ("mobile", "79161234567"),
            ("mobile", "79161234568"),
            ("work", "74951234567")
        ]
    );
    assert_eq!(emails(petrova), [("personal", "petrova@mail.ru")]);
    assert_eq!(messengers(petrova), [("telegram", "@petrova")]);
    assert_eq!(petrova.birthday, day_month(7, 3, Some(1985)));
    // Soft line breaks joined, the encoded line break kept.
    assert_eq!(
        petrova.notes,
        "Главный бухгалтер, звонить до обеда.\n\
         Вторая строка заметки о клиенте, достаточно длинная для переноса."
    );

    // The other card is quoted-printable in windows-1251.
    let sidorov = find(&mapped, "Сидоров", "Пётр");
    assert_eq!(sidorov.patronymic, "Ильич");
    assert_eq!(
        phones(sidorov),
        [("home", "78125551212"), ("fax", "78125551213")]
    );
    assert!(mapped.iter().all(|m| m.warnings.is_empty()));
}

#[test]
fn vcard_3_0_from_apple_contacts() {
    let (prepared, mapped) = import(&fixture("vcard30_apple.vcf"));
    assert_eq!(prepared.unreadable, []);
    assert_eq!(mapped.len(), 3);

    let kuznetsov = find(&mapped, "Кузнецов", "Алексей");
    assert_eq!(kuznetsov.patronymic, "Викторович");
    assert_eq!(kuznetsov.company, "ООО «Вектор»");
    assert_eq!(extra(kuznetsov, "Отдел"), Some("Отдел закупок"));
    assert_eq!(kuznetsov.position, "Руководитель отдела закупок");
    assert_eq!(
        phones(kuznetsov),
        [
            ("mobile", "79031112233"),
            ("mobile", "79031112244"),
            ("work", "74957770000"),
            ("fax", "74957770001"),
        ]
    );
    assert_eq!(kuznetsov.phones[2].value, "+7 (495) 777-00-00 доб. 123");
    assert_eq!(
        emails(kuznetsov),
        [
            ("work", "a.kuznetsov@vector.ru"),
            ("work", "zakupki@vector.ru"),
            ("personal", "alex.k@gmail.com"),
        ]
    );
    assert_eq!(
        addresses(kuznetsov),
        [(
            "work",
            "ул. Тверская, д. 7, офис 12, Москва, 125009, Россия"
        )]
    );
    // Twitter is no messenger of the model, and is not taken for one.
    assert_eq!(
        messengers(kuznetsov),
        [
            ("skype", "alexey.kuz"),
            ("whatsapp", "+79031112233"),
            ("telegram", "https://t.me/alexkuz"),
        ]
    );
    assert_eq!(kuznetsov.website, "https://vector.ru");
    assert_eq!(extra(kuznetsov, "Сайт"), Some("https://kuznetsov.example"));
    assert_eq!(
        kuznetsov.notes,
        "Встреча на выставке «Иннопром», интересуется оптом.\nПерезвонить в марте; спросить про склад."
    );
    // Apple's made-up year of a birthday without one.
    assert_eq!(kuznetsov.birthday, day_month(23, 11, None));
    assert_eq!(kuznetsov.tags, ["Опт", "Выставка 2024", "Москва"]);

    let company = mapped
        .iter()
        .map(|m| &m.contact)
        .find(|c| c.kind == ContactKind::Company)
        .expect("the company card");
    assert_eq!(company.company, "АО «Северсталь-Трейд»");
    assert_eq!((company.surname.as_str(), company.name.as_str()), ("", ""));
    assert_eq!(emails(company), [("other", "info@severstal-trade.ru")]);
    assert_eq!(
        addresses(company),
        [(
            "work",
            "ул. Мира, д. 30, Череповец, Вологодская обл., 162608"
        )]
    );

    // A middle name in Latin script is part of the name, not a patronymic.
    let smith = find(&mapped, "Smith", "John Michael");
    assert_eq!(smith.patronymic, "");
    assert_eq!(
        messengers(smith),
        [
            ("skype", "john.smith.acme"),
            ("other", "john@jabber.example")
        ]
    );
}

#[test]
fn vcard_4_0_with_preferences_uris_and_year_less_birthdays() {
    let (prepared, mapped) = import(&fixture("vcard40.vcf"));
    assert_eq!(prepared.unreadable, []);
    let orlova = find(&mapped, "Орлова", "Екатерина");
    assert_eq!(orlova.patronymic, "Андреевна");
    assert_eq!(orlova.kind, ContactKind::Person);
    // PREF=1 before PREF=2 before none; all three mobiles survive.
    assert_eq!(
        phones(orlova),
        [
            ("mobile", "79265556677"),
            ("work", "74952223344"),
            ("mobile", "79265556678"),
            ("mobile", "79265556679"),
        ]
    );
    assert_eq!(orlova.phones[0].value, "+7-926-555-66-77");
    assert_eq!(
        emails(orlova),
        [
            ("work", "ek@orlova-shop.ru"),
            ("personal", "orlova.ek@yandex.ru")
        ]
    );
    assert_eq!(
        messengers(orlova),
        [
            ("other", "xmpp:orlova@jabber.ru"),
            ("telegram", "orlova_shop"),
            ("viber", "+79265556677"),
        ]
    );
    assert_eq!(
        addresses(orlova),
        [("home", "ул. Баумана, 5, Казань, 420111, Россия")]
    );
    assert_eq!(orlova.birthday, day_month(29, 2, None));
    assert_eq!(orlova.tags, ["Розница", "VIP"]);
    assert_eq!(orlova.website, "https://orlova-shop.ru");

    let alfa = mapped
        .iter()
        .map(|m| &m.contact)
        .find(|c| c.kind == ContactKind::Company)
        .expect("KIND:org is a company");
    assert_eq!(alfa.company, "ООО «Альфа»");
    assert_eq!(phones(alfa), [("work", "78001002030")]);

    // Without N, FN is split like any full name.
    let petrov = find(&mapped, "Петров", "Иван");
    assert_eq!(phones(petrov), [("other", "79001230000")]);
    assert_eq!(petrov.birthday, day_month(31, 12, None));
}

#[test]
fn vcard_2_1_in_windows_1251_without_quoted_printable() {
    let card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=WINDOWS-1251:Лебедева;Ольга;Игоревна;;\r\n\
                TEL;CELL:+7 902 000-11-22\r\nX-TELEGRAM:tg://resolve?domain=olga_l\r\n\
                END:VCARD\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(card);
    assert!(!unmappable);
    let (prepared, mapped) = import(&bytes);
    assert_eq!(prepared.decoded_encoding, "windows-1251");
    let lebedeva = find(&mapped, "Лебедева", "Ольга");
    assert_eq!(lebedeva.patronymic, "Игоревна");
    assert_eq!(messengers(lebedeva), [("telegram", "@olga_l")]);
}

#[test]
fn folded_lines_are_joined() {
    // 3.0 and 4.0 drop the space that folds a line; 2.1 keeps it, as it folds only at
    // whitespace that belongs to the text.
    let v3 = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Иван\r\n ов;Иван;;;\r\nNOTE:одна\r\n\t строка\r\n\
              END:VCARD\r\n";
    let (_, mapped) = import(v3.as_bytes());
    assert_eq!(mapped[0].contact.surname, "Иванов");
    assert_eq!(mapped[0].contact.notes, "одна строка");
    let v21 = "BEGIN:VCARD\nVERSION:2.1\nN:Иванов;Иван;;;\nNOTE:одна\n строка\nEND:VCARD\n";
    let (_, mapped) = import(v21.as_bytes());
    assert_eq!(mapped[0].contact.notes, "одна строка");
    // A line folded in the middle of a two-byte letter, as a 75-octet writer does.
    let long = format!("ж{}", "щ".repeat(40));
    let exported = export_vcard(
        [&Contact {
            surname: long.clone(),
            ..Contact::default()
        }],
        VcardVersion::V3,
    );
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(text.contains("\r\n "), "a long line is folded: {text}");
    let (_, mapped) = import(&exported);
    assert_eq!(mapped[0].contact.surname, long);
}

#[test]
fn several_phones_and_emails_of_one_type_all_survive() {
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Громов;Артём;Олегович;;\r\n\
                TEL;TYPE=CELL:+7 911 000-00-01\r\nTEL;TYPE=CELL:+7 911 000-00-02\r\n\
                TEL;TYPE=CELL:+7 911 000-00-03\r\nTEL;TYPE=WORK:+7 812 000-00-04\r\n\
                TEL;TYPE=WORK:+7 812 000-00-05\r\nEMAIL;TYPE=WORK:a@gromov.ru\r\n\
                EMAIL;TYPE=WORK:b@gromov.ru\r\nEMAIL;TYPE=WORK:c@gromov.ru\r\nEND:VCARD\r\n";
    let (_, mapped) = import(file.as_bytes());
    let gromov = &mapped[0].contact;
    assert_eq!(
        phones(gromov),
        [
            ("mobile", "79110000001"),
            ("mobile", "79110000002"),
            ("mobile", "79110000003"),
            ("work", "78120000004"),
            ("work", "78120000005"),
        ]
    );
    assert_eq!(
        emails(gromov),
        [
            ("work", "a@gromov.ru"),
            ("work", "b@gromov.ru"),
            ("work", "c@gromov.ru")
        ]
    );
}

#[test]
fn a_malformed_card_among_good_ones_is_reported_and_the_rest_import() {
    let (prepared, mapped) = import(&fixture("vcard_malformed.vcf"));
    let names: Vec<&str> = mapped.iter().map(|m| m.contact.surname.as_str()).collect();
    assert_eq!(names, ["Белов", "Волков"]);
    assert_eq!(
        prepared
            .table
            .rows
            .iter()
            .map(|r| r.number)
            .collect::<Vec<_>>(),
        [1, 23]
    );
    let bad = |row: usize, card: usize, problem: CardProblem, value: &str| RowIssue {
        row,
        column: None,
        value: value.to_owned(),
        kind: RowIssueKind::BadCard { card, problem },
    };
    assert_eq!(
        prepared.unreadable,
        [
            bad(6, 2, CardProblem::Unterminated, "Оборванный Олег"),
            bad(13, 3, CardProblem::NotAProperty, "Это не свойство vCard"),
            bad(16, 4, CardProblem::NothingIdentifies, ""),
            bad(20, 4, CardProblem::OutsideCard, "BEGN:VCARD"),
        ]
    );
    assert_eq!(prepared.record_count(), 6);
    assert_eq!(
        prepared.unreadable[0].to_string(),
        "card 2 (line 6) has no END:VCARD, so it is skipped: \"Оборванный Олег\""
    );
}

#[test]
fn files_that_are_no_vcard() {
    assert!(matches!(
        prepare_vcard(b"\r\n\r\n"),
        Err(ImportError::Empty)
    ));
    assert!(matches!(
        prepare_vcard("Фамилия;Имя\r\nИванов;Иван\r\n".as_bytes()),
        Err(ImportError::NoCards)
    ));
    assert!(!is_vcard("Фамилия;Имя\r\n".as_bytes()));
    let only_broken = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Иванов;Иван;;;\r\n";
    assert!(matches!(
        prepare_vcard(only_broken.as_bytes()),
        Err(ImportError::NoCards)
    ));
}

/// Contacts that use every field vCard has a place for, with text that needs escaping
/// and folding.
fn exportable() -> Vec<Contact> {
    let phone = |kind, value: &str| Phone {
        kind,
        value: value.to_owned(),
        normalized: kartoteka_core::normalize_phone(value),
        confirmed_on: None,
    };
    let email = |kind, value: &str| Email {
        kind,
        value: value.to_owned(),
        confirmed_on: None,
    };
    let person = Contact {
        surname: "Полякова".into(),
        name: "Нинель".into(),
        patronymic: "Святославовна".into(),
        company: "Абрамов, Петров и партнёры; юристы".into(),
        position: "Генеральный директор".into(),
        phones: vec![
            phone(PhoneKind::Mobile, "+7 900 000-00-01"),
            phone(PhoneKind::Mobile, "+7 900 000-00-02"),
            phone(PhoneKind::Work, "8 (495) 123-45-67, доб. 12"),
            phone(PhoneKind::Home, "+7 495 765-43-21"),
            phone(PhoneKind::Fax, "+7 495 765-43-22"),
            phone(PhoneKind::Other, "+7 495 765-43-23"),
        ],
        emails: vec![
            email(EmailKind::Work, "n.polyakova@abramov.ru"),
            email(EmailKind::Work, "office@abramov.ru"),
            email(EmailKind::Personal, "ninel1985@mail.ru"),
            email(EmailKind::Other, "ninel@example.org"),
        ],
        messengers: [
            (MessengerKind::Telegram, "@ninel"),
            (MessengerKind::Whatsapp, "+79000000001"),
            (MessengerKind::Viber, "@ninel_v"),
            (MessengerKind::Skype, "ninel.skype"),
            (MessengerKind::Icq, "123456"),
            (MessengerKind::Vk, "https://vk.com/id1"),
            (MessengerKind::Other, "ninel@jabber.ru"),
        ]
        .into_iter()
        .map(|(kind, handle)| Messenger {
            kind,
            handle: handle.into(),
        })
        .collect(),
        addresses: [
            (AddressKind::Work, "г. Тула, ул. Мира, д. 1; офис 5"),
            (AddressKind::Home, "г. Тула, ул. Ленина, д. 2, кв. 3"),
            (AddressKind::Legal, "г. Москва, ул. Ленина, д. 2"),
            (AddressKind::Postal, "а/я 15"),
            (AddressKind::Other, "дача"),
        ]
        .into_iter()
        .map(|(kind, value)| Address {
            kind,
            value: value.into(),
        })
        .collect(),
        website: "https://abramov.ru/ninel?a=1;b=2".into(),
        notes: "Просил перезвонить после 23.10;\nсекретарь: \"Наина\", \\ обратная черта\n\n\
                и очень длинная строка заметки, которой точно не хватит семидесяти пяти октетов"
            .into(),
        birthday: Some(Birthday {
            day: 29,
            month: 2,
            year: Some(1984),
        }),
        tags: vec!["опт".into(), "vip".into(), "Москва".into()],
        ..Contact::default()
    };
    let company = Contact {
        kind: ContactKind::Company,
        company: "ООО «Ромашка»".into(),
        phones: vec![phone(PhoneKind::Work, "8 800 100-20-30")],
        ..Contact::default()
    };
    let yearless = Contact {
        name: "Анна".into(),
        emails: vec![email(EmailKind::Personal, "anna@example.ru")],
        birthday: Some(Birthday {
            day: 7,
            month: 3,
            year: None,
        }),
        ..Contact::default()
    };
    vec![person, company, yearless]
}

fn assert_round_trip(version: VcardVersion) {
    let originals = exportable();
    let bytes = export_vcard(&originals, version);
    let (prepared, mapped) = import(&bytes);
    assert_eq!(prepared.unreadable, [], "{version:?}");
    assert_eq!(mapped.len(), originals.len());
    for (back, original) in mapped.iter().zip(&originals) {
        assert_eq!(back.warnings, [], "{version:?}");
        let mut back = back.contact.clone();
        // What every imported record gets from the import itself.
        assert_eq!(back.added_on, Some(CTX.today));
        assert_eq!((back.created_at, back.updated_at), (CTX.now, CTX.now));
        back.added_on = None;
        back.created_at = 0;
        back.updated_at = 0;
        assert_eq!(&back, original, "{version:?}");
    }
}

#[test]
fn vcard_3_0_export_imports_back_as_the_same_contacts() {
    assert_round_trip(VcardVersion::V3);
}

#[test]
fn vcard_4_0_export_imports_back_as_the_same_contacts() {
    assert_round_trip(VcardVersion::V4);
}

#[test]
fn export_is_utf8_crlf_folded_and_escaped() {
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let bytes = export_vcard(&exportable(), version);
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(!text.starts_with('\u{feff}'));
        assert!(text.ends_with("END:VCARD\r\n"));
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert_eq!(unfolded.matches("BEGIN:VCARD\r\n").count(), 3);
        assert!(unfolded.contains(&format!("\r\nVERSION:{}\r\n", version.number())));
        assert!(unfolded.contains("\r\nN:Полякова;Нинель;Святославовна;;\r\n"));
        assert!(unfolded.contains("\r\nORG:Абрамов\\, Петров и партнёры\\; юристы\r\n"));
        assert!(unfolded.contains("секретарь: \"Наина\"\\, \\\\ обратная черта\\n\\nи очень"));
        assert!(unfolded.contains("\r\nCATEGORIES:опт,vip,Москва\r\n"));
    }
    let v4 = String::from_utf8(export_vcard(&exportable(), VcardVersion::V4)).unwrap();
    let v4 = v4.replace("\r\n ", "");
    assert!(v4.contains("\r\nTEL;VALUE=text;TYPE=cell;PREF=1:+7 900 000-00-01\r\n"));
    assert!(v4.contains("\r\nKIND:org\r\n"));
    assert!(v4.contains("\r\nBDAY:19840229\r\n"));
    assert!(v4.contains("\r\nBDAY:--0307\r\n"));
    let v3 = String::from_utf8(export_vcard(&exportable(), VcardVersion::V3)).unwrap();
    let v3 = v3.replace("\r\n ", "");
    assert!(v3.contains("\r\nTEL;TYPE=CELL,PREF:+7 900 000-00-01\r\n"));
    assert!(v3.contains("\r\nEMAIL;TYPE=INTERNET,HOME:ninel1985@mail.ru\r\n"));
    assert!(v3.contains("\r\nX-ABShowAs:COMPANY\r\n"));
    assert!(v3.contains("\r\nBDAY:1984-02-29\r\n"));
    assert!(v3.contains("\r\nBDAY:--03-07\r\n"));
}
