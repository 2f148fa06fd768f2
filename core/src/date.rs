//! Dates and timestamps in the forms Russian spreadsheets and CRMs write them.
//!
//! Dates are shown and exported as `dd.mm.yyyy`, the Russian convention; timestamps as RFC
//! 3339 in UTC with milliseconds, which every tool reads and which keeps the browser's
//! millisecond clock exact.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::Timestamp;

/// Two-digit years up to this one are in the 2000s, later ones in the 1900s.
const LAST_TWO_DIGIT_YEAR_OF_2000S: i32 = 69;

/// Which of the first two numbers of a date written with its year last is the day.
///
/// Russian files write `31.12.2025`, American exports (Outlook in English, many CRMs)
/// `12/31/2025`; a single value like `01.02.2025` can be either, so an import decides per
/// column with [`DateOrder::of_column`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// `dd.mm.yyyy`, the Russian convention and the default.
    #[default]
    DayFirst,
    /// `mm/dd/yyyy`, the American one.
    MonthFirst,
}

impl DateOrder {
    /// The order of a column's dates, from all of its values: a value whose first number
    /// exceeds 12 makes the column day-first, else one whose second number does makes it
    /// month-first; a column where no value tells (or where both kinds occur, which no
    /// program writes) is day-first. Only dates with the year last, or a day and a month
    /// alone, count: `yyyy-mm-dd` says its order itself.
    ///
    /// ```
    /// use kartoteka_core::DateOrder;
    ///
    /// assert_eq!(DateOrder::of_column(["01/02/2025", "12/31/2025"]), DateOrder::MonthFirst);
    /// assert_eq!(DateOrder::of_column(["01.02.2025", "31.12.2025"]), DateOrder::DayFirst);
    /// assert_eq!(DateOrder::of_column(["01/02/2025", "2025-12-31"]), DateOrder::DayFirst);
    /// ```
    pub fn of_column<'a>(values: impl IntoIterator<Item = &'a str>) -> DateOrder {
        let (mut day_first, mut month_first) = (false, false);
        for value in values {
            let (date, _) = split_date_time(value.trim());
            let parts = year_last_parts(date).map(|(a, b, _)| (a, b)).or_else(|| {
                let (a, b) = date.split_once(['.', '/'])?;
                (is_digits(a, 1..=2) && is_digits(b, 1..=2)).then_some((a, b))
            });
            let Some((a, b)) = parts else { continue };
            let (a, b) = (number(a).unwrap_or(0), number(b).unwrap_or(0));
            day_first |= a > 12 && a <= 31;
            month_first |= b > 12 && b <= 31;
            if day_first {
                break;
            }
        }
        if month_first && !day_first {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }
}

/// How a two-digit year (`01.02.25`) is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TwoDigitYears {
    /// Up to [`LAST_TWO_DIGIT_YEAR_OF_2000S`] in the 2000s, later ones in the 1900s: for
    /// dates typed without context.
    Pivot,
    /// The latest year with those two digits not after this one.
    NotAfter(i32),
}

impl TwoDigitYears {
    fn resolve(self, yy: i32) -> i32 {
        match self {
            TwoDigitYears::Pivot if yy <= LAST_TWO_DIGIT_YEAR_OF_2000S => 2000 + yy,
            TwoDigitYears::Pivot => 1900 + yy,
            TwoDigitYears::NotAfter(last) => {
                let year = last - last.rem_euclid(100) + yy;
                if year > last {
                    year - 100
                } else {
                    year
                }
            }
        }
    }
}

/// How an import reads the dates of one column: in the column's [`DateOrder`], and with
/// two-digit years as the nearest year not after `today`'s, since the dates a base
/// records (confirmations, birthdays, when a record was added) are never in a later year.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{Birthday, DateOrder, DateReading};
///
/// let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let us = DateReading { order: DateOrder::MonthFirst, today };
/// assert_eq!(us.date("12/31/25"), NaiveDate::from_ymd_opt(2025, 12, 31));
/// let ru = DateReading { order: DateOrder::DayFirst, today };
/// assert_eq!(ru.birthday("07.03.85"), Some(Birthday { day: 7, month: 3, year: Some(1985) }));
/// assert_eq!(ru.birthday("07.03.27").and_then(|b| b.year), Some(1927));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateReading {
    /// Which number of `a.b.yyyy` is the day.
    pub order: DateOrder,
    /// The day of the import.
    pub today: NaiveDate,
}

impl DateReading {
    fn years(&self) -> TwoDigitYears {
        TwoDigitYears::NotAfter(self.today.year())
    }

    /// A day in any form [`parse_date`] reads.
    pub fn date(&self, s: &str) -> Option<NaiveDate> {
        date_in(s, self.order, self.years())
    }

    /// A birthday in any form [`parse_birthday`] reads, and Google's `--MM-DD`.
    pub fn birthday(&self, s: &str) -> Option<crate::model::Birthday> {
        birthday_in(s, self.order, self.years())
    }

    /// A moment in any form [`parse_timestamp`] reads.
    pub fn timestamp(&self, s: &str) -> Option<Timestamp> {
        timestamp_in(s, self.order, self.years())
    }
}

/// The day of Excel's serial number 0 in its default (1900) date system. Excel counts a
/// 29 February 1900 that never was, so from serial 61 on, which is every serial
/// [`parse_excel_serial`] accepts, this is the base that gives the right day.
const EXCEL_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(day) => day,
    None => panic!("a real day"),
};

/// The moment that a spreadsheet's serial date number written in `s` stands for: what a
/// date cell becomes when its column is formatted as a number, or saved to CSV from a
/// sheet that never knew it was a date (`45234` is 04.11.2023, `45234,5` its noon).
///
/// Only five-digit serials are read, 10000 to 99999 (18.05.1927 to 13.10.2173): a shorter
/// number is more probably a year or something else than a date. Workbooks in Excel's
/// 1904 date system (old Mac files) would come out four years early.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::parse_excel_serial;
///
/// let noon = NaiveDate::from_ymd_opt(2023, 11, 4).unwrap().and_hms_opt(12, 0, 0);
/// assert_eq!(parse_excel_serial("45234,5"), noon);
/// assert_eq!(parse_excel_serial("2023"), None);
/// ```
pub fn parse_excel_serial(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    let (whole, fraction) = match s.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (s, None),
    };
    if !is_digits(whole, 5..=5) || fraction.is_some_and(|f| !is_digits(f, 1..=15)) {
        return None;
    }
    let days: i64 = whole.parse().ok()?;
    let day = EXCEL_EPOCH.checked_add_days(chrono::Days::new(days.try_into().ok()?))?;
    let fraction: f64 = match fraction {
        Some(f) => format!("0.{f}").parse().ok()?,
        None => 0.0,
    };
    // To the nearest second, which is all a spreadsheet shows.
    let seconds = (fraction * 86_400.0).round() as u32;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds.min(86_399), 0)?;
    Some(NaiveDateTime::new(day, time))
}

/// The calendar day written in `s`, or `None` when `s` is empty or names no real day.
///
/// Accepts (surrounding whitespace ignored) `dd.mm.yyyy`, `d.m.yyyy`, `dd.mm.yy` (`yy` up
/// to 69 is 20yy, later 19yy), `dd/mm/yyyy`, `dd-mm-yyyy`, `yyyy-mm-dd`, any of them
/// followed by a time (`HH:MM` or `HH:MM:SS`, ignored), and RFC 3339 timestamps (their
/// date as written, in their own offset). A day that does not exist, such as 31.02.2025,
/// 29.02.2025 or 00.01.2025, is `None`.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::parse_date;
///
/// let day = NaiveDate::from_ymd_opt(2025, 3, 7);
/// for typed in ["07.03.2025", "7.3.2025", "07.03.25", "2025-03-07", "07/03/2025"] {
///     assert_eq!(parse_date(typed), day, "{typed}");
/// }
/// assert_eq!(parse_date("07.03.2025 14:30"), day);
/// assert_eq!(parse_date("29.02.2025"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    date_in(s, DateOrder::DayFirst, TwoDigitYears::Pivot)
}

fn date_in(s: &str, order: DateOrder, years: TwoDigitYears) -> Option<NaiveDate> {
    let s = s.trim();
    match split_date_time(s) {
        (date, None) => parse_day(date, order, years),
        (date, Some(time)) => match (parse_day(date, order, years), parse_clock(time)) {
            (Some(day), Some(_)) => Some(day),
            _ => DateTime::parse_from_rfc3339(s).ok().map(|t| t.date_naive()),
        },
    }
}

/// `d` as `dd.mm.yyyy`.
///
/// ```
/// use chrono::NaiveDate;
///
/// let day = NaiveDate::from_ymd_opt(2025, 3, 7).unwrap();
/// assert_eq!(kartoteka_core::format_date(day), "07.03.2025");
/// ```
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year())
}

/// A birthday typed as `dd.mm` (year unknown) or as any full date [`parse_date`] reads.
///
/// 29.02 without a year is a real birthday; a full date must exist.
///
/// ```
/// use kartoteka_core::{parse_birthday, Birthday};
///
/// assert_eq!(parse_birthday("29.02"), Some(Birthday { day: 29, month: 2, year: None }));
/// assert_eq!(parse_birthday("07.03.1985"), Some(Birthday { day: 7, month: 3, year: Some(1985) }));
/// assert_eq!(parse_birthday("31.04"), None);
/// ```
pub fn parse_birthday(s: &str) -> Option<crate::model::Birthday> {
    birthday_in(s, DateOrder::DayFirst, TwoDigitYears::Pivot)
}

fn birthday_in(s: &str, order: DateOrder, years: TwoDigitYears) -> Option<crate::model::Birthday> {
    let s = s.trim();
    if let Some(day) = date_in(s, order, years) {
        return Some(crate::model::Birthday {
            day: day.day(),
            month: day.month(),
            year: Some(day.year()),
        });
    }
    // Google Contacts writes a birthday without a year as ISO 8601's `--MM-DD`.
    let (day, month) = match s.strip_prefix("--") {
        Some(month_day) => {
            let (month, day) = month_day.split_once('-')?;
            (day, month)
        }
        None => {
            let (first, second) = s.split_once(['.', '/', '-'])?;
            match order {
                DateOrder::DayFirst => (first, second),
                DateOrder::MonthFirst => (second, first),
            }
        }
    };
    if !is_digits(day, 1..=2) || !is_digits(month, 1..=2) {
        return None;
    }
    let (day, month): (u32, u32) = (day.parse().ok()?, month.parse().ok()?);
    // 2000 is a leap year, so every day that can be a birthday exists in it.
    NaiveDate::from_ymd_opt(2000, month, day)?;
    Some(crate::model::Birthday {
        day,
        month,
        year: None,
    })
}

/// A birthday as `dd.mm.yyyy`, or `dd.mm` when the year is unknown.
pub fn format_birthday(birthday: crate::model::Birthday) -> String {
    match birthday.year {
        Some(year) => format!("{:02}.{:02}.{year:04}", birthday.day, birthday.month),
        None => format!("{:02}.{:02}", birthday.day, birthday.month),
    }
}

/// The moment written in `s`, as milliseconds since the Unix epoch.
///
/// Accepts RFC 3339 (`2026-12-03T10:15:00Z`, `2026-12-03T13:15:00.250+03:00`), and a date
/// in any form [`parse_date`] reads, optionally followed by `HH:MM`, `HH:MM:SS` or
/// `HH:MM:SS.fff`. Times without an offset are taken as UTC; a bare date is its midnight.
///
/// ```
/// use kartoteka_core::parse_timestamp;
///
/// let ts = Some(1_796_292_900_000);
/// assert_eq!(parse_timestamp("2026-12-03T10:15:00Z"), ts);
/// assert_eq!(parse_timestamp("2026-12-03T13:15:00+03:00"), ts);
/// assert_eq!(parse_timestamp("03.12.2026 10:15"), ts);
/// ```
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    timestamp_in(s, DateOrder::DayFirst, TwoDigitYears::Pivot)
}

fn timestamp_in(s: &str, order: DateOrder, years: TwoDigitYears) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(s) {
        return Some(moment.timestamp_millis());
    }
    let (date, time) = split_date_time(s);
    let day = parse_day(date, order, years)?;
    let time = match time {
        Some(time) => parse_clock(time)?,
        None => NaiveTime::MIN,
    };
    Some(NaiveDateTime::new(day, time).and_utc().timestamp_millis())
}

/// `ts` as RFC 3339 in UTC with milliseconds, e.g. `2026-12-03T10:15:00.123Z`.
///
/// [`parse_timestamp`] reads the result back to the same value. RFC 3339 has four-digit
/// years only, so moments before year 0 or after 9999 are clamped to that range.
///
/// ```
/// use kartoteka_core::{format_timestamp, parse_timestamp};
///
/// assert_eq!(format_timestamp(1_796_292_900_123), "2026-12-03T10:15:00.123Z");
/// assert_eq!(parse_timestamp(&format_timestamp(1_796_292_900_123)), Some(1_796_292_900_123));
/// ```
pub fn format_timestamp(ts: Timestamp) -> String {
    let first = NaiveDate::from_ymd_opt(0, 1, 1).expect("year 0 is in chrono's range");
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("year 9999 is in chrono's range");
    let min = first.and_time(NaiveTime::MIN).and_utc().timestamp_millis();
    let max = last.and_time(NaiveTime::MIN).and_utc().timestamp_millis() + 86_400_000 - 1;
    let moment = DateTime::from_timestamp_millis(ts.clamp(min, max))
        .expect("the clamped range lies inside chrono's");
    moment.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Splits "date time" (or ISO "dateTtime") into its parts; the time is trimmed.
fn split_date_time(s: &str) -> (&str, Option<&str>) {
    match s.split_once(|c: char| c.is_whitespace() || c == 'T') {
        Some((date, time)) => (date, Some(time.trim())),
        None => (s, None),
    }
}

/// The three numbers of a date written with its year last (`a.b.yyyy`, `a/b/yy`), as
/// written: whether `a` or `b` is the day is for a [`DateOrder`] to say.
fn year_last_parts(s: &str) -> Option<(&str, &str, &str)> {
    let separator = s.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let mut parts = s.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || ![a, b, c].iter().all(|p| is_digits(p, 1..=4)) {
        return None;
    }
    let iso = separator == '-' && a.len() == 4;
    (!iso).then_some((a, b, c))
}

/// A date without a time part, in one of the forms [`parse_date`] lists.
fn parse_day(s: &str, order: DateOrder, years: TwoDigitYears) -> Option<NaiveDate> {
    let (year, month, day) = match year_last_parts(s) {
        Some((a, b, c)) => {
            let year = match c.len() {
                4 => number(c)?,
                2 => years.resolve(number(c)?),
                _ => return None,
            };
            match order {
                DateOrder::DayFirst => (year, b, a),
                DateOrder::MonthFirst => (year, a, b),
            }
        }
        None => {
            let mut parts = s.split('-');
            let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || a.len() != 4 || !is_digits(a, 4..=4) {
                return None;
            }
            (number(a)?, b, c)
        }
    };
    if !is_digits(month, 1..=2) || !is_digits(day, 1..=2) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        year,
        number(month)?.try_into().ok()?,
        number(day)?.try_into().ok()?,
    )
}

/// A time of day as `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn parse_clock(s: &str) -> Option<NaiveTime> {
    ["%H:%M", "%H:%M:%S", "%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(s, format).ok())
}

/// Whether `s` is ASCII digits only, with a length in `lengths`.
fn is_digits(s: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn number(s: &str) -> Option<i32> {
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn russian_and_iso_forms() {
        assert_eq!(parse_date("30.07.2025"), date(2025, 7, 30));
        assert_eq!(parse_date(" 1.2.2025 "), date(2025, 2, 1));
        assert_eq!(parse_date("01.02.25"), date(2025, 2, 1));
        assert_eq!(parse_date("01.02.69"), date(2069, 2, 1));
        assert_eq!(parse_date("01.02.70"), date(1970, 2, 1));
        assert_eq!(parse_date("01.02.99"), date(1999, 2, 1));
        assert_eq!(parse_date("2025-02-01"), date(2025, 2, 1));
        assert_eq!(parse_date("01/02/2025"), date(2025, 2, 1));
        assert_eq!(parse_date("01-02-2025"), date(2025, 2, 1));
        assert_eq!(parse_date("06.09.2026 08:58"), date(2026, 9, 6));
        assert_eq!(parse_date("06.09.2026 08:58:17"), date(2026, 9, 6));
        assert_eq!(parse_date("2026-09-06T23:30:00+03:00"), date(2026, 9, 6));
        assert_eq!(parse_date("2026-09-06T08:58:00"), date(2026, 9, 6));
    }

    #[test]
    fn impossible_days_are_rejected() {
        for bad in [
            "31.02.2025",
            "29.02.2025",
            "00.01.2025",
            "01.13.2025",
            "32.01.2025",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_date("29.02.2024"), date(2024, 2, 29));
    }

    #[test]
    fn malformed_text_is_rejected() {
        for bad in [
            "",
            "   ",
            "вчера",
            "2025",
            "01.02",
            "01.02.2025.03",
            "01.02.202",
            "001.02.2025",
            "01.02-2025",
            "+1.02.2025",
            "01.02.2025 вечером",
            "01.02.2025 25:00",
            "2025/02/01",
            "1.2.3",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn format_pads_day_month_and_year() {
        assert_eq!(format_date(date(2025, 3, 7).unwrap()), "07.03.2025");
        assert_eq!(format_date(date(987, 12, 31).unwrap()), "31.12.0987");
        let day = date(2024, 2, 29).unwrap();
        assert_eq!(parse_date(&format_date(day)), Some(day));
    }

    #[test]
    fn timestamps_in_every_accepted_form() {
        let ten_fifteen = 1_796_292_900_000;
        assert_eq!(parse_timestamp("2026-12-03T10:15:00Z"), Some(ten_fifteen));
        assert_eq!(
            parse_timestamp("2026-12-03T10:15:00.123Z"),
            Some(ten_fifteen + 123)
        );
        assert_eq!(
            parse_timestamp("2026-12-03T13:15:00+03:00"),
            Some(ten_fifteen)
        );
        assert_eq!(parse_timestamp("2026-12-03 10:15:00Z"), Some(ten_fifteen));
        assert_eq!(parse_timestamp("2026-12-03T10:15:00"), Some(ten_fifteen));
        assert_eq!(parse_timestamp("03.12.2026 10:15"), Some(ten_fifteen));
        assert_eq!(
            parse_timestamp("03.12.2026 10:15:07"),
            Some(ten_fifteen + 7_000)
        );
        assert_eq!(
            parse_timestamp("03.12.2026 10:15:07.5"),
            Some(ten_fifteen + 7_500)
        );
        assert_eq!(
            parse_timestamp("03.12.2026"),
            Some(ten_fifteen - 36_900_000)
        );
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_timestamp(""), None);
        assert_eq!(parse_timestamp("03.12.2026 утром"), None);
        assert_eq!(parse_timestamp("31.02.2026 10:15"), None);
        assert_eq!(parse_timestamp("1796292900000"), None);
    }

    #[test]
    fn timestamps_round_trip_exactly() {
        for ts in [
            0,
            1,
            -1,
            999,
            1_796_292_900_123,
            -62_135_596_800_000,
            253_402_300_799_999,
            1_709_164_800_000,
        ] {
            let text = format_timestamp(ts);
            assert_eq!(parse_timestamp(&text), Some(ts), "{ts} → {text}");
        }
        assert_eq!(
            format_timestamp(1_796_292_900_123),
            "2026-12-03T10:15:00.123Z"
        );
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
    }

    fn reading(order: DateOrder) -> DateReading {
        DateReading {
            order,
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    #[test]
    fn a_column_is_month_first_only_when_a_second_number_says_so() {
        let of = |values: &[&str]| DateOrder::of_column(values.iter().copied());
        assert_eq!(of(&["01/02/2025", "12/31/2025"]), DateOrder::MonthFirst);
        assert_eq!(of(&["1/2/25 10:15", "", "2/13/25"]), DateOrder::MonthFirst);
        assert_eq!(of(&["12/31"]), DateOrder::MonthFirst);
        assert_eq!(of(&["01.02.2025", "31.12.2025"]), DateOrder::DayFirst);
        // Nothing tells: the Russian default.
        assert_eq!(of(&["01/02/2025", "03/04/2025"]), DateOrder::DayFirst);
        assert_eq!(of(&[]), DateOrder::DayFirst);
        // ISO dates, serial numbers and text say nothing about the others.
        assert_eq!(
            of(&["2025-12-31", "45234", "вчера", "01/02/2025"]),
            DateOrder::DayFirst
        );
        // Both kinds in one column: no program writes that, so the default.
        assert_eq!(of(&["12/31/2025", "31/12/2025"]), DateOrder::DayFirst);
        // Numbers too large for a day are no evidence.
        assert_eq!(of(&["01/45/2025"]), DateOrder::DayFirst);
    }

    #[test]
    fn month_first_dates() {
        let us = reading(DateOrder::MonthFirst);
        assert_eq!(us.date("12/31/2025"), date(2025, 12, 31));
        assert_eq!(us.date("1/2/2025 10:15"), date(2025, 1, 2));
        assert_eq!(us.date("31/12/2025"), None);
        assert_eq!(us.date("2025-12-31"), date(2025, 12, 31));
        assert_eq!(
            us.timestamp("12/31/2025 10:15"),
            parse_timestamp("31.12.2025 10:15")
        );
        let birthday = |day, month| {
            Some(crate::model::Birthday {
                day,
                month,
                year: None,
            })
        };
        assert_eq!(us.birthday("12/31"), birthday(31, 12));
        assert_eq!(reading(DateOrder::DayFirst).birthday("12/31"), None);
    }

    #[test]
    fn two_digit_years_in_an_import_are_never_in_a_later_year() {
        let ru = reading(DateOrder::DayFirst);
        assert_eq!(ru.date("01.02.26"), date(2026, 2, 1));
        assert_eq!(ru.date("01.02.27"), date(1927, 2, 1));
        assert_eq!(ru.date("1.2.69"), date(1969, 2, 1));
        assert_eq!(ru.date("01.02.99"), date(1999, 2, 1));
        assert_eq!(ru.date("01.02.00"), date(2000, 2, 1));
        assert_eq!(ru.date("01.02.2069"), date(2069, 2, 1));
        assert_eq!(ru.birthday("07.03.85").and_then(|b| b.year), Some(1985));
        assert_eq!(
            ru.timestamp("01.02.27 10:00"),
            parse_timestamp("01.02.1927 10:00")
        );
        // Typed without context, the fixed pivot stays.
        assert_eq!(parse_date("01.02.27"), date(2027, 2, 1));
    }

    #[test]
    fn google_birthdays_without_a_year() {
        let birthday = |day, month| {
            Some(crate::model::Birthday {
                day,
                month,
                year: None,
            })
        };
        assert_eq!(parse_birthday("--12-31"), birthday(31, 12));
        assert_eq!(parse_birthday("--02-29"), birthday(29, 2));
        assert_eq!(parse_birthday("--02-30"), None);
        assert_eq!(parse_birthday("--2-3x"), None);
        assert_eq!(
            parse_birthday("1985-03-07").and_then(|b| b.year),
            Some(1985)
        );
    }

    #[test]
    fn excel_serial_numbers() {
        let at = |y, m, d, h, min| date(y, m, d).unwrap().and_hms_opt(h, min, 0);
        assert_eq!(parse_excel_serial("45234"), at(2023, 11, 4, 0, 0));
        assert_eq!(parse_excel_serial(" 45849 "), at(2025, 7, 11, 0, 0));
        assert_eq!(parse_excel_serial("45234,5"), at(2023, 11, 4, 12, 0));
        assert_eq!(parse_excel_serial("45234.75"), at(2023, 11, 4, 18, 0));
        assert_eq!(parse_excel_serial("10000"), at(1927, 5, 18, 0, 0));
        for not_serial in [
            "2023",
            "123456",
            "45234,",
            "4523a",
            "-45234",
            "45234,5,5",
            "",
        ] {
            assert_eq!(parse_excel_serial(not_serial), None, "{not_serial:?}");
        }
    }

    #[test]
    fn timestamps_beyond_four_digit_years_are_clamped() {
        assert_eq!(format_timestamp(i64::MAX), "9999-12-31T23:59:59.999Z");
        assert_eq!(format_timestamp(i64::MIN), "0000-01-01T00:00:00.000Z");
        let min = parse_timestamp(&format_timestamp(i64::MIN)).unwrap();
        assert_eq!(format_timestamp(min), "0000-01-01T00:00:00.000Z");
    }
}
