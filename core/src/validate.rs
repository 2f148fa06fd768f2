//! Plausibility checks for values users type or import.
//!
//! They only ever produce warnings: a base that refuses an odd e-mail loses the contact,
//! while one that flags it lets a person look at it.

/// ИНН weights for the check digit of a company's 10-digit number.
const INN10_WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
/// ИНН weights for the first check digit of a person's 12-digit number.
const INN12_WEIGHTS_11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
/// ИНН weights for the second check digit of a person's 12-digit number.
const INN12_WEIGHTS_12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

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

/// Whether `s` is a valid ИНН: 10 digits (an organisation) or 12 digits (a person or a
/// sole trader) whose check digits agree with the Federal Tax Service's algorithm.
///
/// ```
/// use kartoteka_core::is_valid_inn;
///
/// assert!(is_valid_inn("7707083893"));
/// assert!(is_valid_inn("500100732259"));
/// assert!(!is_valid_inn("7707083894"));
/// ```
pub fn is_valid_inn(s: &str) -> bool {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
    match digits.len() {
        10 => check_digit(&digits, &INN10_WEIGHTS) == digits[9],
        12 => {
            check_digit(&digits, &INN12_WEIGHTS_11) == digits[10]
                && check_digit(&digits, &INN12_WEIGHTS_12) == digits[11]
        }
        _ => false,
    }
}

/// The weighted sum of the leading digits, modulo 11, modulo 10.
fn check_digit(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 % 10
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

    #[test]
    fn inn_checksums() {
        assert!(is_valid_inn("7707083893"));
        assert!(is_valid_inn("0245346800"));
        assert!(is_valid_inn("500100732259"));
        assert!(!is_valid_inn("7707083890"));
        assert!(!is_valid_inn("500100732250"));
        assert!(!is_valid_inn("500100732209"));
    }

    #[test]
    fn inn_shape() {
        for bad in [
            "",
            "770708389",
            "77070838931",
            "7707083893 ",
            "77070838９3",
            "770708389a",
        ] {
            assert!(!is_valid_inn(bad), "{bad:?}");
        }
    }
}
