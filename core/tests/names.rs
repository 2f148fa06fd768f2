//! Full names as they arrive in one "ФИО" column, split into their parts.

use kartoteka_core::{join_full_name, split_full_name, NameParts};

/// Surname, name and patronymic.
fn parts(surname: &str, name: &str, patronymic: &str) -> NameParts {
    NameParts {
        surname: surname.to_owned(),
        name: name.to_owned(),
        patronymic: patronymic.to_owned(),
    }
}

/// Each typed name with the parts it must give, as (typed, surname, name, patronymic).
const CASES: &[(&str, &str, &str, &str)] = &[
    // The usual order, and the order of a letter's signature.
    ("Иванов Иван Иванович", "Иванов", "Иван", "Иванович"),
    ("Иван Иванович Иванов", "Иванов", "Иван", "Иванович"),
    ("Петрова Мария Сергеевна", "Петрова", "Мария", "Сергеевна"),
    ("Мария Сергеевна Петрова", "Петрова", "Мария", "Сергеевна"),
    ("Мамедов Рашид Алиевич", "Мамедов", "Рашид", "Алиевич"),
    ("Соловьёв Пётр Алексеевич", "Соловьёв", "Пётр", "Алексеевич"),
    (
        "Кузнецова Ольга Ильинична",
        "Кузнецова",
        "Ольга",
        "Ильинична",
    ),
    ("Ульянов Владимир Ильич", "Ульянов", "Владимир", "Ильич"),
    ("Сидоров Фёдор Кузьмич", "Сидоров", "Фёдор", "Кузьмич"),
    ("Лукина Анна Фоминична", "Лукина", "Анна", "Фоминична"),
    ("Зайцева Ирина Саввична", "Зайцева", "Ирина", "Саввична"),
    (
        "Шевченко Тарас Григорьевич",
        "Шевченко",
        "Тарас",
        "Григорьевич",
    ),
    ("Коваленко Олена Іванівна", "Коваленко", "Олена", "Іванівна"),
    // Surnames that end like patronymics.
    (
        "Рабинович Абрам Моисеевич",
        "Рабинович",
        "Абрам",
        "Моисеевич",
    ),
    (
        "Абрам Моисеевич Рабинович",
        "Рабинович",
        "Абрам",
        "Моисеевич",
    ),
    ("Ольга Петровна Бабич", "Бабич", "Ольга", "Петровна"),
    ("Бабич Ольга Петровна", "Бабич", "Ольга", "Петровна"),
    // Turkic patronymics.
    ("Алиев Эльдар Гусейн оглы", "Алиев", "Эльдар", "Гусейн оглы"),
    ("Эльдар Гусейн оглы Алиев", "Алиев", "Эльдар", "Гусейн оглы"),
    (
        "Гасанова Лейла Рашид кызы",
        "Гасанова",
        "Лейла",
        "Рашид кызы",
    ),
    (
        "Мамедова Севиль Ильхам гызы",
        "Мамедова",
        "Севиль",
        "Ильхам гызы",
    ),
    (
        "Назарбаев Нурлан Ержан улы",
        "Назарбаев",
        "Нурлан",
        "Ержан улы",
    ),
    ("Алиев Эльдар Гусейн-оглы", "Алиев", "Эльдар", "Гусейн-оглы"),
    ("Алиев Эльдар Гусейн ОГЛЫ", "Алиев", "Эльдар", "Гусейн ОГЛЫ"),
    // Hyphenated surnames, with and without spaces around the hyphen.
    (
        "Римский-Корсаков Николай Андреевич",
        "Римский-Корсаков",
        "Николай",
        "Андреевич",
    ),
    (
        "Петрова-Водкина Анна Сергеевна",
        "Петрова-Водкина",
        "Анна",
        "Сергеевна",
    ),
    (
        "Анна Сергеевна Петрова-Водкина",
        "Петрова-Водкина",
        "Анна",
        "Сергеевна",
    ),
    (
        "Римский - Корсаков Николай Андреевич",
        "Римский-Корсаков",
        "Николай",
        "Андреевич",
    ),
    // Stray spaces, commas, case as typed.
    ("  Иванов   Иван\tИванович  ", "Иванов", "Иван", "Иванович"),
    ("Иванов,\u{a0}Иван Иванович", "Иванов", "Иван", "Иванович"),
    ("ИВАНОВ ИВАН ИВАНОВИЧ", "ИВАНОВ", "ИВАН", "ИВАНОВИЧ"),
    ("иванов иван иванович", "иванов", "иван", "иванович"),
    // Two words.
    ("Иванов Иван", "Иванов", "Иван", ""),
    ("Иван Иванов", "Иванов", "Иван", ""),
    ("Анна Иванова", "Иванова", "Анна", ""),
    ("Иванова Анна", "Иванова", "Анна", ""),
    ("Лев Толстой", "Толстой", "Лев", ""),
    ("Марина Цветаева", "Цветаева", "Марина", ""),
    ("Кузнецов Эльдар", "Кузнецов", "Эльдар", ""),
    ("Эльдар Рязанов", "Рязанов", "Эльдар", ""),
    ("Ким Сергей", "Ким", "Сергей", ""),
    ("Иван Петрович", "", "Иван", "Петрович"),
    ("Мария Петровна", "", "Мария", "Петровна"),
    // One word.
    ("Иванов", "Иванов", "", ""),
    ("Светлана", "", "Светлана", ""),
    ("Кузнецова", "Кузнецова", "", ""),
    // Initials, kept as typed.
    ("Иванов И. И.", "Иванов", "И.", "И."),
    ("Иванов И.И.", "Иванов", "И.", "И."),
    ("И. И. Иванов", "Иванов", "И.", "И."),
    ("И.И. Иванов", "Иванов", "И.", "И."),
    ("Иванов И.", "Иванов", "И.", ""),
    ("И. Иванов", "Иванов", "И.", ""),
    ("Иванов Иван И.", "Иванов", "Иван", "И."),
    ("Иванов И. Иванович", "Иванов", "И.", "Иванович"),
    ("Петров-Водкин К. С.", "Петров-Водкин", "К.", "С."),
    // Three words without a patronymic: the Russian order still.
    ("Иванов Иван Иваныч", "Иванов", "Иван", "Иваныч"),
    ("Анна Мария Иванова", "Иванова", "Анна Мария", ""),
    // Four words and more without a patronymic are not forced into three parts.
    (
        "Мохаммед бин Рашид Аль Мактум",
        "",
        "Мохаммед бин Рашид Аль Мактум",
        "",
    ),
    (
        "Салтыков Щедрин Михаил Евграфович",
        "Салтыков Щедрин",
        "Михаил",
        "Евграфович",
    ),
    // Other scripts: no patronymic, the last word is the surname.
    ("John Smith", "Smith", "John", ""),
    ("Anna Maria Müller", "Müller", "Anna Maria", ""),
    ("J. R. R. Tolkien", "Tolkien", "J. R. R.", ""),
    ("Smith J.", "Smith", "J.", ""),
    ("Madonna", "", "Madonna", ""),
    ("Ivanov Ivan Ivanovich", "Ivanovich", "Ivanov Ivan", ""),
    ("Jean-Paul Sartre", "Sartre", "Jean-Paul", ""),
    ("Σωκράτης Παπαδόπουλος", "Παπαδόπουλος", "Σωκράτης", ""),
    // Nothing.
    ("", "", "", ""),
    ("   ", "", "", ""),
    (" , - ", "", "", ""),
];

#[test]
fn full_names_split_into_their_parts() {
    let mut failures = Vec::new();
    for &(typed, surname, name, patronymic) in CASES {
        let got = split_full_name(typed);
        if got != parts(surname, name, patronymic) {
            failures.push(format!(
                "{typed:?}: got ({:?}, {:?}, {:?}), expected ({surname:?}, {name:?}, {patronymic:?})",
                got.surname, got.name, got.patronymic
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(CASES.len() >= 30);
}

#[test]
fn joined_names_split_back_into_the_same_parts() {
    for &(typed, surname, name, patronymic) in CASES {
        let expected = parts(surname, name, patronymic);
        let joined = join_full_name(&expected);
        assert_eq!(
            split_full_name(&joined),
            expected,
            "{typed:?} joined as {joined:?}"
        );
    }
}

#[test]
fn joining_follows_the_script() {
    assert_eq!(
        join_full_name(&parts("Иванов", "Иван", "Иванович")),
        "Иванов Иван Иванович"
    );
    assert_eq!(join_full_name(&parts("Иванов", "Иван", "")), "Иванов Иван");
    assert_eq!(
        join_full_name(&parts("", "Иван", "Петрович")),
        "Иван Петрович"
    );
    assert_eq!(join_full_name(&parts("Smith", "John", "")), "John Smith");
    assert_eq!(join_full_name(&parts(" Smith ", "", "")), "Smith");
    assert_eq!(join_full_name(&NameParts::default()), "");
}

#[test]
fn parts_know_when_they_are_empty() {
    assert!(split_full_name("").is_empty());
    assert!(!split_full_name("Иван").is_empty());
}

#[test]
fn several_first_names_come_first_when_joined() {
    let both = parts("Иванова", "Анна Мария", "Петровна");
    assert_eq!(join_full_name(&both), "Анна Мария Петровна Иванова");
    assert_eq!(split_full_name("Анна Мария Петровна Иванова"), both);
    let western = parts("Иванова", "Анна Мария", "");
    assert_eq!(join_full_name(&western), "Анна Мария Иванова");
}
