//! Plausibility checks for values users type or import.
//!
//! They only ever produce warnings: a base that refuses an odd e-mail loses the contact,
//! while one that flags it lets a person look at it.
//!
//! The ИНН check lives with the other legal details in [`crate::requisites`]; it is
//! re-exported here, where the import has always found it.

pub use crate::requisites::is_valid_inn;

/// Whether `s` looks like an e-mail address: exactly one `@`, something before it, a
/// domain with a dot that neither starts nor ends with one (nor has two in a row), and no
/// whitespace anywhere.
///
/// Deliberately loose: the full RFC 5322 grammar accepts things no mail server does, and
/// rejecting a real address costs more than letting a typo through.
///
/// ```
/// use kartoteka_core::is_valid_email;
///
/// assert!(is_valid_email("ivanov@mail.ru"));
/// assert!(!is_valid_email("ivanov@mail"));
/// assert!(!is_valid_email("ivanov mail.ru"));
/// ```
pub fn is_valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_emails() {
        for good in [
            "a@b.ru",
            "ivan.petrov+crm@mail.example.com",
            "иван@почта.рф",
            "1985@x.io",
        ] {
            assert!(is_valid_email(good), "{good}");
        }
    }

    #[test]
    fn implausible_emails() {
        for bad in [
            "",
            "ivanov",
            "@mail.ru",
            "ivanov@",
            "ivanov@mail",
            "ivanov@.mail.ru",
            "ivanov@mail.ru.",
            "ivanov@mail..ru",
            "a@b@c.ru",
            "ivan ov@mail.ru",
            " ivanov@mail.ru",
            "ivanov@mail.ru\n",
            "ivanov@mail.ru, petrov@mail.ru",
        ] {
            assert!(!is_valid_email(bad), "{bad:?}");
        }
    }
}
