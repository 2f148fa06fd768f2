//! Dates and timestamps in the forms Russian spreadsheets and CRMs write them.
//!
//! Dates are shown and exported as `dd.mm.yyyy`, the Russian convention; timestamps as RFC
//! 3339 in UTC with milliseconds, which every tool reads and which keeps the browser's
//! millisecond clock exact.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::Timestamp;

/// Two-digit years up to this one are in the 2000s, later ones in the 1900s.
const LAST_TWO_DIGIT_YEAR_OF_2000S: i32 = 69;

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
    let s = s.trim();
    match split_date_time(s) {
        (date, None) => parse_day(date),
        (date, Some(time)) => match (parse_day(date), parse_clock(time)) {
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
    let s = s.trim();
    if let Some(day) = parse_date(s) {
        return Some(crate::model::Birthday {
            day: day.day(),
            month: day.month(),
            year: Some(day.year()),
        });
    }
    let (day, month) = s.split_once(['.', '/', '-'])?;
    let (day, month): (u32, u32) = (day.trim().parse().ok()?, month.trim().parse().ok()?);
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
    let s = s.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(s) {
        return Some(moment.timestamp_millis());
    }
    let (date, time) = split_date_time(s);
    let day = parse_day(date)?;
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

/// A date without a time part, in one of the forms [`parse_date`] lists.
fn parse_day(s: &str) -> Option<NaiveDate> {
    let separator = s.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let mut parts = s.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || ![a, b, c].iter().all(|p| is_digits(p, 1..=4)) {
        return None;
    }
    let (year, month, day) = if separator == '-' && a.len() == 4 {
        (number(a)?, b, c)
    } else {
        let year = match c.len() {
            4 => number(c)?,
            2 => {
                let yy = number(c)?;
                if yy <= LAST_TWO_DIGIT_YEAR_OF_2000S {
                    2000 + yy
                } else {
                    1900 + yy
                }
            }
            _ => return None,
        };
        (year, b, a)
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

    #[test]
    fn timestamps_beyond_four_digit_years_are_clamped() {
        assert_eq!(format_timestamp(i64::MAX), "9999-12-31T23:59:59.999Z");
        assert_eq!(format_timestamp(i64::MIN), "0000-01-01T00:00:00.000Z");
        let min = parse_timestamp(&format_timestamp(i64::MIN)).unwrap();
        assert_eq!(format_timestamp(min), "0000-01-01T00:00:00.000Z");
    }
}
