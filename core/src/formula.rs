//! The guard against spreadsheet formula injection in exported CSV.
//!
//! Excel runs a cell that starts with `=`, `+`, `-` or `@` as a formula, so a note like
//! `=HYPERLINK("http://…")` typed by anyone who ever had access to the base would turn
//! into a live link (or worse) on the exporting manager's machine. The usual defence is a
//! leading `'`, which Excel hides and which makes the cell text. Phone numbers such as
//! `+7 900 …` are left alone: Excel reads them as numbers, not formulas, and a quote in
//! front of every phone would be noise.
//!
//! The import side takes one quote off again where quotes are followed by a formula
//! character, so a file exported and imported back is unchanged. For that to be exact, a
//! value that itself starts that way (`'=`, `''=`) gets one more quote in every preset.

use std::borrow::Cow;

/// The characters with which a cell becomes a formula in Excel.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// The exported form of `cell`: with a leading `'` where Excel would run it as a formula
/// (only when `excel` is set) or where the import would otherwise strip a quote of its own.
pub(crate) fn guard(cell: &str, excel: bool) -> Cow<'_, str> {
    let formula = starts_with_formula(cell) && !looks_like_phone(cell) && !is_negative_number(cell);
    if (excel && formula) || strip(cell).len() != cell.len() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `cell` without the quote [`guard`] puts in front of a formula character (or in front
/// of quotes followed by one).
pub(crate) fn strip(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_with_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

fn starts_with_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS)
}

/// A negative amount ("-12", "-1500,50"): Excel shows it as the number it is.
fn is_negative_number(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix('-') else {
        return false;
    };
    let mut separators = 0;
    !rest.is_empty()
        && rest.chars().all(|c| {
            if c == ',' || c == '.' {
                separators += 1;
                separators == 1
            } else {
                c.is_ascii_digit()
            }
        })
        && rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Digits with the signs people write phones with, starting with `+` or a digit: a
/// leading `-` is arithmetic ("-2+3"), never a phone.
fn looks_like_phone(cell: &str) -> bool {
    cell.trim_start()
        .starts_with(|c: char| c == '+' || c.is_ascii_digit())
        && cell.chars().any(|c| c.is_ascii_digit())
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '+' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_is_not_taken_for_a_phone() {
        assert_eq!(guard("-2+3", true), "'-2+3");
        assert_eq!(guard("+7 900 000-00-01", true), "+7 900 000-00-01");
    }

    #[test]
    fn excel_gets_a_quote_before_formulas() {
        assert_eq!(
            guard("=HYPERLINK(\"http://x\")", true),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(guard("@ivanov", true), "'@ivanov");
        assert_eq!(guard("-5 %", true), "'-5 %");
        assert_eq!(guard("+ скидка", true), "'+ скидка");
        assert_eq!(guard("-", true), "'-");
    }

    #[test]
    fn phones_and_plain_text_are_left_alone() {
        assert_eq!(guard("+7 (900) 000-00-01", true), "+7 (900) 000-00-01");
        assert_eq!(guard("-12", true), "-12");
        assert_eq!(guard("Иванов", true), "Иванов");
        assert_eq!(guard("a=b", true), "a=b");
        assert_eq!(guard("", true), "");
    }

    #[test]
    fn plain_csv_keeps_formulas_as_they_are() {
        assert_eq!(guard("=1+1", false), "=1+1");
        assert_eq!(guard("@ivanov", false), "@ivanov");
    }

    #[test]
    fn quotes_of_our_own_are_doubled_in_every_preset() {
        assert_eq!(guard("'=1+1", false), "''=1+1");
        assert_eq!(guard("'=1+1", true), "''=1+1");
        assert_eq!(guard("'quoted'", true), "'quoted'");
        assert_eq!(guard("''=x", true), "'''=x");
        assert_eq!(guard("'", true), "'");
    }

    #[test]
    fn strip_undoes_guard() {
        for cell in [
            "=1+1", "'=1+1", "''=1+1", "@x", "+7 900", "'", "'a", "-", "'-'", "",
        ] {
            for excel in [true, false] {
                assert_eq!(strip(&guard(cell, excel)), cell, "{cell:?}, excel: {excel}");
            }
        }
        assert_eq!(strip("'@ivanov"), "@ivanov");
        assert_eq!(strip("'ivanov"), "'ivanov");
    }
}
