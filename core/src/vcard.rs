//! The vCard format (RFC 2426 for 3.0, RFC 6350 for 4.0, and the older 2.1 that phones
//! still write): content lines, folding, escaping, and contacts written out as cards.
//!
//! Reading cards into contacts is the import's business
//! ([`prepare_vcard`](crate::import::prepare_vcard)); this module knows the syntax only,
//! so that both directions share one idea of it.
//!
//! # Reading content lines
//!
//! A card is the lines from `BEGIN:VCARD` to `END:VCARD`. A line that starts with a space
//! or a tab continues the one before it: 3.0 and 4.0 drop that one character, 2.1 keeps
//! it (2.1 folds only at whitespace, so the space belongs to the text). A 2.1
//! quoted-printable value that ends in `=` continues on the next line whatever it starts
//! with, and a 2.1 base64 value (a photo) runs on over bare lines of base64 until a
//! blank line. The value of a quoted-printable property is decoded in its `CHARSET`
//! (UTF-8 when it names none, as Android writes it; windows-1251 from older phones).

use encoding_rs::{Encoding, UTF_8};

use crate::model::{AddressKind, Contact, ContactKind, EmailKind, MessengerKind, PhoneKind};

/// Which vCard version to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VcardVersion {
    /// vCard 3.0 (RFC 2426): what most phones, Outlook and older Apple software read.
    V3,
    /// vCard 4.0 (RFC 6350).
    V4,
}

impl VcardVersion {
    /// The `VERSION` value, "3.0" or "4.0".
    pub fn number(self) -> &'static str {
        match self {
            VcardVersion::V3 => "3.0",
            VcardVersion::V4 => "4.0",
        }
    }
}

/// The longest a written line may be, in octets without its CRLF (RFC 6350 § 3.2).
const LINE_OCTETS: usize = 75;

/// The contacts as a `.vcf` file in `version`: UTF-8 without a BOM, CRLF line ends, lines
/// folded at 75 octets (never inside a character), text escaped.
///
/// Each card has N (surname; name; patronymic as the additional name) and FN, ORG, TITLE,
/// TEL, EMAIL, IMPP, ADR, URL, NOTE, BDAY and CATEGORIES as far as the record fills them;
/// the first phone and e-mail are marked preferred. Companies are `KIND:org` in 4.0 and
/// `X-ABShowAs:COMPANY` (Apple's mark) in 3.0. A year-less birthday is `--MMDD` in 4.0 and
/// `--MM-DD` in 3.0, which has no standard form for it.
///
/// What vCard has no place for is left out: the status, source, ИНН and КПП, requisites,
/// deals, the timeline, confirmation dates, the responsible manager, and extra and
/// user-defined fields. An address is written as its street part, since the base keeps an
/// address as one line. [`prepare_vcard`](crate::import::prepare_vcard) reads every other
/// field back as it was.
///
/// ```
/// use kartoteka_core::{export_vcard, Contact, VcardVersion};
///
/// let contact = Contact {
///     surname: "Иванов".into(),
///     name: "Иван".into(),
///     patronymic: "Иванович".into(),
///     notes: "звонить после 10; не в пятницу".into(),
///     ..Contact::default()
/// };
/// let card = String::from_utf8(export_vcard([&contact], VcardVersion::V4)).unwrap();
/// assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
/// assert!(card.contains("\r\nN:Иванов;Иван;Иванович;;\r\n"));
/// assert!(card.contains("\r\nNOTE:звонить после 10\\; не в пятницу\r\n"));
/// ```
pub fn export_vcard<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    version: VcardVersion,
) -> Vec<u8> {
    let mut out = String::new();
    for contact in contacts {
        for line in card_lines(contact, version) {
            fold_into(&mut out, &line);
        }
    }
    out.into_bytes()
}

/// The unfolded lines of one card.
fn card_lines(c: &Contact, version: VcardVersion) -> Vec<String> {
    let v4 = version == VcardVersion::V4;
    // 3.0 writes parameter values in upper case by custom, 4.0 in lower case.
    let case = |s: &str| if v4 { s.to_owned() } else { s.to_uppercase() };
    let types = |kinds: &[&str], preferred: bool| -> String {
        let mut kinds: Vec<String> = kinds.iter().map(|k| case(k)).collect();
        if preferred && !v4 {
            kinds.push("PREF".to_owned());
        }
        let mut params = String::new();
        if !kinds.is_empty() {
            params = format!(";TYPE={}", kinds.join(","));
        }
        if preferred && v4 {
            params.push_str(";PREF=1");
        }
        params
    };
    let mut lines = vec![
        "BEGIN:VCARD".to_owned(),
        format!("VERSION:{}", version.number()),
    ];
    let company = c.kind == ContactKind::Company;
    if v4 {
        lines.push(format!(
            "KIND:{}",
            if company { "org" } else { "individual" }
        ));
    } else if company {
        lines.push("X-ABShowAs:COMPANY".to_owned());
    }
    if company {
        lines.push("N:;;;;".to_owned());
    } else {
        lines.push(format!(
            "N:{};{};{};;",
            escape(&c.surname),
            escape(&c.name),
            escape(&c.patronymic)
        ));
    }
    lines.push(format!("FN:{}", escape(&c.display_name())));
    if !c.company.is_empty() {
        lines.push(format!("ORG:{}", escape(&c.company)));
    }
    if !c.position.is_empty() {
        lines.push(format!("TITLE:{}", escape(&c.position)));
    }
    for (i, phone) in c.phones.iter().enumerate() {
        let kinds: &[&str] = match phone.kind {
            PhoneKind::Mobile => &["cell"],
            PhoneKind::Work => &["work", "voice"],
            PhoneKind::Home => &["home", "voice"],
            PhoneKind::Fax => &["fax"],
            PhoneKind::Other => &["voice"],
        };
        // 4.0 takes a tel: URI by default; the number as the user typed it is text.
        let value = if v4 { ";VALUE=text" } else { "" };
        lines.push(format!(
            "TEL{value}{}:{}",
            types(kinds, i == 0),
            escape(&phone.value)
        ));
    }
    for (i, email) in c.emails.iter().enumerate() {
        let kinds: &[&str] = match (email.kind, v4) {
            (EmailKind::Work, true) => &["work"],
            (EmailKind::Personal, true) => &["home"],
            (EmailKind::Other, true) => &[],
            (EmailKind::Work, false) => &["internet", "work"],
            (EmailKind::Personal, false) => &["internet", "home"],
            (EmailKind::Other, false) => &["internet"],
        };
        lines.push(format!(
            "EMAIL{}:{}",
            types(kinds, i == 0),
            escape(&email.value)
        ));
    }
    for messenger in &c.messengers {
        let (service, scheme) = messenger_service(messenger.kind);
        lines.push(format!(
            "IMPP;X-SERVICE-TYPE={service}:{scheme}:{}",
            escape(&messenger.handle)
        ));
    }
    for address in &c.addresses {
        let kinds: &[&str] = match address.kind {
            AddressKind::Work => &["work"],
            AddressKind::Home => &["home"],
            AddressKind::Postal => &["postal"],
            AddressKind::Legal => &["x-legal"],
            AddressKind::Other => &[],
        };
        lines.push(format!(
            "ADR{}:;;{};;;;",
            types(kinds, false),
            escape(&address.value)
        ));
    }
    if !c.website.is_empty() {
        lines.push(format!("URL:{}", escape(&c.website)));
    }
    if !c.notes.is_empty() {
        lines.push(format!("NOTE:{}", escape(&c.notes)));
    }
    if let Some(birthday) = c.birthday {
        let text = match (birthday.year, v4) {
            (Some(year), true) => format!("{year:04}{:02}{:02}", birthday.month, birthday.day),
            (Some(year), false) => {
                format!("{year:04}-{:02}-{:02}", birthday.month, birthday.day)
            }
            (None, true) => format!("--{:02}{:02}", birthday.month, birthday.day),
            (None, false) => format!("--{:02}-{:02}", birthday.month, birthday.day),
        };
        lines.push(format!("BDAY:{text}"));
    }
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| escape(t)).collect();
        lines.push(format!("CATEGORIES:{}", tags.join(",")));
    }
    if !c.id.is_empty() {
        lines.push(format!("UID:{}", escape(&c.id)));
    }
    lines.push("END:VCARD".to_owned());
    lines
}

/// The `X-SERVICE-TYPE` name of a messenger (Apple's and Google's spelling) and the URI
/// scheme its handle is written under; [`messenger_of`] reads both back.
fn messenger_service(kind: MessengerKind) -> (&'static str, &'static str) {
    match kind {
        MessengerKind::Telegram => ("Telegram", "tg"),
        MessengerKind::Whatsapp => ("WhatsApp", "whatsapp"),
        MessengerKind::Viber => ("Viber", "viber"),
        MessengerKind::Skype => ("Skype", "skype"),
        MessengerKind::Icq => ("ICQ", "icq"),
        MessengerKind::Vk => ("VK", "vk"),
        // RFC 3860's scheme for instant messaging in general.
        MessengerKind::Other => ("Other", "im"),
    }
}

/// A messenger named by an `X-SERVICE-TYPE` or `TYPE` value, a URI scheme, or an
/// `X-…` property name (without `X-`), in any case; `None` for one the model does not
/// know by name (Jabber, AIM, …), which is [`MessengerKind::Other`] to the caller.
pub(crate) fn messenger_of(name: &str) -> Option<MessengerKind> {
    let kind = match name.to_lowercase().as_str() {
        "telegram" | "tg" => MessengerKind::Telegram,
        "whatsapp" | "wa" => MessengerKind::Whatsapp,
        "viber" => MessengerKind::Viber,
        "skype" | "skype-username" | "ms-skype" => MessengerKind::Skype,
        "icq" => MessengerKind::Icq,
        "vk" | "vkontakte" | "вконтакте" => MessengerKind::Vk,
        "other" => MessengerKind::Other,
        _ => return None,
    };
    Some(kind)
}

/// The URI schemes stripped from a messenger handle on import: those
/// [`export_vcard`] writes and those other programs use for the same messengers. Other
/// schemes (`xmpp:`, `https:`) are kept, as they say where the handle lives.
pub(crate) const MESSENGER_SCHEMES: &[&str] = &[
    "tg", "telegram", "whatsapp", "viber", "skype", "icq", "vk", "im", "x-apple",
];

/// `text` as a vCard text value: `\`, `,`, `;` and line breaks escaped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A text value with its escapes undone: `\n` (or `\N`) is a line break, `\,`, `\;`,
/// `\:` and `\\` the character itself. A backslash before anything else is kept, as
/// careless writers leave Windows paths unescaped.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n' | 'N') => {
                chars.next();
                out.push('\n');
            }
            Some(&next @ (',' | ';' | ':' | '\\')) => {
                chars.next();
                out.push(next);
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// `value` split at each `separator` that is not escaped, each part unescaped.
pub(crate) fn split_unescaped(value: &str, separator: char) -> Vec<String> {
    split_escaped(value, separator)
        .into_iter()
        .map(unescape)
        .collect()
}

/// The components of a structured value (N, ADR, ORG), split at unescaped `;`; a
/// component that is itself a list (3.0 and 4.0 separate its values with unescaped `,`)
/// has its values joined with `joiner`.
pub(crate) fn components(value: &str, joiner: &str) -> Vec<String> {
    split_escaped(value, ';')
        .into_iter()
        .map(|part| {
            let values = split_unescaped(part, ',');
            let values: Vec<&str> = values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            values.join(joiner)
        })
        .collect()
}

/// `value` split at each `separator` that is not escaped, the parts still escaped.
fn split_escaped(value: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(&value[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&value[start..]);
    parts
}

/// Appends `line` to `out` folded at [`LINE_OCTETS`], with CRLF after each piece.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space of a continuation counts towards its 75 octets.
        limit = LINE_OCTETS - 1;
    }
}

/// One content line of a card, unfolded and with its value decoded from
/// quoted-printable, but not yet unescaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Property {
    /// The file's line where the property starts, from 1.
    pub line: usize,
    /// The name in upper case, without a group prefix (`item1.TEL` is `TEL`).
    pub name: String,
    /// Parameters as (upper-case key, value), one pair per comma-separated value, quotes
    /// removed; 2.1's bare parameters (`TEL;CELL;PREF`) under the key they imply.
    pub params: Vec<(String, String)>,
    /// The value as text.
    pub value: String,
}

impl Property {
    /// The values of parameter `key` (upper case).
    pub fn param<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the `TYPE` parameter has `value`, in any case.
    pub fn has_type(&self, value: &str) -> bool {
        self.param("TYPE").any(|t| t.eq_ignore_ascii_case(value))
    }
}

/// What stands between two cards, or what a card turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// Lines from `BEGIN:VCARD` on.
    Card {
        /// The card's number in the file, from 1.
        number: usize,
        /// The line of its `BEGIN:VCARD`.
        line: usize,
        /// Its properties, in file order.
        properties: Vec<Property>,
        /// Whether `END:VCARD` closed it.
        terminated: bool,
        /// The first line in it that is no property at all, with its line number.
        garbage: Option<(usize, String)>,
    },
    /// Non-blank lines outside any card: the first of them, and where it is.
    Outside {
        /// Its line number.
        line: usize,
        /// Its text.
        text: String,
    },
}

/// The cards of `text` and the text between them.
pub(crate) fn read_blocks(text: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for (i, line) in lines(text).enumerate() {
        reader.line(i + 1, line);
    }
    reader.finish();
    reader.blocks
}

/// Physical lines, ended by CRLF, LF or a lone CR.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\r', '\n']) {
            Some(end) => {
                let after = &current[end..];
                let skip = if after.starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&current[end + skip..]);
                Some(&current[..end])
            }
            None => {
                rest = None;
                (!current.is_empty()).then_some(current)
            }
        }
    })
}

/// The state of [`read_blocks`].
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    cards: usize,
    card: Option<OpenCard>,
    outside: Option<(usize, String)>,
}

/// A card being read.
struct OpenCard {
    number: usize,
    line: usize,
    version_21: bool,
    properties: Vec<Property>,
    garbage: Option<(usize, String)>,
    /// The logical line being unfolded, and where it started.
    pending: Option<(usize, String)>,
}

impl Reader {
    fn line(&mut self, number: usize, line: &str) {
        let marker = line.trim();
        if marker.eq_ignore_ascii_case("BEGIN:VCARD") {
            self.close_outside();
            self.close_card(false);
            self.cards += 1;
            self.card = Some(OpenCard {
                number: self.cards,
                line: number,
                version_21: false,
                properties: Vec::new(),
                garbage: None,
                pending: None,
            });
            return;
        }
        let Some(card) = &mut self.card else {
            if marker.is_empty() {
                self.close_outside();
            } else if self.outside.is_none() {
                self.outside = Some((number, marker.to_owned()));
            }
            // A stray END:VCARD ends the text of a card whose BEGIN was lost.
            if marker.eq_ignore_ascii_case("END:VCARD") {
                self.close_outside();
            }
            return;
        };
        if let Some((_, pending)) = &mut card.pending {
            // Before folding: the next line of a quoted-printable value may start with a
            // space that belongs to the text.
            if pending.ends_with('=') && is_quoted_printable(pending) {
                pending.pop();
                pending.push_str(line);
                return;
            }
            if let Some(rest) = line.strip_prefix([' ', '\t']) {
                if card.version_21 {
                    pending.push_str(line);
                } else {
                    pending.push_str(rest);
                }
                return;
            }
            if !marker.is_empty() && is_base64_data(marker) && is_base64(pending) {
                pending.push_str(marker);
                return;
            }
        }
        card.flush();
        if marker.eq_ignore_ascii_case("END:VCARD") {
            self.close_card(true);
        } else if !marker.is_empty() {
            card.pending = Some((number, line.to_owned()));
        }
    }

    fn close_outside(&mut self) {
        if let Some((line, text)) = self.outside.take() {
            self.blocks.push(Block::Outside { line, text });
        }
    }

    fn close_card(&mut self, terminated: bool) {
        if let Some(mut card) = self.card.take() {
            card.flush();
            self.blocks.push(Block::Card {
                number: card.number,
                line: card.line,
                properties: card.properties,
                terminated,
                garbage: card.garbage,
            });
        }
    }

    fn finish(&mut self) {
        self.close_outside();
        self.close_card(false);
    }
}

impl OpenCard {
    /// Parses the pending logical line into a property, or notes it as garbage.
    fn flush(&mut self) {
        let Some((line, text)) = self.pending.take() else {
            return;
        };
        match parse_property(line, &text) {
            Some(property) => {
                if property.name == "VERSION" {
                    self.version_21 = property.value.trim() == "2.1";
                }
                self.properties.push(property);
            }
            None => {
                if self.garbage.is_none() {
                    self.garbage = Some((line, text.trim().to_owned()));
                }
            }
        }
    }
}

/// Whether the (unparsed) logical line is a quoted-printable property.
fn is_quoted_printable(line: &str) -> bool {
    let head = line
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    head.split(';')
        .skip(1)
        .any(|p| matches!(p, "QUOTED-PRINTABLE" | "ENCODING=QUOTED-PRINTABLE"))
}

/// Whether the (unparsed) logical line is a 2.1 or 3.0 base64 property.
fn is_base64(line: &str) -> bool {
    let head = line
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    head.split(';')
        .skip(1)
        .any(|p| matches!(p, "BASE64" | "ENCODING=BASE64" | "ENCODING=B"))
}

fn is_base64_data(line: &str) -> bool {
    line.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// `[group.]NAME[;PARAM…]:value`, or `None` when the line is no property.
fn parse_property(line: usize, text: &str) -> Option<Property> {
    let colon = find_unquoted(text, ':')?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim();
    let name = name.rsplit_once('.').map_or(name, |(_, name)| name);
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut params = Vec::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (key, values) = match part.split_once('=') {
            Some((key, values)) => (key.trim().to_ascii_uppercase(), values),
            None => {
                let key = match part.to_ascii_uppercase().as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" | "B" => "ENCODING",
                    _ => "TYPE",
                };
                (key.to_owned(), part)
            }
        };
        for value in split_unquoted(values, ',') {
            let value = value.trim();
            let unquoted = value.trim_matches('"');
            // 4.0 quotes a list of types as one value: TYPE="work,voice".
            let values = if key == "TYPE" && unquoted.len() < value.len() {
                unquoted.split(',').collect()
            } else {
                vec![unquoted]
            };
            for value in values.into_iter().map(str::trim).filter(|v| !v.is_empty()) {
                params.push((key.clone(), value.to_owned()));
            }
        }
    }
    let mut property = Property {
        line,
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_owned(),
    };
    let quoted_printable = property
        .param("ENCODING")
        .any(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"));
    if quoted_printable {
        let bytes = quoted_printable::decode(value, quoted_printable::ParseMode::Robust)
            .unwrap_or_else(|_| value.as_bytes().to_vec());
        let encoding = property
            .param("CHARSET")
            .find_map(|label| Encoding::for_label(label.as_bytes()))
            .unwrap_or(UTF_8);
        property.value = encoding.decode_without_bom_handling(&bytes).0.into_owned();
    }
    Some(property)
}

fn find_unquoted(text: &str, wanted: char) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c == wanted && !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = find_unquoted(rest, separator) {
        parts.push(&rest[..at]);
        rest = &rest[at + separator.len_utf8()..];
    }
    parts.push(rest);
    parts
}

/// The kind of a written `TEL`, `EMAIL` and `ADR`, for the import to read back; kept
/// next to [`card_lines`] so that the two stay in step.
pub(crate) fn phone_kind_of(property: &Property) -> PhoneKind {
    let has = |t: &str| property.has_type(t);
    if has("fax") {
        PhoneKind::Fax
    } else if has("cell") || has("mobile") || has("iphone") {
        PhoneKind::Mobile
    } else if has("work") {
        PhoneKind::Work
    } else if has("home") {
        PhoneKind::Home
    } else {
        PhoneKind::Other
    }
}

/// See [`phone_kind_of`].
pub(crate) fn email_kind_of(property: &Property) -> EmailKind {
    if property.has_type("work") {
        EmailKind::Work
    } else if property.has_type("home") {
        EmailKind::Personal
    } else {
        EmailKind::Other
    }
}

/// See [`phone_kind_of`]. A legal address is `x-legal`, a type of Kartoteka's own.
pub(crate) fn address_kind_of(property: &Property) -> AddressKind {
    let kinds = [
        ("x-legal", AddressKind::Legal),
        ("work", AddressKind::Work),
        ("home", AddressKind::Home),
        ("postal", AddressKind::Postal),
    ];
    kinds
        .into_iter()
        .find(|(t, _)| property.has_type(t))
        .map_or(AddressKind::Other, |(_, kind)| kind)
}

/// The preference of a `TEL` or `EMAIL`: 4.0's `PREF=1`…`100` (1 most preferred), 3.0's
/// and 2.1's `TYPE=PREF` as 1; `None` when it has none.
pub(crate) fn preference(property: &Property) -> Option<u8> {
    let pref = property
        .param("PREF")
        .filter_map(|p| p.parse::<u8>().ok())
        .min();
    pref.or_else(|| property.has_type("pref").then_some(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        let text = "a,b;c\\d\nновая строка\r\nещё";
        let escaped = escape(text);
        assert_eq!(escaped, "a\\,b\\;c\\\\d\\nновая строка\\nещё");
        assert_eq!(unescape(&escaped), text.replace("\r\n", "\n"));
        assert_eq!(
            split_unescaped("Иванов;Иван\\; мл.;;", ';'),
            ["Иванов", "Иван; мл.", "", ""]
        );
        assert_eq!(unescape("C:\\path"), "C:\\path");
    }

    #[test]
    fn folding_keeps_characters_whole() {
        let mut out = String::new();
        let line = format!("NOTE:{}", "ж".repeat(100));
        fold_into(&mut out, &line);
        for piece in out.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(piece.len() <= LINE_OCTETS, "{} octets", piece.len());
        }
        let unfolded: String = out
            .split("\r\n")
            .enumerate()
            .map(|(i, p)| if i == 0 { p } else { &p[1.min(p.len())..] })
            .collect();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn a_quoted_printable_line_may_go_on_with_a_space() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\n\
                    NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=D0=B4=D0=B2=D0=B0=\r\n \
                    =D1=81=D0=BB=D0=BE=D0=B2=D0=B0\r\nEND:VCARD\r\n";
        let blocks = read_blocks(text);
        let Block::Card { properties, .. } = &blocks[0] else {
            panic!("{blocks:?}");
        };
        assert_eq!(properties[1].value, "два слова");
    }

    #[test]
    fn properties_with_groups_quotes_and_bare_parameters() {
        let p = parse_property(3, "item1.TEL;type=\"work,voice\";PREF=1:+7 495").unwrap();
        assert_eq!(p.name, "TEL");
        assert!(p.has_type("WORK") && p.has_type("voice"));
        assert_eq!(preference(&p), Some(1));
        let p = parse_property(4, "TEL;CELL;PREF:8 900").unwrap();
        assert_eq!(phone_kind_of(&p), PhoneKind::Mobile);
        assert_eq!(preference(&p), Some(1));
        assert_eq!(parse_property(5, "просто текст"), None);
        assert_eq!(parse_property(5, "Привет: мир"), None);
    }
}
