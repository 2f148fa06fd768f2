//! Links for a card's phones, e-mails, messengers and website, built only from values
//! that pass a check.
//!
//! Whatever a person typed or a file brought in ends up in an `href`, so nothing is
//! passed through: each function reads the value, checks it against what the target
//! accepts (a valid phone number, a Telegram username, a host name) and builds the link
//! from the checked parts, or gives `None` so that the UI shows plain text. A value with
//! control characters or invisible formatting characters (a right-to-left override that
//! makes `moc.evil` look like `live.com`, a zero-width space, NUL) never becomes a link,
//! and no link can carry a scheme other than the one its function writes.

use crate::model::MessengerKind;
use crate::phone::phone_view;
use crate::validate::is_valid_email;

/// Telegram's own addresses for a username or a phone, as people paste them.
const TELEGRAM_PREFIXES: &[&str] = &[
    "https://t.me/",
    "http://t.me/",
    "https://telegram.me/",
    "http://telegram.me/",
    "t.me/",
    "telegram.me/",
];

/// WhatsApp's addresses for a phone; the number after them has no `+`.
const WHATSAPP_PREFIXES: &[&str] = &[
    "https://wa.me/",
    "http://wa.me/",
    "wa.me/",
    "https://api.whatsapp.com/send?phone=",
    "https://api.whatsapp.com/send/?phone=",
];

/// Viber's chat link, with the `+` of the number escaped or not.
const VIBER_PREFIXES: &[&str] = &["viber://chat?number=%2b", "viber://chat?number="];

/// VK's hosts, after any scheme and `www.`/`m.` are cut off.
const VK_HOSTS: &[&str] = &["vk.com/", "vk.ru/", "vkontakte.ru/"];

/// ICQ's addresses for a number.
const ICQ_PREFIXES: &[&str] = &["https://icq.im/", "http://icq.im/", "icq.im/"];

/// Whether `c` must never reach a link: control characters and the invisible formatting
/// characters (bidirectional overrides and isolates, zero-width characters, the byte
/// order mark, interlinear annotation and tag characters) that can disguise one.
fn is_hostile_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// `value` trimmed, or `None` if it is empty or has a character that must never reach a
/// link (see [`is_hostile_char`]).
fn clean(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty() && !value.chars().any(is_hostile_char)).then_some(value)
}

/// `s` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `s` without the first of `prefixes` it starts with (ignoring ASCII case), if any.
fn strip_any_prefix<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|prefix| strip_prefix_ignoring_case(s, prefix))
}

/// The number `value` is in E.164 (`+79161234567`), when it is a valid phone.
fn e164(value: &str) -> Option<String> {
    phone_view(value).e164
}

/// A `tel:` link for a phone, given the value as typed ([`Phone::value`](crate::Phone)),
/// only when it is a valid number; an extension is left out, as dialling cannot reach it.
///
/// ```
/// use kartoteka_core::tel_href;
///
/// assert_eq!(tel_href("8 (495) 123-45-67").as_deref(), Some("tel:+74951234567"));
/// assert_eq!(tel_href("22-33-44"), None);
/// ```
pub fn tel_href(value: &str) -> Option<String> {
    e164(clean(value)?).map(|number| format!("tel:{number}"))
}

/// A `mailto:` link for a valid e-mail address (see [`is_valid_email`]) made only of
/// letters, digits and `._+-`.
///
/// Addresses may legally hold `?`, `&`, `%`, `#` or quotes, but in a `mailto:` link those
/// add recipients, headers or a body, so such an address gets no link rather than an
/// escaped one: it is still shown, and can be copied.
///
/// ```
/// use kartoteka_core::mailto_href;
///
/// assert_eq!(mailto_href("ivanov@mail.ru").as_deref(), Some("mailto:ivanov@mail.ru"));
/// assert_eq!(mailto_href("a@b.ru?cc=x@y.ru"), None);
/// ```
pub fn mailto_href(email: &str) -> Option<String> {
    let email = clean(email)?;
    if !is_valid_email(email) {
        return None;
    }
    let (local, domain) = email.split_once('@')?;
    let safe_local = local
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-'));
    (safe_local && is_host(domain)).then(|| format!("mailto:{email}"))
}

/// A link that opens a chat with `handle` in the messenger `kind`.
///
/// - Telegram: a username (`@name`, `name`, `t.me/name`, `https://t.me/name`; 5–32
///   Latin letters, digits and underscores, starting with a letter) gives
///   `https://t.me/name`; a phone gives `https://t.me/+79161234567`.
/// - WhatsApp: a phone (or a `wa.me` link) gives `https://wa.me/79161234567`.
/// - Viber: a phone gives `viber://chat?number=%2B79161234567`.
/// - Skype: a login (6–32 of Latin letters, digits and `._:-`, starting with a letter)
///   or a `live:` id gives `skype:login?call`.
/// - VK: `id123`, a screen name, `vk.com/durov` or `https://vk.com/durov` gives
///   `https://vk.com/durov`; bare digits are a numeric id.
/// - ICQ: a number of 5–10 digits gives `https://icq.im/123456789`.
/// - Other: only an `http`/`https` address, as [`website_href`] checks it.
///
/// ```
/// use kartoteka_core::{messenger_href, MessengerKind};
///
/// assert_eq!(
///     messenger_href(MessengerKind::Telegram, "@durov").as_deref(),
///     Some("https://t.me/durov")
/// );
/// assert_eq!(
///     messenger_href(MessengerKind::Whatsapp, "8 916 123-45-67").as_deref(),
///     Some("https://wa.me/79161234567")
/// );
/// assert_eq!(messenger_href(MessengerKind::Telegram, "javascript:alert(1)"), None);
/// ```
pub fn messenger_href(kind: MessengerKind, handle: &str) -> Option<String> {
    let handle = clean(handle)?;
    match kind {
        MessengerKind::Telegram => telegram_href(handle),
        MessengerKind::Whatsapp => {
            let number = match strip_any_prefix(handle, WHATSAPP_PREFIXES) {
                // The number in a wa.me link is written without its `+`.
                Some(rest) => format!("+{}", rest.trim_end_matches('/')),
                None => handle.to_owned(),
            };
            let number = e164(&number)?;
            Some(format!("https://wa.me/{}", number.trim_start_matches('+')))
        }
        MessengerKind::Viber => {
            let number = match strip_any_prefix(handle, VIBER_PREFIXES) {
                Some(rest) => format!("+{}", rest.trim_start_matches('+')),
                None => handle.to_owned(),
            };
            let number = e164(&number)?;
            Some(format!(
                "viber://chat?number=%2B{}",
                number.trim_start_matches('+')
            ))
        }
        MessengerKind::Skype => skype_href(handle),
        MessengerKind::Vk => vk_href(handle),
        MessengerKind::Icq => {
            let number = strip_any_prefix(handle, ICQ_PREFIXES).unwrap_or(handle);
            let digits: String = number
                .trim_end_matches('/')
                .chars()
                .filter(|&c| c != ' ' && c != '-')
                .collect();
            let valid =
                (5..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            valid.then(|| format!("https://icq.im/{digits}"))
        }
        MessengerKind::Other => http_url(handle, true),
    }
}

/// A Telegram link for a username or a phone.
fn telegram_href(handle: &str) -> Option<String> {
    let rest = strip_any_prefix(handle, TELEGRAM_PREFIXES).unwrap_or(handle);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let username = rest.strip_prefix('@').unwrap_or(rest);
    let is_username = (5..=32).contains(&username.len())
        && username.starts_with(|c: char| c.is_ascii_alphabetic())
        && username
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if is_username {
        return Some(format!("https://t.me/{username}"));
    }
    e164(rest).map(|number| format!("https://t.me/{number}"))
}

/// A Skype link for a login or a `live:` id.
fn skype_href(handle: &str) -> Option<String> {
    let login = strip_prefix_ignoring_case(handle, "skype:").unwrap_or(handle);
    let login = ["?call", "?chat"]
        .iter()
        .find_map(|suffix| login.strip_suffix(suffix))
        .unwrap_or(login);
    let valid = match strip_prefix_ignoring_case(login, "live:") {
        // Ids of Microsoft accounts: "live:.cid.1a2b3c" or "live:ivanov_1".
        Some(id) => {
            (1..=64).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        }
        None => {
            (6..=32).contains(&login.len())
                && login.starts_with(|c: char| c.is_ascii_alphabetic())
                && login
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
        }
    };
    valid.then(|| format!("skype:{login}?call"))
}

/// A VK link for a numeric id or a screen name.
fn vk_href(handle: &str) -> Option<String> {
    let mut rest = handle;
    for scheme in ["https://", "http://"] {
        if let Some(after) = strip_prefix_ignoring_case(rest, scheme) {
            rest = after;
        }
    }
    for subdomain in ["www.", "m."] {
        if let Some(after) = strip_prefix_ignoring_case(rest, subdomain) {
            rest = after;
        }
    }
    let linked = strip_any_prefix(rest, VK_HOSTS);
    if linked.is_none() && rest.len() != handle.len() {
        // A scheme or subdomain, but not of VK.
        return None;
    }
    let name = linked.unwrap_or(rest);
    let name = name.strip_suffix('/').unwrap_or(name);
    let name = name.strip_prefix('@').unwrap_or(name);
    if !name.is_empty() && name.len() <= 12 && name.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("https://vk.com/id{name}"));
    }
    let valid = (2..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !name.ends_with('.')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'));
    valid.then(|| format!("https://vk.com/{name}"))
}

/// A link for a website typed as `example.ru`, `www.example.ru/price` or a full
/// `http`/`https` address.
///
/// Without a scheme, `https://` is put in front. Any other scheme (`javascript:`,
/// `data:`, `file:`, `mailto:`) is refused, as are spaces, control and formatting
/// characters, quotes and angle brackets anywhere, a user name before the host
/// (`https://bank.ru@evil.example`), and a host that is not dot-separated labels of
/// letters, digits and hyphens.
///
/// ```
/// use kartoteka_core::website_href;
///
/// assert_eq!(website_href("example.ru").as_deref(), Some("https://example.ru"));
/// assert_eq!(website_href("http://example.ru/a?b=1").as_deref(), Some("http://example.ru/a?b=1"));
/// assert_eq!(website_href("javascript:alert(1)"), None);
/// ```
pub fn website_href(value: &str) -> Option<String> {
    http_url(clean(value)?, false)
}

/// `value` as an `http`/`https` address, with `https://` added when `require_scheme` is
/// false and it has none.
fn http_url(value: &str, require_scheme: bool) -> Option<String> {
    let unsafe_char = |c: char| {
        c.is_whitespace()
            || is_hostile_char(c)
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '`' | '^' | '{' | '}' | '|'
            )
    };
    if value.is_empty() || value.chars().any(unsafe_char) {
        return None;
    }
    let (scheme, rest) = if let Some(rest) = strip_prefix_ignoring_case(value, "https://") {
        ("https", rest)
    } else if let Some(rest) = strip_prefix_ignoring_case(value, "http://") {
        ("http", rest)
    } else if require_scheme {
        return None;
    } else {
        // Any other scheme ends up in the host below, whose only allowed colon is the
        // one before a port: "javascript:alert(1)" and "data:text/html,…" fail there.
        ("https", value)
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    is_authority(&rest[..end]).then(|| format!("{scheme}://{rest}"))
}

/// Whether `authority` is a host with an optional port, and no user name.
fn is_authority(authority: &str) -> bool {
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|port| {
        (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit())
    });
    port_ok && is_host(host)
}

/// Whether `host` is two or more dot-separated labels of letters (any script, for
/// internationalised domains such as `пример.рф`), digits and inner hyphens.
fn is_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.chars().count())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use MessengerKind::*;

    /// Values that must never become a link, whatever the kind.
    const HOSTILE: &[&str] = &[
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "@x\"onmouseover=alert(1)",
        "x\" onmouseover=\"alert(1)",
        "<script>alert(1)</script>",
        "durov\u{202E}",
        "\u{202E}moc.live",
        "+7 916 123-45-67\u{0}",
        "dur\u{0}ov",
        "dur\u{200B}ov",
        "example.ru\u{2066}",
        "\u{FEFF}durov",
        "file:///etc/passwd",
        "//evil.example",
        "",
        "   ",
    ];

    #[test]
    fn hostile_values_make_no_link() {
        for value in HOSTILE {
            for kind in [Telegram, Whatsapp, Viber, Skype, Icq, Vk, Other] {
                assert_eq!(messenger_href(kind, value), None, "{kind:?} {value:?}");
            }
            assert_eq!(website_href(value), None, "{value:?}");
            assert_eq!(mailto_href(value), None, "{value:?}");
            assert_eq!(tel_href(value), None, "{value:?}");
        }
    }

    #[test]
    fn tel_links_only_for_valid_numbers() {
        assert_eq!(
            tel_href("8 (916) 123-45-67").as_deref(),
            Some("tel:+79161234567")
        );
        assert_eq!(
            tel_href("+7 495 123-45-67 доб. 12").as_deref(),
            Some("tel:+74951234567")
        );
        assert_eq!(
            tel_href("+49 30 123456").as_deref(),
            Some("tel:+4930123456")
        );
        assert_eq!(tel_href("112"), None);
        assert_eq!(tel_href("нет"), None);
    }

    #[test]
    fn mailto_links_only_for_plain_addresses() {
        for (email, href) in [
            ("ivanov@mail.ru", "mailto:ivanov@mail.ru"),
            (
                " Ivan.Petrov+crm@mail.example.com ",
                "mailto:Ivan.Petrov+crm@mail.example.com",
            ),
            ("иван@почта.рф", "mailto:иван@почта.рф"),
            ("a_b-c@x-y.io", "mailto:a_b-c@x-y.io"),
        ] {
            assert_eq!(mailto_href(email).as_deref(), Some(href), "{email:?}");
        }
        for email in [
            "ivanov",
            "ivanov@mail",
            "a@b.ru?subject=x",
            "a@b.ru&body=x",
            "a%0d%0abcc@b.ru",
            "a#b@c.ru",
            "\"a b\"@c.ru",
            "o'brien@c.ru",
            "a@-b.ru",
            "a@b_c.ru",
            "a@b.ru,c@d.ru",
        ] {
            assert_eq!(mailto_href(email), None, "{email:?}");
        }
    }

    #[test]
    fn telegram_usernames_and_phones() {
        for handle in [
            "@ivan_petrov",
            "ivan_petrov",
            "t.me/ivan_petrov",
            "https://t.me/ivan_petrov",
            "HTTPS://T.ME/ivan_petrov/",
            "telegram.me/ivan_petrov",
            "https://t.me/@ivan_petrov",
        ] {
            assert_eq!(
                messenger_href(Telegram, handle).as_deref(),
                Some("https://t.me/ivan_petrov"),
                "{handle:?}"
            );
        }
        for handle in ["+7 916 123-45-67", "89161234567", "t.me/+79161234567"] {
            assert_eq!(
                messenger_href(Telegram, handle).as_deref(),
                Some("https://t.me/+79161234567"),
                "{handle:?}"
            );
        }
        for handle in [
            "abcd",
            "a234567890123456789012345678901234",
            "ivan-petrov",
            "1vanpetrov",
            "https://t.me/ivan_petrov?start=1",
            "https://evil.example/ivan_petrov",
            "@",
            "22-33-44",
        ] {
            assert_eq!(messenger_href(Telegram, handle), None, "{handle:?}");
        }
    }

    #[test]
    fn whatsapp_and_viber_need_a_valid_phone() {
        for handle in [
            "8 (916) 123-45-67",
            "+7 916 123 45 67",
            "wa.me/79161234567",
            "https://wa.me/79161234567",
            "https://api.whatsapp.com/send?phone=79161234567",
        ] {
            assert_eq!(
                messenger_href(Whatsapp, handle).as_deref(),
                Some("https://wa.me/79161234567"),
                "{handle:?}"
            );
        }
        assert_eq!(
            messenger_href(Whatsapp, "wa.me/4930123456").as_deref(),
            Some("https://wa.me/4930123456")
        );
        for handle in [
            "+7 916 123-45-67",
            "viber://chat?number=%2B79161234567",
            "viber://chat?number=+79161234567",
        ] {
            assert_eq!(
                messenger_href(Viber, handle).as_deref(),
                Some("viber://chat?number=%2B79161234567"),
                "{handle:?}"
            );
        }
        for kind in [Whatsapp, Viber] {
            assert_eq!(messenger_href(kind, "ivan_petrov"), None);
            assert_eq!(messenger_href(kind, "12345"), None);
        }
    }

    #[test]
    fn skype_logins() {
        for (handle, href) in [
            ("ivan.petrov", "skype:ivan.petrov?call"),
            ("skype:ivan.petrov?chat", "skype:ivan.petrov?call"),
            ("Ivan_Petrov-2", "skype:Ivan_Petrov-2?call"),
            ("live:.cid.1a2b3c4d", "skype:live:.cid.1a2b3c4d?call"),
            ("live:ivan", "skype:live:ivan?call"),
        ] {
            assert_eq!(
                messenger_href(Skype, handle).as_deref(),
                Some(href),
                "{handle:?}"
            );
        }
        for handle in [
            "ivan",
            "1vanpetrov",
            "ivan petrov",
            "ivan?call&x=1",
            "live:",
            "ivan/petrov",
        ] {
            assert_eq!(messenger_href(Skype, handle), None, "{handle:?}");
        }
    }

    #[test]
    fn vk_pages() {
        for handle in [
            "durov",
            "@durov",
            "vk.com/durov",
            "https://vk.com/durov",
            "http://m.vk.com/durov/",
            "https://www.vk.com/durov",
            "vk.ru/durov",
        ] {
            assert_eq!(
                messenger_href(Vk, handle).as_deref(),
                Some("https://vk.com/durov"),
                "{handle:?}"
            );
        }
        assert_eq!(
            messenger_href(Vk, "id123").as_deref(),
            Some("https://vk.com/id123")
        );
        assert_eq!(
            messenger_href(Vk, "123").as_deref(),
            Some("https://vk.com/id123")
        );
        assert_eq!(
            messenger_href(Vk, "https://vk.com/ivan.petrov").as_deref(),
            Some("https://vk.com/ivan.petrov")
        );
        for handle in [
            "https://evil.example/durov",
            "m.evil.example/durov",
            "vk.com/durov?w=wall1",
            "vk.com/",
            "дуров",
            "a..b",
            "durov.",
        ] {
            assert_eq!(messenger_href(Vk, handle), None, "{handle:?}");
        }
    }

    #[test]
    fn icq_numbers() {
        for handle in ["123456789", "123-456-789", "https://icq.im/123456789"] {
            assert_eq!(
                messenger_href(Icq, handle).as_deref(),
                Some("https://icq.im/123456789"),
                "{handle:?}"
            );
        }
        for handle in ["1234", "12345678901", "ivan", "12345a"] {
            assert_eq!(messenger_href(Icq, handle), None, "{handle:?}");
        }
    }

    #[test]
    fn other_messengers_need_a_web_address() {
        assert_eq!(
            messenger_href(Other, "https://max.ru/u/abc").as_deref(),
            Some("https://max.ru/u/abc")
        );
        assert_eq!(messenger_href(Other, "max.ru/u/abc"), None);
        assert_eq!(messenger_href(Other, "tg://resolve?domain=durov"), None);
    }

    #[test]
    fn websites() {
        for (value, href) in [
            ("example.ru", "https://example.ru"),
            ("www.example.ru/price", "https://www.example.ru/price"),
            ("  https://example.ru  ", "https://example.ru"),
            ("HTTP://Example.RU/A?b=1#c", "http://Example.RU/A?b=1#c"),
            ("example.ru:8080/x", "https://example.ru:8080/x"),
            ("пример.рф", "https://пример.рф"),
            (
                "https://sub.example.co.uk/a%20b",
                "https://sub.example.co.uk/a%20b",
            ),
            ("192.168.0.10", "https://192.168.0.10"),
        ] {
            assert_eq!(website_href(value).as_deref(), Some(href), "{value:?}");
        }
        for value in [
            "example",
            "localhost",
            "ftp://example.ru",
            "mailto:a@b.ru",
            "https://bank.ru@evil.example",
            "https://example.ru:port",
            "https://-example.ru",
            "https://example..ru",
            "example.ru.",
            "exa mple.ru",
            "https://example.ru/a b",
            "https://example.ru/\"onclick",
            "https://example.ru/<x>",
            "https:\\\\example.ru",
            "https://",
            "example.ru:123456",
            "https://exa_mple.ru",
        ] {
            assert_eq!(website_href(value), None, "{value:?}");
        }
    }
}
