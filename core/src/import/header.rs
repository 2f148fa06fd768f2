//! Recognising what each column of a file holds from its header.
//!
//! People keep bases in Excel with headers in their own words ("Моб. телефон", "Сотовый",
//! "Mobile phone"), and CRMs export their own ("PHONE_MOBILE", "Мобильный телефон").
//! Headers are normalised (case, `ё`, spacing, a trailing `:` or `*`) and looked up in a
//! table of synonyms; the columns of Kartoteka's own export are recognised by their
//! numbered names ("Телефон 2: тип") so a file exported and imported back loses nothing.
//!
//! The exports of Google Contacts, Outlook, Thunderbird, Bitrix24 and amoCRM are
//! recognised as a whole first, by headers only they use, because the same words mean
//! different things in them: Outlook's "Title" is a salutation, not a position;
//! Thunderbird's "Адрес 2" is the second line of a home address, not Kartoteka's second
//! address; Google's "Name" is the whole name. Each such layout has its own table, which
//! is consulted before the common one.

use super::table::Row;
use crate::date::DateOrder;
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
    /// The manager responsible for the record ("Ответственный").
    Responsible,
    /// The person's birthday, with or without the year.
    Birthday,
    /// A website.
    Website,
    /// A company's legal form (ООО, АО, ИП).
    LegalForm,
    /// A company's industry.
    Industry,
    /// A user-defined field of Kartoteka's own export, "Поле: <name>", imported as the
    /// field named `<name>` (kept as an extra field of that name until the app files it
    /// under its definition).
    Custom,
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
    /// A Google Contacts export, the current layout ("First Name", "Labels", "Phone 1 -
    /// Label") or the legacy one ("Given Name", "Group Membership", "Phone 1 - Type").
    GoogleContacts,
    /// Outlook's CSV export, in English ("Business Phone", "E-mail Address") or Russian
    /// ("Телефон переносной", "Адрес эл. почты").
    Outlook,
    /// Bitrix24's contact export with field codes as headers (NAME, LAST_NAME,
    /// PHONE_MOBILE, SOURCE_ID, TYPE_ID, …).
    Bitrix24,
    /// amoCRM's contact export ("Полное имя контакта", "Ответственный", "Теги", …).
    AmoCrm,
    /// Thunderbird's address book export, in English ("Primary Email", "Mobile Number")
    /// or Russian ("Отображаемое имя", "Основной адрес эл. почты").
    Thunderbird,
    /// A vCard file (.vcf), read by [`prepare_vcard`](super::prepare_vcard) into the
    /// columns of Kartoteka's own export.
    Vcard,
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
    /// How each column writes its dates, by column; a column without an entry is
    /// day-first. [`recognise`] sees only the headers and makes every column day-first;
    /// [`Mapping::decide_date_orders`] (which [`prepare`](crate::prepare) calls) reads
    /// the order from the values.
    pub date_orders: Vec<DateOrder>,
}

impl Mapping {
    /// Decides each column's [`DateOrder`] from all of its values in `rows` (see
    /// [`DateOrder::of_column`]), so that `12/31/2025` and `01/02/2025` in one column are
    /// both read the American way and `01.02.2025` beside `31.12.2025` the Russian way.
    ///
    /// ```
    /// use kartoteka_core::{recognise, DateOrder, Row};
    ///
    /// let headers = ["Фамилия", "Дата подтверждения"].map(String::from);
    /// let mut mapping = recognise(&headers);
    /// let row = |number, date: &str| Row { number, cells: vec!["Иванов".into(), date.into()] };
    /// mapping.decide_date_orders(&[row(2, "01/02/2025"), row(3, "12/31/2025")]);
    /// assert_eq!(mapping.date_orders[1], DateOrder::MonthFirst);
    /// ```
    pub fn decide_date_orders(&mut self, rows: &[Row]) {
        self.date_orders = (0..self.columns.len())
            .map(|i| {
                let values = rows.iter().filter_map(|row| row.cells.get(i));
                DateOrder::of_column(values.map(String::as_str))
            })
            .collect();
    }
}

/// The header prefix of extra-field columns in Kartoteka's export, as normalised.
pub(crate) const EXTRA_PREFIX: &str = "доп.:";

/// The normalised start of a user-defined field's column in Kartoteka's export.
pub(crate) const CUSTOM_PREFIX: &str = "поле:";

/// Recognises each header and the layout of the file.
///
/// The layout is decided from the headers alone (see the module docs); within a known
/// export's layout, its own meaning of a header wins over the common one.
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
    let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let layout = layout_of(headers, &normalised);
    let columns = normalised
        .iter()
        .map(|header| match layout_field(layout, header) {
            Some(field) => field,
            None => field_of(header),
        })
        .collect();
    let date_orders = vec![DateOrder::DayFirst; headers.len()];
    Mapping {
        layout,
        columns,
        date_orders,
    }
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

pub(super) fn field_of(header: &str) -> Option<Field> {
    if header.starts_with(EXTRA_PREFIX) {
        return Some(Field::Extra);
    }
    if header.starts_with(CUSTOM_PREFIX) {
        return Some(Field::Custom);
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
/// Formatted") outside a recognised Google file (a sheet made from one), each of the
/// default kind; their "- Label" columns stay extra fields.
fn google_value_of(header: &str) -> Option<Field> {
    match google_numbered(header)? {
        ("phone", _, "value") => Some(Field::Phone(PhoneKind::Mobile)),
        ("e-mail", _, "value") => Some(Field::Email(EmailKind::Work)),
        ("address", _, "formatted") => Some(Field::Address(AddressKind::Work)),
        _ => None,
    }
}

/// The layout of a file with these headers (`normalised` being the same, normalised).
///
/// Kartoteka's export is known by its numbered phone columns. The exports of other
/// programs are known by their distinctive headers: the layout with the most of them
/// wins, if it has at least two, so that one borrowed word ("Категории" in a hand-made
/// sheet) does not turn a spreadsheet into an Outlook file.
fn layout_of(headers: &[String], normalised: &[String]) -> Layout {
    let slots: Vec<Option<Field>> = normalised.iter().map(|h| slot_of(h)).collect();
    let has_slot = |part| slots.contains(&Some(Field::PhoneSlot { n: 1, part }));
    if has_slot(SlotPart::Value) && has_slot(SlotPart::Kind) {
        return Layout::Kartoteka;
    }
    let mut best = (0, Layout::Unknown);
    for layout in EXPORT_LAYOUTS {
        let score = normalised
            .iter()
            .filter(|h| is_distinctive(layout, h))
            .count();
        if score > best.0 {
            best = (score, layout);
        }
    }
    if best.0 >= 2 {
        return best.1;
    }
    let columns: Vec<Option<Field>> = normalised.iter().map(|h| field_of(h)).collect();
    // Under a Russian header, so that an English sheet with a phone column is not taken
    // for a Russian one.
    let russian = |wanted: fn(Field) -> bool| {
        headers.iter().zip(&columns).any(|(header, field)| {
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

/// The layouts of other programs' exports, in the order that wins a tie.
const EXPORT_LAYOUTS: [Layout; 5] = [
    Layout::GoogleContacts,
    Layout::Outlook,
    Layout::Thunderbird,
    Layout::Bitrix24,
    Layout::AmoCrm,
];

/// Whether `header` (normalised) is one that only `layout`'s program writes.
fn is_distinctive(layout: Layout, header: &str) -> bool {
    match layout {
        Layout::GoogleContacts => {
            google_numbered(header).is_some()
                || matches!(
                    header,
                    "labels"
                        | "group membership"
                        | "organization name"
                        | "organization title"
                        | "organization department"
                        | "given name"
                        | "additional name"
                        | "family name"
                        | "phonetic first name"
                        | "phonetic middle name"
                        | "phonetic last name"
                        | "file as"
                        | "name prefix"
                        | "yomi name"
                        | "given name yomi"
                )
        }
        Layout::Outlook => {
            outlook_address(header).is_some()
                || matches!(
                    header,
                    "e-mail address"
                        | "e-mail 2 address"
                        | "e-mail 3 address"
                        | "e-mail type"
                        | "e-mail display name"
                        | "business phone"
                        | "business phone 2"
                        | "business fax"
                        | "company main phone"
                        | "primary phone"
                        | "car phone"
                        | "assistant's phone"
                        | "categories"
                        | "referred by"
                        | "телефон переносной"
                        | "адрес эл. почты"
                        | "адрес 2 эл. почты"
                        | "адрес 3 эл. почты"
                        | "тип эл. почты"
                        | "краткое имя эл. почты"
                        | "категории"
                        | "телефон раб. 2"
                        | "телефон дом. 2"
                        | "основной телефон организации"
                        | "телефон в машине"
                        | "обращение"
                        | "суффикс"
                )
        }
        Layout::Thunderbird => matches!(
            header,
            "display name"
                | "primary email"
                | "secondary email"
                | "screen name"
                | "mobile number"
                | "pager number"
                | "fax number"
                | "home zipcode"
                | "work zipcode"
                | "web page 1"
                | "web page 2"
                | "birth year"
                | "custom 1"
                | "отображаемое имя"
                | "псевдоним"
                | "основной адрес эл. почты"
                | "дополнительный адрес эл. почты"
                | "адрес электронной почты"
                | "альтернативный адрес электронной почты"
                | "номер сотового телефона"
                | "номер пейджера"
                | "номер факса"
                | "имя в чате"
                | "веб-страница 1"
                | "год рождения"
                | "прочее 1"
                | "адрес (раб.)"
        ),
        Layout::Bitrix24 => matches!(
            header,
            "last_name"
                | "second_name"
                | "phone_work"
                | "phone_mobile"
                | "phone_home"
                | "phone_fax"
                | "phone_pager"
                | "phone_other"
                | "email_work"
                | "email_home"
                | "email_other"
                | "im_skype"
                | "im_icq"
                | "im_telegram"
                | "im_other"
                | "web_work"
                | "source_id"
                | "source_description"
                | "type_id"
                | "assigned_by_id"
        ),
        Layout::AmoCrm => matches!(
            header,
            "полное имя контакта"
                | "ответственный"
                | "ответственный пользователь"
                | "кем создан"
                | "кем изменен"
                | "рабочий email"
                | "личный email"
                | "ближайшая задача"
        ),
        Layout::Kartoteka | Layout::RussianExcel | Layout::Vcard | Layout::Unknown => false,
    }
}

/// What `header` (normalised) means in `layout`, when that differs from the common table:
/// `Some(None)` is a column the layout's program fills with something Kartoteka has no
/// field for, kept as an extra field.
fn layout_field(layout: Layout, header: &str) -> Option<Option<Field>> {
    match layout {
        Layout::GoogleContacts => google_field(header),
        Layout::Outlook => outlook_field(header),
        Layout::Thunderbird => thunderbird_field(header),
        Layout::Bitrix24 => bitrix_field(header),
        Layout::Kartoteka
        | Layout::RussianExcel
        | Layout::AmoCrm
        | Layout::Vcard
        | Layout::Unknown => None,
    }
}

/// A numbered column of Google Contacts, "phone 2 - label", as ("phone", 2, "label").
fn google_numbered(header: &str) -> Option<(&str, u8, &str)> {
    let (entry, part) = header.split_once(" - ")?;
    let (list, n) = entry.rsplit_once(' ')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = n.parse().ok().filter(|&n| n > 0)?;
    Some((list, n, part))
}

/// Google Contacts' columns. A numbered "Label" (or legacy "Type") column pairs with the
/// "Value" column of the same number as one slot, so each value gets its own kind; the
/// address components next to "Formatted" repeat it and stay extra fields.
fn google_field(header: &str) -> Option<Option<Field>> {
    use SlotPart::{Kind, Value};
    if let Some((list, n, part)) = google_numbered(header) {
        let field = match (list, part) {
            ("phone", "label" | "type") => Some(Field::PhoneSlot { n, part: Kind }),
            ("phone", "value") => Some(Field::PhoneSlot { n, part: Value }),
            ("e-mail" | "email", "label" | "type") => Some(Field::EmailSlot { n, part: Kind }),
            ("e-mail" | "email", "value") => Some(Field::EmailSlot { n, part: Value }),
            ("address", "label" | "type") => Some(Field::AddressSlot { n, part: Kind }),
            ("address", "formatted") => Some(Field::AddressSlot { n, part: Value }),
            // The service says which messenger; the label (home, work) says nothing useful.
            ("im", "service") => Some(Field::MessengerSlot { n, part: Kind }),
            ("im", "value") => Some(Field::MessengerSlot { n, part: Value }),
            ("organization", "name") if n == 1 => Some(Field::Company),
            ("organization", "title") if n == 1 => Some(Field::Position),
            _ => None,
        };
        return Some(field);
    }
    let field = match header {
        // The legacy layout's "Name" is the whole name; its parts have columns of their own.
        "name" => Field::FullName,
        "additional name" => Field::Patronymic,
        "labels" | "group membership" => Field::Tags,
        _ => return None,
    };
    Some(Some(field))
}

/// The kind of address an Outlook address component column belongs to: "Business
/// Street 2", "Home Postal Code", "Индекс (раб. адрес)", "Почтовый код (дом.)".
fn outlook_address(header: &str) -> Option<AddressKind> {
    let english = header.split_once(' ').and_then(|(kind, part)| {
        let kind = match kind {
            "business" => AddressKind::Work,
            "home" => AddressKind::Home,
            "other" => AddressKind::Other,
            _ => return None,
        };
        matches!(
            part,
            "street"
                | "street 2"
                | "street 3"
                | "city"
                | "state"
                | "postal code"
                | "country/region"
                | "country"
                | "address po box"
        )
        .then_some(kind)
    });
    english.or_else(|| {
        // Outlook shortens one header of its own; Thunderbird's "(раб.)" is not Outlook's.
        if header == "почтовый код (дом.)" {
            return Some(AddressKind::Home);
        }
        let (part, kind) = header.split_once(" (")?;
        let kind = match kind.strip_suffix(')')? {
            "раб. адрес" => AddressKind::Work,
            "дом. адрес" => AddressKind::Home,
            "другой адрес" => AddressKind::Other,
            _ => return None,
        };
        matches!(
            part,
            "улица"
                | "улица 2"
                | "улица 3"
                | "город"
                | "область"
                | "индекс"
                | "почтовый код"
                | "почтовый индекс"
                | "страна или регион"
                | "страна"
                | "почтовый ящик"
        )
        .then_some(kind)
    })
}

/// Outlook's columns, English and Russian.
fn outlook_field(header: &str) -> Option<Option<Field>> {
    use Field::{Email, Phone};
    if let Some(kind) = outlook_address(header) {
        return Some(Some(Field::Address(kind)));
    }
    let field = match header {
        // A salutation ("Г-н") and a suffix, not a position or a name part.
        "title" | "обращение" | "suffix" | "суффикс" => return Some(None),
        "business phone"
        | "business phone 2"
        | "телефон раб. 2"
        | "company main phone"
        | "основной телефон организации"
        | "assistant's phone"
        | "телефон помощника" => Phone(PhoneKind::Work),
        "mobile phone" | "телефон переносной" | "car phone" | "телефон в машине" => {
            Phone(PhoneKind::Mobile)
        }
        "home phone" | "home phone 2" | "телефон дом. 2" => Phone(PhoneKind::Home),
        "business fax"
        | "рабочий факс"
        | "home fax"
        | "домашний факс"
        | "other fax"
        | "другой факс" => Phone(PhoneKind::Fax),
        "primary phone"
        | "основной телефон"
        | "other phone"
        | "pager"
        | "пейджер"
        | "callback"
        | "обратный вызов"
        | "radio phone"
        | "радиотелефон"
        | "isdn"
        | "tty/tdd phone"
        | "телетайп/телефон с титрами"
        | "telex"
        | "телекс" => Phone(PhoneKind::Other),
        "e-mail address" | "адрес эл. почты" => Email(EmailKind::Work),
        "e-mail 2 address" | "адрес 2 эл. почты" | "e-mail 3 address" | "адрес 3 эл. почты" => {
            Email(EmailKind::Other)
        }
        // The transport ("SMTP") and "Name (address)" that Outlook derives from the
        // address itself.
        "e-mail type"
        | "e-mail 2 type"
        | "e-mail 3 type"
        | "тип эл. почты"
        | "тип 2 эл. почты"
        | "тип 3 эл. почты"
        | "e-mail display name"
        | "e-mail 2 display name"
        | "e-mail 3 display name"
        | "краткое имя эл. почты"
        | "краткое 2 имя эл. почты"
        | "краткое 3 имя эл. почты" => Field::Derived,
        "categories" | "категории" => Field::Tags,
        "referred by" => Field::Source,
        // Outlook writes these for every contact, whatever the user did ("Priority:
        // Normal", "Gender: Unspecified", initials made from the name); as extra fields
        // they would bury the ones the user typed.
        "priority"
        | "sensitivity"
        | "private"
        | "gender"
        | "initials"
        | "internet free busy"
        | "важность"
        | "пометка"
        | "частное"
        | "пол"
        | "инициалы"
        | "сведения о доступности в интернете" => Field::Derived,
        _ => return None,
    };
    Some(Some(field))
}

/// The kind of address a Thunderbird address column belongs to: "Home City", "Work
/// ZipCode", "Город (раб.)", "Рабочий адрес 2".
fn thunderbird_address(header: &str) -> Option<AddressKind> {
    if let Some((kind, part)) = header.split_once(' ') {
        let kind = match kind {
            "home" => Some(AddressKind::Home),
            "work" => Some(AddressKind::Work),
            _ => None,
        };
        if let Some(kind) = kind {
            return matches!(
                part,
                "address" | "address 2" | "city" | "state" | "zipcode" | "country"
            )
            .then_some(kind);
        }
    }
    let (part, kind) = match header.strip_suffix(" (раб.)") {
        Some(part) => (part, AddressKind::Work),
        None => (header, AddressKind::Home),
    };
    match part {
        "рабочий адрес" | "рабочий адрес 2" => Some(AddressKind::Work),
        "адрес"
        | "адрес 2"
        | "домашний адрес"
        | "домашний адрес 2"
        | "город"
        | "штат"
        | "область"
        | "регион"
        | "почтовый индекс"
        | "индекс"
        | "страна" => Some(kind),
        _ => None,
    }
}

/// Thunderbird's columns, English and Russian.
fn thunderbird_field(header: &str) -> Option<Option<Field>> {
    use Field::{Email, Phone};
    if let Some(kind) = thunderbird_address(header) {
        return Some(Some(Field::Address(kind)));
    }
    let field = match header {
        // Fills the patronymic Thunderbird has no column for ("Петров Иван Сергеевич").
        "display name" | "отображаемое имя" => Field::FullName,
        "primary email" | "основной адрес эл. почты" | "адрес электронной почты" => {
            Email(EmailKind::Work)
        }
        "secondary email"
        | "дополнительный адрес эл. почты"
        | "альтернативный адрес электронной почты" => {
            Email(EmailKind::Other)
        }
        "screen name" | "имя в чате" | "интернет-пейджер" => {
            Field::Messenger(MessengerKind::Other)
        }
        "work phone" | "рабочий телефон" => Phone(PhoneKind::Work),
        "home phone" | "домашний телефон" => Phone(PhoneKind::Home),
        "fax number" | "факс" | "номер факса" => Phone(PhoneKind::Fax),
        "pager number" | "пейджер" | "номер пейджера" => {
            Phone(PhoneKind::Other)
        }
        "mobile number" | "мобильный телефон" | "номер сотового телефона" => {
            Phone(PhoneKind::Mobile)
        }
        _ => return None,
    };
    Some(Some(field))
}

/// Bitrix24's field codes whose values need Bitrix's own reading (see
/// [`map_row`](super::map_row)): its contact type and the description of the source.
fn bitrix_field(header: &str) -> Option<Option<Field>> {
    let field = match header {
        "type_id" => Field::Status,
        "source_description" => Field::Source,
        _ => return None,
    };
    Some(Some(field))
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
        ("company_title", Company),
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
        ("phone_pager", Phone(PhoneKind::Other)),
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
        ("im_telegram", Messenger(MessengerKind::Telegram)),
        ("im_whatsapp", Messenger(MessengerKind::Whatsapp)),
        ("im_viber", Messenger(MessengerKind::Viber)),
        ("im_vk", Messenger(MessengerKind::Vk)),
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
        ("ответственный", Responsible),
        ("ответственный менеджер", Responsible),
        ("ответственный пользователь", Responsible),
        ("менеджер", Responsible),
        ("responsible", Responsible),
        ("responsible user", Responsible),
        ("день рождения", Birthday),
        ("дата рождения", Birthday),
        ("birthday", Birthday),
        ("сайт", Website),
        ("веб-сайт", Website),
        ("website", Website),
        ("web site", Website),
        ("web page", Website),
        ("правовая форма", LegalForm),
        ("организационно-правовая форма", LegalForm),
        ("опф", LegalForm),
        ("legal form", LegalForm),
        ("отрасль", Industry),
        ("сфера деятельности", Industry),
        ("industry", Industry),
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
    fn export_layouts_by_their_distinctive_headers() {
        let cases = [
            (
                &["First Name", "Last Name", "Labels", "Phone 1 - Label"][..],
                Layout::GoogleContacts,
            ),
            (
                &["Name", "Given Name", "Family Name", "Group Membership"],
                Layout::GoogleContacts,
            ),
            (
                &[
                    "First Name",
                    "Last Name",
                    "Business Phone",
                    "E-mail Address",
                ],
                Layout::Outlook,
            ),
            (
                &["Имя", "Фамилия", "Телефон переносной", "Адрес эл. почты"],
                Layout::Outlook,
            ),
            (
                &["First Name", "Last Name", "Display Name", "Primary Email"],
                Layout::Thunderbird,
            ),
            // One Thunderbird header is not enough.
            (
                &["Имя", "Фамилия", "Отображаемое имя", "Мобильный телефон"],
                Layout::RussianExcel,
            ),
            (
                &["Имя", "Фамилия", "Отображаемое имя", "Псевдоним"],
                Layout::Thunderbird,
            ),
            (&["NAME", "LAST_NAME", "PHONE_MOBILE"], Layout::Bitrix24),
            // A hand-made sheet that borrowed one word is still a spreadsheet.
            (
                &["Фамилия", "Имя", "Телефон", "Категории"],
                Layout::RussianExcel,
            ),
        ];
        for (names, layout) in cases {
            assert_eq!(recognise(&headers(names)).layout, layout, "{names:?}");
        }
    }

    #[test]
    fn the_same_header_means_what_its_program_means() {
        use Field::*;
        let title = |names: &[&str]| recognise(&headers(names)).columns;
        // Outlook's "Title" is a salutation; elsewhere a position.
        assert_eq!(
            title(&["Title", "First Name", "Business Phone", "E-mail Address"])[0],
            None
        );
        assert_eq!(title(&["Title", "Имя"])[0], Some(Position));
        // Thunderbird's "Адрес 2" is a second address line, not Kartoteka's second address.
        let tb = title(&["Отображаемое имя", "Псевдоним", "Адрес", "Адрес 2", "Город"]);
        assert_eq!(tb[2..], [Some(Address(AddressKind::Home)); 3]);
        assert_eq!(
            title(&["Адрес 2"])[0],
            Some(AddressSlot {
                n: 2,
                part: SlotPart::Value
            })
        );
        // Google's "Name" is the whole name, Bitrix's NAME the first name.
        assert_eq!(
            title(&["Name", "Given Name", "Family Name", "Group Membership"])[0],
            Some(FullName)
        );
        assert_eq!(title(&["NAME", "LAST_NAME", "PHONE_MOBILE"])[0], Some(Name));
        // Google's label columns pair with the value columns.
        let google = title(&["First Name", "Labels", "Phone 1 - Label", "Phone 1 - Value"]);
        assert_eq!(
            google[2..],
            [
                Some(PhoneSlot {
                    n: 1,
                    part: SlotPart::Kind
                }),
                Some(PhoneSlot {
                    n: 1,
                    part: SlotPart::Value
                })
            ]
        );
    }

    #[test]
    fn address_components() {
        assert_eq!(
            outlook_address("business country/region"),
            Some(AddressKind::Work)
        );
        assert_eq!(outlook_address("home street 3"), Some(AddressKind::Home));
        assert_eq!(
            outlook_address("индекс (другой адрес)"),
            Some(AddressKind::Other)
        );
        assert_eq!(
            outlook_address("почтовый код (дом.)"),
            Some(AddressKind::Home)
        );
        assert_eq!(outlook_address("город (раб.)"), None);
        assert_eq!(outlook_address("business phone"), None);
        assert_eq!(thunderbird_address("work zipcode"), Some(AddressKind::Work));
        assert_eq!(thunderbird_address("город (раб.)"), Some(AddressKind::Work));
        assert_eq!(
            thunderbird_address("рабочий адрес 2"),
            Some(AddressKind::Work)
        );
        assert_eq!(thunderbird_address("страна"), Some(AddressKind::Home));
        assert_eq!(thunderbird_address("work phone"), None);
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
        // One amoCRM header is not enough to call the file amoCRM's.
        let amo = headers(&["ID", "Полное имя контакта", "Мобильный телефон"]);
        assert_eq!(recognise(&amo).layout, Layout::RussianExcel);
        let amo = headers(&["ID", "Полное имя контакта", "Ответственный", "Теги"]);
        assert_eq!(recognise(&amo).layout, Layout::AmoCrm);
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
                columns: vec![],
                date_orders: vec![],
            }
        );
    }
}
