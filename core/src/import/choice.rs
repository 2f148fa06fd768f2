//! A mapping chosen by hand: what the user says each column holds when the headers were
//! not recognised, or were recognised wrongly, and the key under which that choice is
//! remembered for the next file with the same headers.
//!
//! A [`Target`] is one choice in the mapping screen's list: any field [`recognise`] can
//! give a column, or one of three ways to treat a column no field takes (keep its text as
//! an extra field, make it one of the team's own fields, or leave it out). Targets have
//! stable string keys, so a choice can be stored and read back by a later version.
//!
//! [`recognise`]: super::recognise

use sha2::{Digest, Sha256};

use super::header::{normalise_header, Field, Layout, Mapping, SlotPart};
use crate::model::{AddressKind, EmailKind, KindKey, MessengerKind, PhoneKind};

/// What the user says a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A field of the record.
    Field(Field),
    /// The text is kept on the record as an extra field named by the header: what a
    /// column of unknown meaning becomes.
    Extra,
    /// The column becomes one of the team's own fields, named by its header, so it can be
    /// filtered by and shows on every card.
    Own,
    /// The column is not imported.
    Skip,
}

/// The fields offered for every column, in the order of the mapping screen's list: the
/// name, the company, the contacts, then the rest of the card. Kinds of phones, e-mails,
/// messengers and addresses and the numbered columns of Kartoteka's export come after.
const FIELDS: [Field; 23] = [
    Field::FullName,
    Field::Surname,
    Field::Name,
    Field::Patronymic,
    Field::Company,
    Field::Position,
    Field::Kind,
    Field::Source,
    Field::Status,
    Field::Responsible,
    Field::Tags,
    Field::Notes,
    Field::ConfirmedOn,
    Field::AddedOn,
    Field::Birthday,
    Field::Inn,
    Field::Kpp,
    Field::LegalForm,
    Field::Industry,
    Field::Website,
    Field::CreatedAt,
    Field::UpdatedAt,
    // Kept last: only Kartoteka's own export has columns computed on export.
    Field::Derived,
];

impl Target {
    /// The target a column of `mapping` already has: an unknown column's text is kept as
    /// an extra field, and a computed column is skipped.
    pub fn of(field: Option<Field>) -> Target {
        match field {
            None => Target::Extra,
            Some(Field::Derived) => Target::Skip,
            Some(field) => Target::Field(field),
        }
    }

    /// The column of a [`Mapping`] this target makes: `None` (an extra field, which the
    /// import may then file under an own field) for [`Target::Extra`] and [`Target::Own`].
    pub fn field(self) -> Option<Field> {
        match self {
            Target::Field(field) => Some(field),
            Target::Extra | Target::Own => None,
            Target::Skip => Some(Field::Derived),
        }
    }

    /// A stable key: "surname", "phone:mobile", "phone_slot:2:kind", "skip", …
    pub fn key(self) -> String {
        let field = match self {
            Target::Extra => return "extra".to_owned(),
            Target::Own => return "own".to_owned(),
            Target::Skip => return "skip".to_owned(),
            Target::Field(field) => field,
        };
        let slot = |list: &str, n: u8, part: SlotPart| {
            let part = match part {
                SlotPart::Value => "value",
                SlotPart::Kind => "kind",
                SlotPart::ConfirmedOn => "confirmed_on",
            };
            format!("{list}_slot:{n}:{part}")
        };
        let name = match field {
            Field::Phone(kind) => return format!("phone:{}", kind.key()),
            Field::Email(kind) => return format!("email:{}", kind.key()),
            Field::Messenger(kind) => return format!("messenger:{}", kind.key()),
            Field::Address(kind) => return format!("address:{}", kind.key()),
            Field::PhoneSlot { n, part } => return slot("phone", n, part),
            Field::EmailSlot { n, part } => return slot("email", n, part),
            Field::MessengerSlot { n, part } => return slot("messenger", n, part),
            Field::AddressSlot { n, part } => return slot("address", n, part),
            Field::Surname => "surname",
            Field::Name => "name",
            Field::Patronymic => "patronymic",
            Field::FullName => "full_name",
            Field::Kind => "kind",
            Field::Company => "company",
            Field::Position => "position",
            Field::Source => "source",
            Field::Status => "status",
            Field::ConfirmedOn => "confirmed_on",
            Field::AddedOn => "added_on",
            Field::Inn => "inn",
            Field::Kpp => "kpp",
            Field::Notes => "notes",
            Field::Responsible => "responsible",
            Field::Birthday => "birthday",
            Field::Website => "website",
            Field::LegalForm => "legal_form",
            Field::Industry => "industry",
            Field::Custom => "export_custom",
            Field::Tags => "tags",
            Field::CreatedAt => "created_at",
            Field::UpdatedAt => "updated_at",
            Field::Extra => "export_extra",
            Field::Derived => "derived",
        };
        name.to_owned()
    }

    /// The target whose [`key`](Target::key) is `key`, if any.
    ///
    /// ```
    /// use kartoteka_core::{Field, PhoneKind, SlotPart, Target};
    ///
    /// let phone = Target::Field(Field::Phone(PhoneKind::Work));
    /// assert_eq!(Target::from_key(&phone.key()), Some(phone));
    /// let slot = Target::Field(Field::EmailSlot { n: 2, part: SlotPart::Kind });
    /// assert_eq!(slot.key(), "email_slot:2:kind");
    /// assert_eq!(Target::from_key("email_slot:2:kind"), Some(slot));
    /// assert_eq!(Target::from_key("phone:pigeon"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Target> {
        match key {
            "extra" => return Some(Target::Extra),
            "own" => return Some(Target::Own),
            "skip" => return Some(Target::Skip),
            "export_custom" => return Some(Target::Field(Field::Custom)),
            "export_extra" => return Some(Target::Field(Field::Extra)),
            _ => {}
        }
        if let Some((list, rest)) = key.split_once("_slot:") {
            let (n, part) = rest.split_once(':')?;
            let n: u8 = n.parse().ok().filter(|&n| n > 0)?;
            let part = match part {
                "value" => SlotPart::Value,
                "kind" => SlotPart::Kind,
                "confirmed_on" => SlotPart::ConfirmedOn,
                _ => return None,
            };
            let field = match list {
                "phone" => Field::PhoneSlot { n, part },
                "email" => Field::EmailSlot { n, part },
                "messenger" => Field::MessengerSlot { n, part },
                "address" => Field::AddressSlot { n, part },
                _ => return None,
            };
            return Some(Target::Field(field));
        }
        if let Some((list, kind)) = key.split_once(':') {
            let field = match list {
                "phone" => Field::Phone(PhoneKind::from_key(kind)?),
                "email" => Field::Email(EmailKind::from_key(kind)?),
                "messenger" => Field::Messenger(MessengerKind::from_key(kind)?),
                "address" => Field::Address(AddressKind::from_key(kind)?),
                _ => return None,
            };
            return Some(Target::Field(field));
        }
        FIELDS
            .into_iter()
            .map(Target::Field)
            .find(|target| target.key() == key)
    }
}

/// Every target the mapping screen offers for the columns of `mapping`: the three ways
/// to treat a column no field takes, every field, each kind of phone, e-mail, messenger
/// and address, and the numbered columns of Kartoteka's export up to the highest number
/// the file has (at least 1). The export's "Доп.: …" and "Поле: …" columns are offered
/// only when the file has them, as only their headers carry the field's name.
///
/// ```
/// use kartoteka_core::{recognise, target_choices, Field, PhoneKind, Target};
///
/// let mapping = recognise(&["Клиент".to_owned()]);
/// let choices = target_choices(&mapping);
/// assert_eq!(choices[..3], [Target::Skip, Target::Extra, Target::Own]);
/// assert!(choices.contains(&Target::Field(Field::Phone(PhoneKind::Fax))));
/// ```
pub fn target_choices(mapping: &Mapping) -> Vec<Target> {
    let mut choices = vec![Target::Skip, Target::Extra, Target::Own];
    let fields = FIELDS.iter().copied().filter(|&f| f != Field::Derived);
    choices.extend(fields.map(Target::Field));
    let kinds = PhoneKind::ALL
        .iter()
        .map(|&k| Field::Phone(k))
        .chain(EmailKind::ALL.iter().map(|&k| Field::Email(k)))
        .chain(MessengerKind::ALL.iter().map(|&k| Field::Messenger(k)))
        .chain(AddressKind::ALL.iter().map(|&k| Field::Address(k)));
    choices.extend(kinds.map(Target::Field));
    let highest = mapping
        .columns
        .iter()
        .filter_map(|field| match field {
            Some(
                Field::PhoneSlot { n, .. }
                | Field::EmailSlot { n, .. }
                | Field::MessengerSlot { n, .. }
                | Field::AddressSlot { n, .. },
            ) => Some(*n),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    use SlotPart::{ConfirmedOn, Kind, Value};
    for n in 1..=highest {
        for part in [Value, Kind, ConfirmedOn] {
            choices.push(Target::Field(Field::PhoneSlot { n, part }));
        }
        for part in [Value, Kind, ConfirmedOn] {
            choices.push(Target::Field(Field::EmailSlot { n, part }));
        }
        for part in [Value, Kind] {
            choices.push(Target::Field(Field::MessengerSlot { n, part }));
        }
        for part in [Value, Kind] {
            choices.push(Target::Field(Field::AddressSlot { n, part }));
        }
    }
    for export_only in [Field::Extra, Field::Custom] {
        if mapping.columns.contains(&Some(export_only)) {
            choices.push(Target::Field(export_only));
        }
    }
    choices
}

/// `mapping` with its columns holding `targets` (one per column).
///
/// The layout and the columns' date orders are kept: the layout says how the file's
/// program writes its values (how Outlook splits an address, how Bitrix24 codes a
/// source), and the date orders were read from the values; a choice of field changes
/// neither.
///
/// ```
/// use kartoteka_core::{apply_targets, recognise, Field, Layout, Target};
///
/// let recognised = recognise(&["Клиент", "Цвет", "Заметка"].map(String::from));
/// let targets = [Target::Field(Field::FullName), Target::Skip, Target::Own];
/// let mapping = apply_targets(&recognised, &targets);
/// assert_eq!(mapping.layout, Layout::Unknown);
/// assert_eq!(mapping.columns, [Some(Field::FullName), Some(Field::Derived), None]);
/// ```
pub fn apply_targets(mapping: &Mapping, targets: &[Target]) -> Mapping {
    Mapping {
        columns: targets.iter().map(|target| target.field()).collect(),
        ..mapping.clone()
    }
}

impl Mapping {
    /// Whether the user should be asked what the columns hold: the file is of no known
    /// layout, or a column has no field (it would only be kept as an extra field).
    pub fn needs_review(&self) -> bool {
        self.layout == Layout::Unknown || self.columns.iter().any(Option::is_none)
    }

    /// Whether `self` understands fewer columns of the same file than `other`: when a
    /// file is read again in another encoding and its headers turn to nonsense, the
    /// columns still hold what they held, so the earlier mapping is the better one.
    ///
    /// ```
    /// use kartoteka_core::recognise;
    ///
    /// let read = recognise(&["Фамилия".to_owned(), "Телефон".to_owned()]);
    /// let misread = recognise(&["тЮЛХКХЪ".to_owned(), "рЕКЕТНМ".to_owned()]);
    /// assert!(misread.understands_less_than(&read));
    /// assert!(!read.understands_less_than(&misread));
    /// ```
    pub fn understands_less_than(&self, other: &Mapping) -> bool {
        let known = |m: &Mapping| m.columns.iter().filter(|c| c.is_some()).count();
        self.columns.len() == other.columns.len() && known(self) < known(other)
    }
}

/// The key of a set of headers, under which a mapping chosen for them is remembered:
/// the headers normalised as [`recognise`](super::recognise) reads them (case, `ё`,
/// spacing, a trailing `:` or `*`), in order, hashed, so that the same sheet saved again
/// by another program or with "Телефон " for "Телефон" gets the same key, and the key
/// says nothing of the headers to someone reading the device's storage.
///
/// ```
/// use kartoteka_core::header_set_key;
///
/// let a = header_set_key(&["Клиент".to_owned(), "Мобильный номер".to_owned()]);
/// let b = header_set_key(&[" КЛИЕНТ ".to_owned(), "мобильный   номер:".to_owned()]);
/// assert_eq!(a, b);
/// assert_eq!(a.len(), 32);
/// ```
pub fn header_set_key(headers: &[String]) -> String {
    let mut hash = Sha256::new();
    for header in headers {
        hash.update(normalise_header(header).as_bytes());
        // A separator no header holds, so ["ab", "c"] and ["a", "bc"] differ.
        hash.update([0x1f]);
    }
    hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::recognise;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|&name| name.to_owned()).collect()
    }

    #[test]
    fn every_choice_has_a_key_that_reads_back() {
        let mapping = recognise(&headers(&[
            "Телефон 1",
            "Телефон 1: тип",
            "Адрес 3",
            "Доп.: Цвет",
            "Поле: Парк",
        ]));
        let choices = target_choices(&mapping);
        for (i, target) in choices.iter().enumerate() {
            assert_eq!(Target::from_key(&target.key()), Some(*target), "{target:?}");
            assert!(!choices[..i].contains(target), "twice: {target:?}");
        }
        assert!(choices.contains(&Target::Field(Field::AddressSlot {
            n: 3,
            part: SlotPart::Kind
        })));
        assert!(!choices.contains(&Target::Field(Field::PhoneSlot {
            n: 4,
            part: SlotPart::Value
        })));
        assert!(choices.contains(&Target::Field(Field::Custom)));
        assert_eq!(
            Target::from_key("derived"),
            Some(Target::Field(Field::Derived))
        );
        for nonsense in [
            "",
            "phone",
            "phone_slot:0:value",
            "fax_slot:1:value",
            "pigeon",
        ] {
            assert_eq!(Target::from_key(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn every_field_of_a_recognised_file_is_among_the_choices() {
        let files = [
            &["Фамилия", "Имя", "Отчество", "Моб. телефон", "Комментарий"][..],
            &[
                "Тип",
                "Телефон 1",
                "Телефон 1: тип",
                "Актуальность",
                "Создан",
            ],
            &[
                "First Name",
                "Last Name",
                "Business Phone",
                "E-mail Address",
            ],
            &[
                "ИНН",
                "КПП",
                "ОПФ",
                "Отрасль",
                "Сайт",
                "День рождения",
                "Ответственный",
            ],
        ];
        for names in files {
            let mapping = recognise(&headers(names));
            let choices = target_choices(&mapping);
            for field in &mapping.columns {
                assert!(choices.contains(&Target::of(*field)), "{field:?}");
            }
        }
    }

    #[test]
    fn the_targets_of_a_mapping_make_the_same_mapping() {
        let mapping = recognise(&headers(&["ФИО", "Телефон", "Цвет глаз", "Актуальность"]));
        let targets: Vec<Target> = mapping.columns.iter().map(|&f| Target::of(f)).collect();
        assert_eq!(
            targets,
            [
                Target::Field(Field::FullName),
                Target::Field(Field::Phone(PhoneKind::Mobile)),
                Target::Extra,
                Target::Skip
            ]
        );
        assert_eq!(apply_targets(&mapping, &targets), mapping);
    }

    #[test]
    fn a_chosen_mapping_imports_the_row() {
        use crate::import::{map_row, ImportContext, Row};
        let names = headers(&[
            "Клиент",
            "Мобильный номер",
            "Почтовый ящик",
            "Откуда пришёл",
            "Любимый цвет",
        ]);
        let recognised = recognise(&names);
        assert!(recognised.needs_review());
        let targets = [
            Target::Field(Field::FullName),
            Target::Field(Field::Phone(PhoneKind::Mobile)),
            Target::Field(Field::Email(EmailKind::Work)),
            Target::Field(Field::Source),
            Target::Skip,
        ];
        let mapping = apply_targets(&recognised, &targets);
        let row = Row {
            number: 2,
            cells: [
                "Сидоров Пётр",
                "8 916 123-45-67",
                "petr@example.ru",
                "Выставка",
                "синий",
            ]
            .map(String::from)
            .to_vec(),
        };
        let ctx = ImportContext {
            now: 0,
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        };
        let contact = map_row(&row, &names, &mapping, &ctx).unwrap().contact;
        assert_eq!(
            (contact.surname.as_str(), contact.name.as_str()),
            ("Сидоров", "Пётр")
        );
        assert_eq!(contact.phones[0].normalized, "79161234567");
        assert_eq!(contact.emails[0].value, "petr@example.ru");
        assert_eq!(contact.source, "Выставка");
        // Skipped, not kept as an extra field.
        assert!(contact.extra.is_empty(), "{:?}", contact.extra);
        // Without the choice the row identifies no one.
        assert!(map_row(&row, &names, &recognised, &ctx).is_err());
    }

    #[test]
    fn review_is_asked_for_unknown_files_and_unknown_columns() {
        let excel = recognise(&headers(&["Фамилия", "Имя", "Телефон"]));
        assert!(!excel.needs_review());
        let with_unknown = recognise(&headers(&["Фамилия", "Имя", "Телефон", "Цвет глаз"]));
        assert!(with_unknown.needs_review());
        let english = recognise(&headers(&["Last Name", "First Name", "Mobile Phone"]));
        assert_eq!(english.layout, Layout::Unknown);
        assert!(english.needs_review());
    }

    #[test]
    fn headers_match_whatever_their_case_and_spacing() {
        let plain = headers(&["Фамилия", "Имя", "Моб. телефон", "Откуда пришёл"]);
        let typed = headers(&[
            "  ФАМИЛИЯ",
            "имя\u{a0}",
            "МОБ.   ТЕЛЕФОН:",
            "откуда пришел *",
        ]);
        assert_eq!(recognise(&typed), recognise(&plain));
        assert_eq!(header_set_key(&typed), header_set_key(&plain));
        // Order and content matter.
        let swapped = headers(&["Имя", "Фамилия", "Моб. телефон", "Откуда пришёл"]);
        assert_ne!(header_set_key(&swapped), header_set_key(&plain));
        assert_ne!(
            header_set_key(&headers(&["ab", "c"])),
            header_set_key(&headers(&["a", "bc"]))
        );
        assert_ne!(header_set_key(&plain[..3]), header_set_key(&plain));
    }

    #[test]
    fn a_misread_file_keeps_the_mapping_of_its_right_reading() {
        let read = recognise(&headers(&["Фамилия", "Имя", "Телефон"]));
        let misread = recognise(&headers(&["тЮЛХКХЪ", "хЛЪ", "рЕКЕТНМ"]));
        assert!(misread.understands_less_than(&read));
        assert!(!read.understands_less_than(&misread));
        assert!(!read.understands_less_than(&read));
        // A reading with other columns is another table.
        let fewer = recognise(&headers(&["тЮЛХКХЪ", "хЛЪ"]));
        assert!(!fewer.understands_less_than(&read));
    }
}
