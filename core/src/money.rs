//! Money as integer minor units with a currency code: sums of invoices must
//! add up to the kopeck, which floating point cannot promise.
//!
//! Nothing here touches a float: amounts are read digit by digit into integers
//! ([`parse_money`]), every sum is checked for overflow ([`Money::checked_add`],
//! [`Totals`]), and [`format_money`] writes them back the way a Russian or an English
//! reader expects. Every currency is taken to have two minor digits (kopecks, cents),
//! which holds for all a Russian sales team bills in; yen would be shown with ",00".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::lang::Lang;
use crate::model::Invoice;

/// The minor units in one major unit, for every currency.
const MINOR_PER_MAJOR: i64 = 100;

/// The group separator of Russian amounts: a no-break space. The narrower U+202F that
/// typography prefers is missing from some fonts still on office machines, where it shows
/// as a box; both keep "1 234 ₽" from breaking across lines.
const RU_GROUP: char = '\u{a0}';

/// An amount of one currency, in its minor units (kopecks, cents).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Money {
    /// The amount in minor units; negative for refunds and credit notes.
    pub minor: i64,
    /// The ISO 4217 code, upper case ("RUB").
    pub currency: String,
}

impl Money {
    /// `minor` units of `currency`, whose code is trimmed and upper-cased.
    ///
    /// ```
    /// use kartoteka_core::Money;
    ///
    /// let money = Money::new(15000, " rub");
    /// assert_eq!((money.minor, money.currency.as_str()), (15000, "RUB"));
    /// ```
    pub fn new(minor: i64, currency: impl AsRef<str>) -> Money {
        Money {
            minor,
            currency: currency_key(currency.as_ref()),
        }
    }

    /// The sum of two amounts of the same currency.
    ///
    /// ```
    /// use kartoteka_core::{Money, MoneyError};
    ///
    /// let sum = Money::new(1050, "RUB").checked_add(&Money::new(-50, "RUB"));
    /// assert_eq!(sum, Ok(Money::new(1000, "RUB")));
    /// let mixed = Money::new(1, "RUB").checked_add(&Money::new(1, "USD"));
    /// assert_eq!(mixed, Err(MoneyError::CurrencyMismatch));
    /// ```
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        if currency_key(&self.currency) != currency_key(&other.currency) {
            return Err(MoneyError::CurrencyMismatch);
        }
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, &self.currency))
    }

    /// The difference of two amounts of the same currency.
    ///
    /// ```
    /// use kartoteka_core::Money;
    ///
    /// let rest = Money::new(10000, "RUB").checked_sub(&Money::new(3001, "RUB"));
    /// assert_eq!(rest, Ok(Money::new(6999, "RUB")));
    /// ```
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        let negated = other.minor.checked_neg().ok_or(MoneyError::Overflow)?;
        self.checked_add(&Money::new(negated, &other.currency))
    }
}

/// What is wrong with an amount typed or summed.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum MoneyError {
    /// Nothing was typed.
    #[error("no amount")]
    Empty,
    /// The text is not an amount: letters, misplaced separators, a lone sign.
    #[error("not an amount")]
    Invalid,
    /// More than two digits after the decimal separator (kopecks and cents have two).
    #[error("more than two digits after the decimal separator")]
    TooManyFractionDigits,
    /// The amount or a sum does not fit in 64 bits of minor units.
    #[error("the amount is too large")]
    Overflow,
    /// The amount names another currency ("$100" in a rouble field), or two amounts of
    /// different currencies were added.
    #[error("the amount is in another currency")]
    CurrencyMismatch,
}

/// How each known currency may be written next to an amount, lower case.
const CURRENCY_MARKS: [(&str, &[&str]); 3] = [
    ("RUB", &["₽", "руб.", "руб", "р.", "р", "rub", "rur"]),
    ("USD", &["$", "us$", "usd", "долл.", "долл"]),
    ("EUR", &["€", "eur", "евро"]),
];

/// The symbol an amount of `currency` is shown with, where there is one everyone reads.
fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "RUB" => Some("₽"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        _ => None,
    }
}

/// A currency code as amounts are keyed and compared: trimmed, upper case.
fn currency_key(currency: &str) -> String {
    currency.trim().to_ascii_uppercase()
}

/// The currency written as `mark` ("₽", "руб.", "usd"), if it is a currency at all.
fn currency_of_mark(mark: &str) -> Option<String> {
    CURRENCY_MARKS
        .iter()
        .find(|(_, marks)| marks.contains(&mark))
        .map(|(code, _)| (*code).to_owned())
        .or_else(|| {
            (mark.len() == 3 && mark.bytes().all(|b| b.is_ascii_alphabetic()))
                .then(|| mark.to_ascii_uppercase())
        })
}

/// Whether `c` may stand in a number: a digit, a separator or a space between groups.
fn is_numeric_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.' || c.is_whitespace()
}

/// Reads an amount of `currency` typed by a person or found in a file.
///
/// Accepts group separators (spaces of any kind, or `.`/`,` between groups of three
/// digits), a decimal comma or point followed by one or two digits, a leading `-` (or the
/// typographic minus) or `+`, and the currency before or after the number as a symbol,
/// an abbreviation or a code ("₽", "руб.", "р.", "$", "€", "RUB"); a currency mark that
/// names another currency is an error, not ignored.
///
/// When both `,` and `.` appear, the last one is the decimal separator ("1,234.56",
/// "1.234,56"). When only one of them appears, once, it is the decimal separator, so
/// "1,234" has three fraction digits and is refused rather than guessed: a Russian reads
/// it as one rouble and a fraction, an American as a thousand. Repeated, it separates
/// groups ("1.234.567").
///
/// ```
/// use kartoteka_core::{parse_money, Money, MoneyError};
///
/// assert_eq!(parse_money("1 234,56", "RUB"), Ok(Money::new(123456, "RUB")));
/// assert_eq!(parse_money("1234.5", "RUB"), Ok(Money::new(123450, "RUB")));
/// assert_eq!(parse_money("1 234 ₽", "RUB"), Ok(Money::new(123400, "RUB")));
/// assert_eq!(parse_money("-100", "USD"), Ok(Money::new(-10000, "USD")));
/// assert_eq!(parse_money("1,234", "RUB"), Err(MoneyError::TooManyFractionDigits));
/// assert_eq!(parse_money("$100", "RUB"), Err(MoneyError::CurrencyMismatch));
/// assert_eq!(parse_money("сто", "RUB"), Err(MoneyError::Invalid));
/// ```
pub fn parse_money(input: &str, currency: &str) -> Result<Money, MoneyError> {
    let currency = currency_key(currency);
    // Lower case for matching marks; digits and separators are unaffected.
    let text = input.trim().to_lowercase();
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    let mut negative = false;
    let mut marked = false;
    let mut rest = take_sign(&text, &mut negative);
    rest = take_mark(rest, &currency, &mut marked, Side::Start)?;
    if !negative {
        rest = take_sign(rest, &mut negative);
    }
    rest = take_mark(rest, &currency, &mut marked, Side::End)?;
    let minor = parse_unsigned(rest.trim())?;
    // The magnitude is at most i64::MAX, so its negation always fits.
    let minor = if negative { -minor } else { minor };
    Ok(Money { minor, currency })
}

/// Which end of the text a currency mark is looked for at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Start,
    End,
}

/// `text` without a leading sign, noting a minus in `negative`.
fn take_sign<'a>(text: &'a str, negative: &mut bool) -> &'a str {
    let text = text.trim_start();
    let mut chars = text.chars();
    match chars.next() {
        Some('-' | '\u{2212}') => {
            *negative = true;
            chars.as_str()
        }
        Some('+') => chars.as_str(),
        _ => text,
    }
}

/// `text` without the currency mark at `side`, if it has one; the mark must name
/// `currency`, and only one mark is allowed in all.
fn take_mark<'a>(
    text: &'a str,
    currency: &str,
    marked: &mut bool,
    side: Side,
) -> Result<&'a str, MoneyError> {
    let text = text.trim();
    let stop = |c: char| is_numeric_char(c) || matches!(c, '-' | '\u{2212}' | '+');
    let (mark, rest) = match side {
        Side::Start => {
            let at = text.find(stop).unwrap_or(text.len());
            (&text[..at], &text[at..])
        }
        Side::End => {
            // Only digits end a number: "100." ends in a stray separator, not a mark,
            // while "100 руб." ends in a mark with a dot of its own.
            let at = text
                .char_indices()
                .rfind(|&(_, c)| c.is_ascii_digit() || c.is_whitespace())
                .map_or(0, |(at, c)| at + c.len_utf8());
            (&text[at..], &text[..at])
        }
    };
    if mark.is_empty() || mark == "." || mark == "," {
        return Ok(text);
    }
    if *marked {
        return Err(MoneyError::Invalid);
    }
    match currency_of_mark(mark) {
        Some(code) if code == currency => {
            *marked = true;
            Ok(rest)
        }
        Some(_) => Err(MoneyError::CurrencyMismatch),
        None => Err(MoneyError::Invalid),
    }
}

/// The minor units of an unsigned number with optional group and decimal separators.
fn parse_unsigned(number: &str) -> Result<i64, MoneyError> {
    if number.is_empty() || !number.chars().all(is_numeric_char) {
        return Err(MoneyError::Invalid);
    }
    let commas = number.matches(',').count();
    let points = number.matches('.').count();
    let decimal = match (commas, points) {
        (0, 0) => None,
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        (_, 0) | (0, _) => None,
        _ => {
            let last = number
                .rfind([',', '.'])
                .and_then(|at| number[at..].chars().next());
            // The decimal separator may appear only once.
            match last {
                Some(',') if commas == 1 => Some(','),
                Some('.') if points == 1 => Some('.'),
                _ => return Err(MoneyError::Invalid),
            }
        }
    };
    let (whole, fraction) = match decimal {
        Some(separator) => {
            let (whole, fraction) = number.rsplit_once(separator).ok_or(MoneyError::Invalid)?;
            (whole.trim_end(), Some(fraction))
        }
        None => (number, None),
    };
    let fraction_minor = match fraction {
        None => 0,
        Some(digits) if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(MoneyError::Invalid)
        }
        Some(digits) if digits.len() > 2 => return Err(MoneyError::TooManyFractionDigits),
        Some(digits) => {
            let value = digits_value(digits)?;
            if digits.len() == 1 {
                value * 10
            } else {
                value
            }
        }
    };
    let whole_value = if whole.is_empty() && fraction.is_some() {
        0
    } else {
        digits_value(&grouped_digits(whole)?)?
    };
    whole_value
        .checked_mul(MINOR_PER_MAJOR)
        .and_then(|minor| minor.checked_add(fraction_minor))
        .ok_or(MoneyError::Overflow)
}

/// The digits of a whole part written with group separators, which must split it into
/// groups of three after a first group of one to three digits.
fn grouped_digits(whole: &str) -> Result<String, MoneyError> {
    let groups: Vec<&str> = whole
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|group| !group.is_empty())
        .collect();
    // Two separators in a row ("1,,234") or one at either end leave an empty group.
    let empty_punctuated = whole.split([',', '.']).any(|group| group.trim().is_empty());
    if groups.is_empty() || empty_punctuated {
        return Err(MoneyError::Invalid);
    }
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|group| group.len() != 3) {
            return Err(MoneyError::Invalid);
        }
    }
    Ok(groups.concat())
}

/// The value of a run of ASCII digits, checked against overflow.
fn digits_value(digits: &str) -> Result<i64, MoneyError> {
    digits.bytes().try_fold(0i64, |value, b| {
        if !b.is_ascii_digit() {
            return Err(MoneyError::Invalid);
        }
        value
            .checked_mul(10)
            .and_then(|value| value.checked_add(i64::from(b - b'0')))
            .ok_or(MoneyError::Overflow)
    })
}

/// An amount as a reader of `lang` expects it, always with two fraction digits.
///
/// Russian: groups separated by no-break spaces, a decimal comma and the symbol (₽, $, €)
/// or the code after the number: "1 234 567,89 ₽", "12,00 KZT". English: groups
/// separated by commas, a decimal point, and the symbol before the number ("₽1,234.56",
/// "-$5.00") or the code before it with a space ("KZT 1,234.00"). The spaces between
/// amount and currency are no-break spaces too. The minus is the ASCII hyphen-minus, so
/// that a copied amount pastes into a spreadsheet as a number.
///
/// ```
/// use kartoteka_core::{format_money, Lang, Money};
///
/// let money = Money::new(123_456_789, "RUB");
/// assert_eq!(format_money(&money, Lang::Ru), "1\u{a0}234\u{a0}567,89\u{a0}₽");
/// assert_eq!(format_money(&money, Lang::En), "₽1,234,567.89");
/// assert_eq!(format_money(&Money::new(123400, "KZT"), Lang::En), "KZT\u{a0}1,234.00");
/// ```
pub fn format_money(money: &Money, lang: Lang) -> String {
    let currency = currency_key(&money.currency);
    let sign = if money.minor < 0 { "-" } else { "" };
    let magnitude = money.minor.unsigned_abs();
    // MINOR_PER_MAJOR is a small positive constant.
    let per_major = MINOR_PER_MAJOR.unsigned_abs();
    let (whole, fraction) = (magnitude / per_major, magnitude % per_major);
    match lang {
        Lang::Ru => {
            let number = format!("{sign}{},{fraction:02}", grouped(whole, RU_GROUP));
            match symbol(&currency).unwrap_or(&currency) {
                "" => number,
                mark => format!("{number}\u{a0}{mark}"),
            }
        }
        Lang::En => {
            let number = format!("{}.{fraction:02}", grouped(whole, ','));
            match symbol(&currency) {
                Some(symbol) => format!("{sign}{symbol}{number}"),
                None if currency.is_empty() => format!("{sign}{number}"),
                None => format!("{sign}{currency}\u{a0}{number}"),
            }
        }
    }
}

/// `value` with `separator` between groups of three digits.
fn grouped(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Sums of money per currency: amounts of different currencies are never added together.
///
/// ```
/// use kartoteka_core::{Money, Totals};
///
/// let mut totals = Totals::default();
/// totals.add(&Money::new(10000, "RUB")).unwrap();
/// totals.add(&Money::new(500, "USD")).unwrap();
/// totals.add(&Money::new(5000, "rub")).unwrap();
/// assert_eq!(totals.get("RUB"), Some(15000));
/// let all: Vec<Money> = totals.iter().collect();
/// assert_eq!(all, [Money::new(15000, "RUB"), Money::new(500, "USD")]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals(BTreeMap<String, i64>);

impl Totals {
    /// Adds `money` to the sum of its currency; on overflow the sum is left as it was.
    pub fn add(&mut self, money: &Money) -> Result<(), MoneyError> {
        let sum = self.0.entry(currency_key(&money.currency)).or_insert(0);
        *sum = sum.checked_add(money.minor).ok_or(MoneyError::Overflow)?;
        Ok(())
    }

    /// The sum in `currency`, if anything in it was added.
    pub fn get(&self, currency: &str) -> Option<i64> {
        self.0.get(&currency_key(currency)).copied()
    }

    /// The sums, one per currency, in alphabetical order of the codes.
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.iter().map(|(currency, &minor)| Money {
            minor,
            currency: currency.clone(),
        })
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many currencies have a sum.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// The sums of a client's invoices, per currency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceTotals {
    /// Every invoice issued.
    pub invoiced: Totals,
    /// The invoices paid.
    pub paid: Totals,
    /// The invoices unpaid after their last day for payment.
    pub overdue: Totals,
}

/// Whether `invoice` asks for money, is unpaid, and its last day for payment was before
/// `today`. A credit note (a negative amount) is never overdue.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{is_overdue, Invoice, Money};
///
/// let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
/// let invoice = Invoice {
///     due_on: NaiveDate::from_ymd_opt(2026, 3, 9),
///     amount: Money::new(100_00, "RUB"),
///     ..Invoice::default()
/// };
/// assert!(is_overdue(&invoice, today));
/// assert!(!is_overdue(&Invoice { paid_on: Some(today), ..invoice.clone() }, today));
/// let credit = Invoice { amount: Money::new(-100_00, "RUB"), ..invoice };
/// assert!(!is_overdue(&credit, today));
/// ```
pub fn is_overdue(invoice: &Invoice, today: NaiveDate) -> bool {
    // A credit note (a negative amount) is owed by us, not to us: never overdue.
    invoice.amount.minor > 0
        && invoice.paid_on.is_none()
        && invoice.due_on.is_some_and(|due| due < today)
}

/// The invoiced, paid and overdue sums of `invoices` on `today`; an invoice due today is
/// not overdue yet.
///
/// Fails only if a sum overflows, which no real base reaches but a crafted import could;
/// the caller then shows no totals rather than wrong ones.
pub fn invoice_totals(invoices: &[Invoice], today: NaiveDate) -> Result<InvoiceTotals, MoneyError> {
    let mut totals = InvoiceTotals::default();
    for invoice in invoices {
        totals.invoiced.add(&invoice.amount)?;
        if invoice.paid_on.is_some() {
            totals.paid.add(&invoice.amount)?;
        } else if is_overdue(invoice, today) {
            totals.overdue.add(&invoice.amount)?;
        }
    }
    Ok(totals)
}

/// Whether any of `invoices` is overdue on `today` (see [`is_overdue`]).
pub fn has_overdue_invoice(invoices: &[Invoice], today: NaiveDate) -> bool {
    invoices.iter().any(|invoice| is_overdue(invoice, today))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(input: &str) -> Result<i64, MoneyError> {
        parse_money(input, "RUB").map(|money| money.minor)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn amounts_as_people_type_them() {
        for (typed, minor) in [
            ("1 234,56", 123456),
            ("1234.56", 123456),
            ("1 234 ₽", 123400),
            ("1\u{a0}234,5", 123450),
            ("1\u{202f}234\u{202f}567,89", 123456789),
            ("-100", -10000),
            ("\u{2212}100,10", -10010),
            ("+5", 500),
            ("0,01", 1),
            (",5", 50),
            ("007", 700),
            ("1,234.56", 123456),
            ("1.234,56", 123456),
            ("1.234.567", 123456700),
            ("1,234,567.8", 123456780),
            ("₽1 234", 123400),
            ("₽ -5", -500),
            ("-₽5", -500),
            ("100 руб.", 10000),
            ("100руб", 10000),
            ("100 р.", 10000),
            ("100 RUB", 10000),
            ("rub 100", 10000),
            ("  42  ", 4200),
            ("-0", 0),
        ] {
            assert_eq!(rub(typed), Ok(minor), "{typed:?}");
        }
    }

    #[test]
    fn other_currencies_need_their_own_marks() {
        assert_eq!(
            parse_money("$1,234.50", "usd"),
            Ok(Money::new(123450, "USD"))
        );
        assert_eq!(parse_money("12 €", "EUR"), Ok(Money::new(1200, "EUR")));
        assert_eq!(parse_money("12 kzt", "KZT"), Ok(Money::new(1200, "KZT")));
        assert_eq!(
            parse_money("12 €", "RUB"),
            Err(MoneyError::CurrencyMismatch)
        );
        assert_eq!(
            parse_money("12 KZT", "RUB"),
            Err(MoneyError::CurrencyMismatch)
        );
        assert_eq!(
            parse_money("12 ₽", "USD"),
            Err(MoneyError::CurrencyMismatch)
        );
    }

    #[test]
    fn junk_is_refused() {
        for typed in [
            "abc",
            "₽",
            "-",
            "+",
            "--5",
            "1 2",
            "12 34",
            "1,2,3",
            "1.234,567.8",
            "1..2",
            "1,,234",
            "100.",
            "100,",
            ".",
            "1e5",
            "0x10",
            "5-",
            "₽5₽",
            "100 рублей",
            "1/2",
            "١٢٣",
            "12 34,5",
            "1 2345",
            "$ 5 $",
        ] {
            assert!(
                matches!(
                    rub(typed),
                    Err(MoneyError::Invalid | MoneyError::CurrencyMismatch)
                ),
                "{typed:?}: {:?}",
                rub(typed)
            );
        }
        assert_eq!(rub(""), Err(MoneyError::Empty));
        assert_eq!(rub("   "), Err(MoneyError::Empty));
    }

    #[test]
    fn more_than_two_fraction_digits_are_refused() {
        assert_eq!(rub("1,234"), Err(MoneyError::TooManyFractionDigits));
        assert_eq!(rub("0.001"), Err(MoneyError::TooManyFractionDigits));
        assert_eq!(rub("1 234,567"), Err(MoneyError::TooManyFractionDigits));
    }

    #[test]
    fn overflow_is_an_error() {
        // i64::MAX minor units are 92 233 720 368 547 758,07.
        assert_eq!(rub("92233720368547758,07"), Ok(i64::MAX));
        assert_eq!(rub("-92233720368547758,07"), Ok(-i64::MAX));
        assert_eq!(rub("92233720368547758,08"), Err(MoneyError::Overflow));
        assert_eq!(rub("92233720368547759"), Err(MoneyError::Overflow));
        assert_eq!(rub("99999999999999999999999"), Err(MoneyError::Overflow));
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Money::new(i64::MAX, "RUB");
        assert_eq!(
            max.checked_add(&Money::new(1, "RUB")),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::new(i64::MIN, "RUB").checked_sub(&Money::new(1, "RUB")),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::new(0, "RUB").checked_sub(&Money::new(i64::MIN, "RUB")),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::new(1, "rub").checked_add(&Money::new(2, "RUB ")),
            Ok(Money::new(3, "RUB"))
        );
    }

    #[test]
    fn russian_format() {
        let ru = |minor, currency| format_money(&Money::new(minor, currency), Lang::Ru);
        assert_eq!(ru(0, "RUB"), "0,00\u{a0}₽");
        assert_eq!(ru(5, "RUB"), "0,05\u{a0}₽");
        assert_eq!(ru(99_999, "RUB"), "999,99\u{a0}₽");
        assert_eq!(ru(100_000, "RUB"), "1\u{a0}000,00\u{a0}₽");
        assert_eq!(ru(-123_456, "RUB"), "-1\u{a0}234,56\u{a0}₽");
        assert_eq!(ru(100, "USD"), "1,00\u{a0}$");
        assert_eq!(ru(100, "eur"), "1,00\u{a0}€");
        assert_eq!(ru(123_400, "KZT"), "1\u{a0}234,00\u{a0}KZT");
        assert_eq!(ru(123_400, ""), "1\u{a0}234,00");
        assert_eq!(
            ru(i64::MIN, "RUB"),
            "-92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,08\u{a0}₽"
        );
    }

    #[test]
    fn english_format() {
        let en = |minor, currency| format_money(&Money::new(minor, currency), Lang::En);
        assert_eq!(en(123_456_789, "USD"), "$1,234,567.89");
        assert_eq!(en(-500, "USD"), "-$5.00");
        assert_eq!(en(100000, "EUR"), "€1,000.00");
        assert_eq!(en(123_400, "KZT"), "KZT\u{a0}1,234.00");
        assert_eq!(en(-123_400, "KZT"), "-KZT\u{a0}1,234.00");
        assert_eq!(en(7, ""), "0.07");
    }

    #[test]
    fn formatted_amounts_read_back() {
        for minor in [
            0,
            1,
            -1,
            99,
            100,
            123_456_789,
            -500000000,
            i64::MAX,
            -i64::MAX,
        ] {
            for currency in ["RUB", "USD", "EUR", "KZT"] {
                let money = Money::new(minor, currency);
                for lang in Lang::ALL {
                    let text = format_money(&money, lang);
                    assert_eq!(parse_money(&text, currency), Ok(money.clone()), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn totals_keep_currencies_apart() {
        let mut totals = Totals::default();
        assert!(totals.is_empty());
        totals.add(&Money::new(100, "RUB")).unwrap();
        totals.add(&Money::new(250, "usd")).unwrap();
        totals.add(&Money::new(-30, "RUB")).unwrap();
        assert_eq!(totals.len(), 2);
        assert_eq!(totals.get("rub"), Some(70));
        assert_eq!(totals.get("USD"), Some(250));
        assert_eq!(totals.get("EUR"), None);
        totals.add(&Money::new(i64::MAX, "USD")).unwrap_err();
        assert_eq!(totals.get("USD"), Some(250), "a failed add changes nothing");
    }

    #[test]
    fn invoice_totals_per_state() {
        let invoice = |minor, currency, due: Option<u32>, paid: Option<u32>| Invoice {
            amount: Money::new(minor, currency),
            due_on: due.map(day),
            paid_on: paid.map(day),
            ..Invoice::default()
        };
        let invoices = [
            invoice(10000, "RUB", Some(1), Some(2)),
            invoice(20000, "RUB", Some(9), None),
            invoice(30000, "RUB", Some(10), None),
            invoice(40000, "RUB", None, None),
            invoice(5000, "USD", Some(5), None),
            invoice(6000, "USD", Some(20), Some(25)),
        ];
        let totals = invoice_totals(&invoices, day(10)).unwrap();
        assert_eq!(totals.invoiced.get("RUB"), Some(100000));
        assert_eq!(totals.invoiced.get("USD"), Some(11000));
        assert_eq!(totals.paid.get("RUB"), Some(10000));
        assert_eq!(totals.paid.get("USD"), Some(6000));
        // Due on the 9th is overdue on the 10th; due today and without a due day are not.
        assert_eq!(totals.overdue.get("RUB"), Some(20000));
        assert_eq!(totals.overdue.get("USD"), Some(5000));
        assert!(has_overdue_invoice(&invoices, day(10)));
        assert!(!has_overdue_invoice(&invoices, day(5)));
        assert!(has_overdue_invoice(&invoices, day(6)));
        assert!(!has_overdue_invoice(&invoices[..1], day(31)));
        assert!(!has_overdue_invoice(&[], day(31)));

        let empty = invoice_totals(&[], day(10)).unwrap();
        assert!(empty.invoiced.is_empty() && empty.paid.is_empty() && empty.overdue.is_empty());

        let huge = [
            invoice(i64::MAX, "RUB", None, None),
            invoice(1, "RUB", None, None),
        ];
        assert_eq!(invoice_totals(&huge, day(10)), Err(MoneyError::Overflow));
    }
}
