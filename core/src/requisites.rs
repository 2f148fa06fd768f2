//! Check digits of Russian legal details: ИНН, КПП, ОГРН / ОГРНИП, БИК and bank accounts.
//!
//! Each check says what is wrong in a [`RequisiteError`], which the UI turns into a
//! sentence; like the rest of validation, a failed check is a warning on the card, not a
//! refusal to save. Whitespace inside a value is ignored, since details are copied from
//! PDFs and letters as "4070 2810 …"; anything else that is not a digit is an error.
//!
//! The algorithms are the official ones: the Federal Tax Service's weights for ИНН, the
//! remainder rules of the state register for ОГРН, and the Bank of Russia's control key
//! for account numbers (weights 7, 1, 3 over a bank's three-digit number and the account).

use thiserror::Error;

/// ИНН weights for the check digit of a company's 10-digit number.
const INN10_WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
/// ИНН weights for the first check digit of a person's 12-digit number.
const INN12_WEIGHTS_11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
/// ИНН weights for the second check digit of a person's 12-digit number.
const INN12_WEIGHTS_12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
/// The weights of the account control key, repeated from the left.
const ACCOUNT_KEY_WEIGHTS: [u32; 3] = [7, 1, 3];
/// The lowest three-digit number a credit organisation gets in its БИК; lower numbers
/// (000 for a cash settlement centre) belong to divisions of the Bank of Russia itself.
const FIRST_CREDIT_ORGANISATION: u32 = 50;

/// What is wrong with a legal detail.
///
/// Variants carry as little as possible so that the UI can word each one in the user's
/// language.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RequisiteError {
    /// The value has the wrong number of characters (whitespace not counted).
    #[error("expected {} characters, found {found}", lengths(expected))]
    WrongLength {
        /// The lengths this detail may have.
        expected: &'static [usize],
        /// The length it has.
        found: usize,
    },
    /// Something other than a digit (or whitespace) is in a value made of digits.
    #[error("not only digits")]
    NotDigits,
    /// The check digit disagrees with the digits before it: a typo.
    #[error("the check digit does not match")]
    CheckDigit,
    /// The account's control key disagrees with the bank's БИК: a typo in the account,
    /// or an account of another bank.
    #[error("the account does not belong to this bank (control key mismatch)")]
    AccountKey,
    /// A КПП must be four digits, two digits or capital Latin letters, and three digits.
    #[error("a kpp is four digits, two digits or letters A-Z, then three digits")]
    BadKppFormat,
    /// Nine digits, but not starting with 04, the code of Russia in a БИК.
    #[error("a bik starts with 04")]
    BikFormat,
    /// An account cannot be checked because the БИК given with it is missing or wrong.
    #[error("the account cannot be checked without a valid bik")]
    InvalidBik,
}

/// "10 or 12", for the message of [`RequisiteError::WrongLength`].
fn lengths(expected: &[usize]) -> String {
    expected
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `value` without whitespace.
fn compact(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The digits of `value` (whitespace skipped) when they are all digits and as many as
/// one of `expected`.
fn digits_of(value: &str, expected: &'static [usize]) -> Result<Vec<u32>, RequisiteError> {
    let compact = compact(value);
    if !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RequisiteError::NotDigits);
    }
    if !expected.contains(&compact.len()) {
        return Err(RequisiteError::WrongLength {
            expected,
            found: compact.len(),
        });
    }
    Ok(compact.bytes().map(|b| u32::from(b - b'0')).collect())
}

/// The weighted sum of the leading digits, modulo 11, modulo 10.
fn inn_check_digit(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 % 10
}

/// Checks an ИНН: 10 digits for an organisation, 12 for a person or a sole trader, with
/// the check digits of the Federal Tax Service.
///
/// ```
/// use kartoteka_core::{check_inn, RequisiteError};
///
/// assert_eq!(check_inn("7707083893"), Ok(()));
/// assert_eq!(check_inn("5001 0073 2259"), Ok(()));
/// assert_eq!(check_inn("7707083894"), Err(RequisiteError::CheckDigit));
/// assert_eq!(
///     check_inn("77070838"),
///     Err(RequisiteError::WrongLength { expected: &[10, 12], found: 8 })
/// );
/// ```
pub fn check_inn(value: &str) -> Result<(), RequisiteError> {
    let digits = digits_of(value, &[10, 12])?;
    let valid = if digits.len() == 10 {
        inn_check_digit(&digits, &INN10_WEIGHTS) == digits[9]
    } else {
        inn_check_digit(&digits, &INN12_WEIGHTS_11) == digits[10]
            && inn_check_digit(&digits, &INN12_WEIGHTS_12) == digits[11]
    };
    valid.then_some(()).ok_or(RequisiteError::CheckDigit)
}

/// Whether `s` is exactly a valid ИНН, with no whitespace at all.
///
/// Stricter than [`check_inn`]: the import uses it to decide whether a cell holds an ИНН,
/// where a cell with spaces is more likely something else.
///
/// ```
/// use kartoteka_core::is_valid_inn;
///
/// assert!(is_valid_inn("7707083893"));
/// assert!(is_valid_inn("500100732259"));
/// assert!(!is_valid_inn("7707083894"));
/// assert!(!is_valid_inn("7707 083893"));
/// ```
pub fn is_valid_inn(s: &str) -> bool {
    !s.chars().any(char::is_whitespace) && check_inn(s).is_ok()
}

/// Checks a КПП: nine characters, four digits (the tax office), two digits or capital
/// Latin letters (the reason for registration) and three digits.
///
/// ```
/// use kartoteka_core::{check_kpp, RequisiteError};
///
/// assert_eq!(check_kpp("773601001"), Ok(()));
/// assert_eq!(check_kpp("7736AB001"), Ok(()));
/// assert_eq!(check_kpp("7736ab001"), Err(RequisiteError::BadKppFormat));
/// ```
pub fn check_kpp(value: &str) -> Result<(), RequisiteError> {
    let chars: Vec<char> = compact(value).chars().collect();
    if chars.len() != 9 {
        return Err(RequisiteError::WrongLength {
            expected: &[9],
            found: chars.len(),
        });
    }
    let digit = |c: &char| c.is_ascii_digit();
    let reason = |c: &char| c.is_ascii_digit() || c.is_ascii_uppercase();
    let valid = chars[..4].iter().all(digit)
        && chars[4..6].iter().all(reason)
        && chars[6..].iter().all(digit);
    valid.then_some(()).ok_or(RequisiteError::BadKppFormat)
}

/// Checks an ОГРН (13 digits: the remainder of the first 12 divided by 11, its last digit
/// is the 13th) or an ОГРНИП (15 digits: the first 14 divided by 13, likewise).
///
/// ```
/// use kartoteka_core::{check_ogrn, RequisiteError};
///
/// assert_eq!(check_ogrn("1027700132195"), Ok(()));
/// assert_eq!(check_ogrn("304500116000157"), Ok(()));
/// assert_eq!(check_ogrn("1027700132196"), Err(RequisiteError::CheckDigit));
/// ```
pub fn check_ogrn(value: &str) -> Result<(), RequisiteError> {
    let digits = digits_of(value, &[13, 15])?;
    let (body, check) = digits.split_at(digits.len() - 1);
    // At most 14 digits: below 10^14, far inside u64.
    let number = body.iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
    let divisor = if digits.len() == 13 { 11 } else { 13 };
    (number % divisor % 10 == u64::from(check[0]))
        .then_some(())
        .ok_or(RequisiteError::CheckDigit)
}

/// Checks a БИК: nine digits starting with 04, the code of Russia.
///
/// A БИК has no check digit; the accounts checked against it with
/// [`check_corr_account`] and [`check_settlement_account`] catch its typos.
///
/// ```
/// use kartoteka_core::{check_bik, RequisiteError};
///
/// assert_eq!(check_bik("044525225"), Ok(()));
/// assert_eq!(check_bik("144525225"), Err(RequisiteError::BikFormat));
/// ```
pub fn check_bik(value: &str) -> Result<(), RequisiteError> {
    let digits = digits_of(value, &[9])?;
    (digits[..2] == [0, 4])
        .then_some(())
        .ok_or(RequisiteError::BikFormat)
}

/// The digits of a valid БИК, or [`RequisiteError::InvalidBik`].
fn bik_digits(bik: &str) -> Result<Vec<u32>, RequisiteError> {
    check_bik(bik).map_err(|_| RequisiteError::InvalidBik)?;
    digits_of(bik, &[9])
}

/// Whether the control key of the 20-digit `account` agrees with the bank's three-digit
/// number `bank`: the weighted sum of the 23 digits must end in 0.
fn account_key_matches(bank: [u32; 3], account: &[u32]) -> bool {
    let sum: u32 = bank
        .iter()
        .chain(account)
        .zip(ACCOUNT_KEY_WEIGHTS.iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    sum.is_multiple_of(10)
}

/// Checks a bank's correspondent account (20 digits) against its БИК: the control key is
/// computed over 0, the 5th and 6th digits of the БИК (the Bank of Russia division where
/// the account is held) and the account.
///
/// ```
/// use kartoteka_core::{check_corr_account, RequisiteError};
///
/// assert_eq!(check_corr_account("30101810400000000225", "044525225"), Ok(()));
/// assert_eq!(
///     check_corr_account("30101810500000000225", "044525225"),
///     Err(RequisiteError::AccountKey)
/// );
/// ```
pub fn check_corr_account(corr: &str, bik: &str) -> Result<(), RequisiteError> {
    let bik = bik_digits(bik)?;
    let corr = digits_of(corr, &[20])?;
    account_key_matches([0, bik[4], bik[5]], &corr)
        .then_some(())
        .ok_or(RequisiteError::AccountKey)
}

/// Checks a settlement account (расчётный счёт, 20 digits) against the БИК of the bank
/// that holds it: the control key is computed over the last three digits of the БИК (the
/// bank's number) and the account.
///
/// An account held by the Bank of Russia itself, whose БИК ends in a number below 050,
/// is keyed like a correspondent account, by 0 and the 5th and 6th digits of the БИК.
///
/// ```
/// use kartoteka_core::{check_settlement_account, RequisiteError};
///
/// assert_eq!(check_settlement_account("40702810900000000025", "044514512"), Ok(()));
/// assert_eq!(
///     check_settlement_account("40702810900000000025", "044525225"),
///     Err(RequisiteError::AccountKey)
/// );
/// assert_eq!(
///     check_settlement_account("40702810900000000025", ""),
///     Err(RequisiteError::InvalidBik)
/// );
/// ```
pub fn check_settlement_account(account: &str, bik: &str) -> Result<(), RequisiteError> {
    let bik = bik_digits(bik)?;
    let account = digits_of(account, &[20])?;
    let number = bik[6] * 100 + bik[7] * 10 + bik[8];
    let bank = if number < FIRST_CREDIT_ORGANISATION {
        [0, bik[4], bik[5]]
    } else {
        [bik[6], bik[7], bik[8]]
    };
    account_key_matches(bank, &account)
        .then_some(())
        .ok_or(RequisiteError::AccountKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_lengths() {
        let error = RequisiteError::WrongLength {
            expected: &[10, 12],
            found: 11,
        };
        assert_eq!(error.to_string(), "expected 10 or 12 characters, found 11");
    }

    #[test]
    fn whitespace_is_skipped_and_other_signs_are_not() {
        assert_eq!(digits_of(" 1 2\u{a0}3\t", &[3]), Ok(vec![1, 2, 3]));
        assert_eq!(digits_of("1-2-3", &[3]), Err(RequisiteError::NotDigits));
        assert_eq!(digits_of("12３", &[3]), Err(RequisiteError::NotDigits));
        assert_eq!(
            digits_of("", &[3]),
            Err(RequisiteError::WrongLength {
                expected: &[3],
                found: 0
            })
        );
    }

    #[test]
    fn the_key_weights_repeat_over_all_23_digits() {
        // The Bank of Russia's own example: the correspondent account of a bank held in
        // the cash settlement centre with БИК 049805000 has the key 8.
        let corr: Vec<u32> = "30101810800000000746"
            .bytes()
            .map(|b| u32::from(b - b'0'))
            .collect();
        assert!(account_key_matches([0, 0, 5], &corr));
        assert!(!account_key_matches([0, 0, 6], &corr));
    }
}
