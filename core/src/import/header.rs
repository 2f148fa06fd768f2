//! Recognising what each column of a file holds from its header.
//!
//! People keep bases in Excel with headers in their own words ("Моб. телефон", "Сотовый",
//! "Mobile phone"), and CRMs export their own ("PHONE_MOBILE", "Мобильный телефон").
//! Headers are normalised (case, `ё`, spacing, a trailing `:` or `*`) and looked up in a
//! table of synonyms; the columns of Kartoteka's own export are recognised by their
//! numbered names ("Телефон 2: тип") so a file exported and imported back loses nothing.

use crate::model::{AddressKind, EmailKind, MessengerKind, PhoneKind};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// Фамилия.
    Surname,
    /// Имя.
    Name,
    /// Отчество.
    Patronymic,
    /// "Фамилия Имя Отчество" in one cell, split on import.
    FullName,
    /// Person or company.
    Kind,
    /// The company's name.
    Company,
    /// The person's position.
    Position,
    /// One or more phones of this kind.
    Phone(PhoneKind),
    /// One or more e-mail addresses of this kind.
    Email(EmailKind),
    /// A messenger handle of this kind.
    Messenger(MessengerKind),
    /// An address of this kind.
    Address(AddressKind),
    /// The channel through which the contact came.
    Source,
    /// The sales status.
    Status,
    /// The day the record was last confirmed.
    ConfirmedOn,
    /// The day the record was added to the base.
    AddedOn,
    /// ИНН.
    Inn,
    /// КПП.
    Kpp,
    /// Free-form notes.
    Notes,
    /// Tags separated by `,` or `;`.
    Tags,
    /// When the record was created (a timestamp).
    CreatedAt,
    /// When the record was last changed (a timestamp).
    UpdatedAt,
    /// Part `part` of phone number `n` (1-based) of Kartoteka's own export.
    PhoneSlot {
        /// The 1-based position in the list.
        n: u8,
        /// Which part of the phone.
        part: SlotPart,
    },
    /// Part `part` of e-mail `n` (1-based) of Kartoteka's own export.
    EmailSlot {
        /// The 1-based position in the list.
        n: u8,
        /// Which part of the e-mail.
        part: SlotPart,
    },
    /// Part `part` of messenger `n` (1-based) of Kartoteka's own export.
    MessengerSlot {
        /// The 1-based position in the list.
        n: u8,
        /// Which part of the messenger.
        part: SlotPart,
    },
    /// Part `part` of address `n` (1-based) of Kartoteka's own export.
    AddressSlot {
        /// The 1-based position in the list.
        n: u8,
        /// Which part of the address.
        part: SlotPart,
    },
    /// An extra field of Kartoteka's own export, "Доп.: <name>", imported as extra field
    /// `<name>`.
    Extra,
    /// A column Kartoteka computes on export (Актуальность) and ignores on import.
    Derived,
}

/// Which part of a numbered list entry a column of Kartoteka's export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SlotPart {
    /// The phone, address, handle or e-mail itself.
    Value,
    /// Its kind, as a stable key ("mobile", "work", …).
    Kind,
    /// The day it was last confirmed.
    ConfirmedOn,
}

/// The kind of file, as far as the headers tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Kartoteka's own export.
    Kartoteka,
    /// A hand-kept Russian spreadsheet: Фамилия and Имя (or ФИО) and a phone column.
    RussianExcel,
    /// Anything else; columns may still be recognised one by one.
    Unknown,
}

/// What the columns of a file hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The kind of file.
    pub layout: Layout,
    /// One entry per header. `None` is a column of unknown meaning, kept as an extra field
    /// named by its header.
    pub columns: Vec<Option<Field>>,
}

/// The header prefix of extra-field columns in Kartoteka's export, as normalised.
pub(crate) const EXTRA_PREFIX: &str = "доп.:";

/// Recognises each header and the layout of the file.
///
/// A field may occur more than once (two "Телефон" columns); each such column adds to the
/// contact's list, or for a single-valued field keeps the first value and stores the
/// others as extra fields.
///
/// ```
/// use kartoteka_core::{recognise, Field, Layout, PhoneKind};
///
/// let headers = ["Фамилия", "Имя", "Моб. телефон", "Цвет глаз"].map(String::from);
/// let mapping = recognise(&headers);
/// assert_eq!(mapping.layout, Layout::RussianExcel);
/// assert_eq!(
///     mapping.columns,
///     [Some(Field::Surname), Some(Field::Name), Some(Field::Phone(PhoneKind::Mobile)), None]
/// );
/// ```
pub fn recognise(headers: &[String]) -> Mapping {
    let columns: Vec<Option<Field>> = headers
        .iter()
        .map(|header| field_of(&normalise_header(header)))
        .collect();
    let layout = layout_of(headers, &columns);
    Mapping { layout, columns }
}

/// The header reduced to what distinguishes it: trimmed, lowercase, `ё` as `е`, runs of
/// whitespace as one space, without trailing `:` and `*` (required-field marks).
pub(crate) fn normalise_header(header: &str) -> String {
    let lower = header.to_lowercase().replace('ё', "е");
    let mut words = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    while words.ends_with([':', '*']) {
        words.pop();
        words.truncate(words.trim_end().len());
    }
    words
}

fn field_of(header: &str) -> Option<Field> {
    if header.starts_with(EXTRA_PREFIX) {
        return Some(Field::Extra);
    }
    slot_of(header)
        .or_else(|| {
            SYNONYMS
                .iter()
                .find(|(name, _)| *name == header)
                .map(|&(_, field)| field)
        })
        .or_else(|| google_value_of(header))
}

/// A numbered column of Kartoteka's export: "телефон 2", "телефон 2: тип",
/// "телефон 2: подтвержден", likewise "e-mail N", "мессенджер N" and "адрес N".
fn slot_of(header: &str) -> Option<Field> {
    let (entry, part) = match header.split_once(':') {
        Some((entry, "тип" | " тип")) => (entry, SlotPart::Kind),
        Some((entry, "подтвержден" | " подтвержден")) => {
            (entry, SlotPart::ConfirmedOn)
        }
        Some(_) => return None,
        None => (header, SlotPart::Value),
    };
    let (list, n) = entry.trim_end().rsplit_once(' ')?;
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = n.parse().ok().filter(|&n| n > 0)?;
    match (list, part) {
        ("телефон", part) => Some(Field::PhoneSlot { n, part }),
        ("e-mail", part) => Some(Field::EmailSlot { n, part }),
        ("мессенджер", SlotPart::Value | SlotPart::Kind) => {
            Some(Field::MessengerSlot { n, part })
        }
        ("адрес", SlotPart::Value | SlotPart::Kind) => Some(Field::AddressSlot { n, part }),
        _ => None,
    }
}

/// Google Contacts' numbered values ("Phone 1 - Value", "E-mail 2 - Value", "Address 1 -
/// Formatted"), each of the default kind; their "- Label" columns stay extra fields.
fn google_value_of(header: &str) -> Option<Field> {
    let (entry, part) = header.rsplit_once(" - ")?;
    let (list, n) = entry.rsplit_once(' ')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match (list, part) {
        ("phone", "value") => Some(Field::Phone(PhoneKind::Mobile)),
        ("e-mail", "value") => Some(Field::Email(EmailKind::Work)),
        ("address", "formatted") => Some(Field::Address(AddressKind::Work)),
        _ => None,
    }
}

fn layout_of(headers: &[String], columns: &[Option<Field>]) -> Layout {
    let has = |field: Field| columns.contains(&Some(field));
    if has(Field::PhoneSlot {
        n: 1,
        part: SlotPart::Value,
    }) && has(Field::PhoneSlot {
        n: 1,
        part: SlotPart::Kind,
    }) {
        return Layout::Kartoteka;
    }
    // Under a Russian header, so that an English sheet with a phone column is not taken
    // for a Russian one.
    let russian = |wanted: fn(Field) -> bool| {
        headers.iter().zip(columns).any(|(header, field)| {
            field.is_some_and(wanted)
                && header
                    .chars()
                    .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        })
    };
    let names = (russian(|f| f == Field::Surname) && russian(|f| f == Field::Name))
        || russian(|f| f == Field::FullName);
    if names && russian(|f| matches!(f, Field::Phone(_))) {
        Layout::RussianExcel
    } else {
        Layout::Unknown
    }
}

/// Normalised header names and what they mean: Russian spreadsheets, English ones, and
/// the exports of Bitrix24, amoCRM and Google Contacts.
const SYNONYMS: &[(&str, Field)] = {
    use Field::*;
    &[
        ("фамилия", Surname),
        ("last name", Surname),
        ("last_name", Surname),
        ("surname", Surname),
        ("family name", Surname),
        ("имя", Name),
        ("first name", Name),
        ("given name", Name),
        ("name", Name),
        ("отчество", Patronymic),
        ("middle name", Patronymic),
        ("second_name", Patronymic),
        ("patronymic", Patronymic),
        ("фио", FullName),
        ("ф.и.о.", FullName),
        ("ф. и. о.", FullName),
        ("полное имя", FullName),
        ("полное имя контакта", FullName),
        ("имя контакта", FullName),
        ("контактное лицо", FullName),
        ("full name", FullName),
        ("тип", Kind),
        ("тип контакта", Kind),
        ("kind", Kind),
        ("компания", Company),
        ("организация", Company),
        ("название компании", Company),
        ("название организации", Company),
        ("наименование", Company),
        ("наименование организации", Company),
        ("company", Company),
        ("company name", Company),
        ("organization", Company),
        ("organisation", Company),
        ("organization name", Company),
        ("должность", Position),
        ("position", Position),
        ("title", Position),
        ("job title", Position),
        ("post", Position),
        ("organization title", Position),
        ("телефон", Phone(PhoneKind::Mobile)),
        ("телефоны", Phone(PhoneKind::Mobile)),
        ("тел.", Phone(PhoneKind::Mobile)),
        ("тел", Phone(PhoneKind::Mobile)),
        ("контактный телефон", Phone(PhoneKind::Mobile)),
        ("номер телефона", Phone(PhoneKind::Mobile)),
        ("phone", Phone(PhoneKind::Mobile)),
        ("phone number", Phone(PhoneKind::Mobile)),
        ("моб. телефон", Phone(PhoneKind::Mobile)),
        ("моб. тел.", Phone(PhoneKind::Mobile)),
        ("моб.", Phone(PhoneKind::Mobile)),
        ("мобильный", Phone(PhoneKind::Mobile)),
        ("мобильный телефон", Phone(PhoneKind::Mobile)),
        ("сотовый", Phone(PhoneKind::Mobile)),
        ("сотовый телефон", Phone(PhoneKind::Mobile)),
        ("mobile", Phone(PhoneKind::Mobile)),
        ("mobile phone", Phone(PhoneKind::Mobile)),
        ("cell phone", Phone(PhoneKind::Mobile)),
        ("phone_mobile", Phone(PhoneKind::Mobile)),
        ("раб. телефон", Phone(PhoneKind::Work)),
        ("раб. тел.", Phone(PhoneKind::Work)),
        ("рабочий телефон", Phone(PhoneKind::Work)),
        ("рабочий", Phone(PhoneKind::Work)),
        ("городской телефон", Phone(PhoneKind::Work)),
        ("work phone", Phone(PhoneKind::Work)),
        ("business phone", Phone(PhoneKind::Work)),
        ("phone_work", Phone(PhoneKind::Work)),
        ("домашний телефон", Phone(PhoneKind::Home)),
        ("дом. телефон", Phone(PhoneKind::Home)),
        ("home phone", Phone(PhoneKind::Home)),
        ("phone_home", Phone(PhoneKind::Home)),
        ("факс", Phone(PhoneKind::Fax)),
        ("fax", Phone(PhoneKind::Fax)),
        ("phone_fax", Phone(PhoneKind::Fax)),
        ("другой телефон", Phone(PhoneKind::Other)),
        ("доп. телефон", Phone(PhoneKind::Other)),
        ("дополнительный телефон", Phone(PhoneKind::Other)),
        ("other phone", Phone(PhoneKind::Other)),
        ("phone_other", Phone(PhoneKind::Other)),
        ("e-mail", Email(EmailKind::Work)),
        ("email", Email(EmailKind::Work)),
        ("e-mail (рабочий)", Email(EmailKind::Work)),
        ("рабочий email", Email(EmailKind::Work)),
        ("рабочий e-mail", Email(EmailKind::Work)),
        ("эл. почта", Email(EmailKind::Work)),
        ("эл.почта", Email(EmailKind::Work)),
        ("электронная почта", Email(EmailKind::Work)),
        ("почта", Email(EmailKind::Work)),
        ("e-mail address", Email(EmailKind::Work)),
        ("email address", Email(EmailKind::Work)),
        ("work email", Email(EmailKind::Work)),
        ("email_work", Email(EmailKind::Work)),
        ("e-mail (личный)", Email(EmailKind::Personal)),
        ("email (личный)", Email(EmailKind::Personal)),
        ("личный email", Email(EmailKind::Personal)),
        ("личный e-mail", Email(EmailKind::Personal)),
        ("личная почта", Email(EmailKind::Personal)),
        ("personal email", Email(EmailKind::Personal)),
        ("email_home", Email(EmailKind::Personal)),
        ("другой email", Email(EmailKind::Other)),
        ("другой e-mail", Email(EmailKind::Other)),
        ("email_other", Email(EmailKind::Other)),
        ("telegram", Messenger(MessengerKind::Telegram)),
        ("телеграм", Messenger(MessengerKind::Telegram)),
        ("телеграмм", Messenger(MessengerKind::Telegram)),
        ("whatsapp", Messenger(MessengerKind::Whatsapp)),
        ("ватсап", Messenger(MessengerKind::Whatsapp)),
        ("вотсап", Messenger(MessengerKind::Whatsapp)),
        ("viber", Messenger(MessengerKind::Viber)),
        ("вайбер", Messenger(MessengerKind::Viber)),
        ("skype", Messenger(MessengerKind::Skype)),
        ("скайп", Messenger(MessengerKind::Skype)),
        ("im_skype", Messenger(MessengerKind::Skype)),
        ("icq", Messenger(MessengerKind::Icq)),
        ("аська", Messenger(MessengerKind::Icq)),
        ("im_icq", Messenger(MessengerKind::Icq)),
        ("vk", Messenger(MessengerKind::Vk)),
        ("вк", Messenger(MessengerKind::Vk)),
        ("вконтакте", Messenger(MessengerKind::Vk)),
        ("vkontakte", Messenger(MessengerKind::Vk)),
        ("мессенджер", Messenger(MessengerKind::Other)),
        ("im_other", Messenger(MessengerKind::Other)),
        ("адрес", Address(AddressKind::Work)),
        ("address", Address(AddressKind::Work)),
        ("фактический адрес", Address(AddressKind::Work)),
        ("рабочий адрес", Address(AddressKind::Work)),
        ("домашний адрес", Address(AddressKind::Home)),
        ("home address", Address(AddressKind::Home)),
        ("юр. адрес", Address(AddressKind::Legal)),
        ("юридический адрес", Address(AddressKind::Legal)),
        ("legal address", Address(AddressKind::Legal)),
        ("почтовый адрес", Address(AddressKind::Postal)),
        ("postal address", Address(AddressKind::Postal)),
        ("источник", Source),
        ("источник контакта", Source),
        ("канал", Source),
        ("source", Source),
        ("source_id", Source),
        ("статус", Status),
        ("status", Status),
        ("дата подтверждения", ConfirmedOn),
        ("подтверждено", ConfirmedOn),
        ("подтвержден", ConfirmedOn),
        ("дата актуализации", ConfirmedOn),
        ("confirmed", ConfirmedOn),
        ("confirmed on", ConfirmedOn),
        ("дата добавления", AddedOn),
        ("дата создания", AddedOn),
        ("добавлен", AddedOn),
        ("added", AddedOn),
        ("added on", AddedOn),
        ("date added", AddedOn),
        ("инн", Inn),
        ("inn", Inn),
        ("кпп", Kpp),
        ("kpp", Kpp),
        ("комментарий", Notes),
        ("комментарии", Notes),
        ("примечание", Notes),
        ("примечания", Notes),
        ("заметки", Notes),
        ("заметка", Notes),
        ("notes", Notes),
        ("note", Notes),
        ("comment", Notes),
        ("comments", Notes),
        ("теги", Tags),
        ("тэги", Tags),
        ("метки", Tags),
        ("tags", Tags),
        ("labels", Tags),
        ("создан", CreatedAt),
        ("created", CreatedAt),
        ("created at", CreatedAt),
        ("изменен", UpdatedAt),
        ("дата изменения", UpdatedAt),
        ("updated", UpdatedAt),
        ("updated at", UpdatedAt),
        ("modified", UpdatedAt),
        ("актуальность", Derived),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    fn field(header: &str) -> Option<Field> {
        field_of(&normalise_header(header))
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|&name| name.to_owned()).collect()
    }

    #[test]
    fn normalisation_ignores_case_yo_spacing_and_marks() {
        assert_eq!(normalise_header("  Моб.   Телефон:* "), "моб. телефон");
        assert_eq!(normalise_header("Изменён"), "изменен");
        assert_eq!(normalise_header("ФИО*"), "фио");
        assert_eq!(normalise_header("Телефон 1: тип"), "телефон 1: тип");
        assert_eq!(normalise_header(""), "");
        assert_eq!(
            field("ПОЧТОВЫЙ\tАДРЕС:"),
            Some(Field::Address(AddressKind::Postal))
        );
    }

    #[test]
    fn russian_and_english_synonyms() {
        let cases = [
            ("Фамилия", Field::Surname),
            ("Last Name", Field::Surname),
            ("Имя", Field::Name),
            ("First name", Field::Name),
            ("Отчество", Field::Patronymic),
            ("Middle Name", Field::Patronymic),
            ("ФИО", Field::FullName),
            ("Имя контакта", Field::FullName),
            ("Организация", Field::Company),
            ("Job title", Field::Position),
            ("Моб. телефон", Field::Phone(PhoneKind::Mobile)),
            ("Сотовый", Field::Phone(PhoneKind::Mobile)),
            ("Телефон", Field::Phone(PhoneKind::Mobile)),
            ("Раб. телефон", Field::Phone(PhoneKind::Work)),
            ("Business Phone", Field::Phone(PhoneKind::Work)),
            ("Домашний телефон", Field::Phone(PhoneKind::Home)),
            ("Факс", Field::Phone(PhoneKind::Fax)),
            ("E-mail", Field::Email(EmailKind::Work)),
            ("Эл. почта", Field::Email(EmailKind::Work)),
            ("E-mail (личный)", Field::Email(EmailKind::Personal)),
            ("Личный e-mail", Field::Email(EmailKind::Personal)),
            ("Телеграм", Field::Messenger(MessengerKind::Telegram)),
            ("WhatsApp", Field::Messenger(MessengerKind::Whatsapp)),
            ("Вайбер", Field::Messenger(MessengerKind::Viber)),
            ("Скайп", Field::Messenger(MessengerKind::Skype)),
            ("Аська", Field::Messenger(MessengerKind::Icq)),
            ("ВК", Field::Messenger(MessengerKind::Vk)),
            ("Адрес", Field::Address(AddressKind::Work)),
            ("Юр. адрес", Field::Address(AddressKind::Legal)),
            ("Канал", Field::Source),
            ("Источник контакта", Field::Source),
            ("Статус", Field::Status),
            ("Дата актуализации", Field::ConfirmedOn),
            ("Confirmed on", Field::ConfirmedOn),
            ("Дата создания", Field::AddedOn),
            ("Date added", Field::AddedOn),
            ("ИНН", Field::Inn),
            ("КПП", Field::Kpp),
            ("Примечание", Field::Notes),
            ("Метки", Field::Tags),
            ("Тип", Field::Kind),
            ("Создан", Field::CreatedAt),
            ("Изменён", Field::UpdatedAt),
            ("Актуальность", Field::Derived),
        ];
        for (header, expected) in cases {
            assert_eq!(field(header), Some(expected), "{header}");
        }
        assert_eq!(field("Цвет глаз"), None);
        assert_eq!(field(""), None);
    }

    #[test]
    fn crm_exports() {
        assert_eq!(field("LAST_NAME"), Some(Field::Surname));
        assert_eq!(field("SECOND_NAME"), Some(Field::Patronymic));
        assert_eq!(field("PHONE_FAX"), Some(Field::Phone(PhoneKind::Fax)));
        assert_eq!(field("EMAIL_HOME"), Some(Field::Email(EmailKind::Personal)));
        assert_eq!(field("Полное имя контакта"), Some(Field::FullName));
        assert_eq!(
            field("Другой телефон"),
            Some(Field::Phone(PhoneKind::Other))
        );
        assert_eq!(
            field("Phone 2 - Value"),
            Some(Field::Phone(PhoneKind::Mobile))
        );
        assert_eq!(
            field("E-mail 1 - Value"),
            Some(Field::Email(EmailKind::Work))
        );
        assert_eq!(
            field("Address 1 - Formatted"),
            Some(Field::Address(AddressKind::Work))
        );
        assert_eq!(field("Phone 1 - Label"), None);
    }

    #[test]
    fn numbered_columns_of_our_export() {
        use SlotPart::*;
        assert_eq!(
            field("Телефон 1"),
            Some(Field::PhoneSlot { n: 1, part: Value })
        );
        assert_eq!(
            field("Телефон 12: тип"),
            Some(Field::PhoneSlot { n: 12, part: Kind })
        );
        assert_eq!(
            field("Телефон 3: подтверждён"),
            Some(Field::PhoneSlot {
                n: 3,
                part: ConfirmedOn
            })
        );
        assert_eq!(
            field("E-mail 2: подтверждён"),
            Some(Field::EmailSlot {
                n: 2,
                part: ConfirmedOn
            })
        );
        assert_eq!(
            field("Мессенджер 1: тип"),
            Some(Field::MessengerSlot { n: 1, part: Kind })
        );
        assert_eq!(
            field("Адрес 255"),
            Some(Field::AddressSlot {
                n: 255,
                part: Value
            })
        );
        for not_a_slot in [
            "Телефон 0",
            "Телефон 256",
            "Телефон -1",
            "Телефон +1",
            "Телефон 1: цвет",
            "Адрес 1: подтверждён",
            "Мессенджер 1: подтверждён",
            "Факс 1",
        ] {
            assert_eq!(field(not_a_slot), None, "{not_a_slot}");
        }
        assert_eq!(field("Доп.: Любимый цвет"), Some(Field::Extra));
        assert_eq!(field("доп.:x"), Some(Field::Extra));
    }

    #[test]
    fn repeated_fields_all_map() {
        let mapping = recognise(&headers(&["Телефон", "Телефон", "E-mail"]));
        assert_eq!(
            mapping.columns,
            [
                Some(Field::Phone(PhoneKind::Mobile)),
                Some(Field::Phone(PhoneKind::Mobile)),
                Some(Field::Email(EmailKind::Work))
            ]
        );
    }

    #[test]
    fn layouts() {
        let ours = headers(&[
            "Тип",
            "Фамилия",
            "Телефон 1",
            "Телефон 1: тип",
            "Телефон 1: подтверждён",
        ]);
        assert_eq!(recognise(&ours).layout, Layout::Kartoteka);
        let excel = headers(&["Фамилия", "Имя", "Отчество", "Моб. телефон", "Комментарий"]);
        assert_eq!(recognise(&excel).layout, Layout::RussianExcel);
        let amo = headers(&["ID", "Полное имя контакта", "Мобильный телефон"]);
        assert_eq!(recognise(&amo).layout, Layout::RussianExcel);
        let no_phone = headers(&["Фамилия", "Имя", "E-mail"]);
        assert_eq!(recognise(&no_phone).layout, Layout::Unknown);
        let english = headers(&["Last Name", "First Name", "Mobile Phone"]);
        assert_eq!(recognise(&english).layout, Layout::Unknown);
        let only_value = headers(&["Фамилия", "Имя", "Телефон 1"]);
        assert_eq!(recognise(&only_value).layout, Layout::Unknown);
        assert_eq!(
            recognise(&[]),
            Mapping {
                layout: Layout::Unknown,
                columns: vec![]
            }
        );
    }
}
