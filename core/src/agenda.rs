//! The filters of the list that depend on the calendar: next steps, birthdays and the
//! recycle bin.
//!
//! Each takes today or now from the caller, so the same record answers the same way in
//! tests and on every device.

use chrono::{Datelike, NaiveDate};

use crate::model::{Contact, Timestamp};

/// How long a deleted record stays in the recycle bin before it is purged.
pub const BIN_DAYS: i64 = 30;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The day of the next step agreed with the contact, while it is still ahead.
///
/// The step is the one set by the latest activity that set one: latest by its day, and
/// among activities of the same day (or without a day, which count as the oldest) the one
/// logged last. The step counts as taken, and this is `None`, once another activity was
/// logged on that day or after it: whoever called on the agreed day has done the step,
/// whatever they wrote.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{next_step, Activity, Contact};
///
/// let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
/// let call = Activity { on: day(2), next_step_on: day(10), ..Activity::default() };
/// let mut contact = Contact { activities: vec![call], ..Contact::default() };
/// assert_eq!(next_step(&contact), day(10));
///
/// contact.activities.push(Activity { on: day(10), ..Activity::default() });
/// assert_eq!(next_step(&contact), None);
/// ```
pub fn next_step(contact: &Contact) -> Option<NaiveDate> {
    let (setter, step) = contact
        .activities
        .iter()
        .enumerate()
        .filter_map(|(at, activity)| activity.next_step_on.map(|step| (at, activity.on, step)))
        // `max_by_key` keeps the last of equal keys, i.e. the one logged last.
        .max_by_key(|&(_, on, _)| on)
        .map(|(at, _, step)| (at, step))?;
    let taken = contact
        .activities
        .iter()
        .enumerate()
        .any(|(at, activity)| at != setter && activity.on.is_some_and(|on| on >= step));
    (!taken).then_some(step)
}

/// Whether the next step's day (see [`next_step`]) has passed without it being taken.
pub fn next_step_overdue(contact: &Contact, today: NaiveDate) -> bool {
    next_step(contact).is_some_and(|step| step < today)
}

/// How many days remain until the contact's next birthday, when it is within `days` of
/// `today` (0 when it is today).
///
/// Born on 29 February, a person celebrates on 28 February in years without one.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{birthday_within, Birthday, Contact};
///
/// let contact = Contact { birthday: Some(Birthday { day: 3, month: 1, year: None }), ..Contact::default() };
/// let today = NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
/// assert_eq!(birthday_within(&contact, today, 7), Some(4));
/// assert_eq!(birthday_within(&contact, today, 3), None);
/// ```
pub fn birthday_within(contact: &Contact, today: NaiveDate, days: u32) -> Option<u32> {
    let birthday = contact.birthday?;
    let this_year = celebrated_in(today.year(), birthday.month, birthday.day)?;
    let next = if this_year >= today {
        this_year
    } else {
        celebrated_in(today.year() + 1, birthday.month, birthday.day)?
    };
    let until = u32::try_from((next - today).num_days()).ok()?;
    (until <= days).then_some(until)
}

/// The day a birthday of `month` and `day` falls on in `year`; `None` for a day no year
/// has (31 April).
fn celebrated_in(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        (month == 2 && day == 29)
            .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .flatten()
    })
}

/// Whether a record in the recycle bin has been there longer than [`BIN_DAYS`] and is
/// to be purged; a live record never is.
pub fn purge_due(contact: &Contact, now: Timestamp) -> bool {
    contact
        .deleted_at
        .is_some_and(|deleted| now.saturating_sub(deleted) > BIN_DAYS * DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Birthday};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn activity(on: Option<NaiveDate>, next: Option<NaiveDate>) -> Activity {
        Activity {
            on,
            next_step_on: next,
            ..Activity::default()
        }
    }

    fn with(activities: Vec<Activity>) -> Contact {
        Contact {
            activities,
            ..Contact::default()
        }
    }

    fn born(day: u32, month: u32) -> Contact {
        Contact {
            birthday: Some(Birthday {
                day,
                month,
                year: Some(1980),
            }),
            ..Contact::default()
        }
    }

    #[test]
    fn no_activities_no_step() {
        assert_eq!(next_step(&Contact::default()), None);
        let notes_only = with(vec![activity(Some(day(2026, 3, 1)), None)]);
        assert_eq!(next_step(&notes_only), None);
    }

    #[test]
    fn the_latest_activity_sets_the_step() {
        let contact = with(vec![
            activity(Some(day(2026, 3, 5)), Some(day(2026, 3, 20))),
            // Logged later but about an earlier day: the step of 5 March stands.
            activity(Some(day(2026, 3, 1)), Some(day(2026, 3, 8))),
        ]);
        assert_eq!(next_step(&contact), Some(day(2026, 3, 20)));
    }

    #[test]
    fn on_the_same_day_the_last_logged_wins() {
        let contact = with(vec![
            activity(Some(day(2026, 3, 5)), Some(day(2026, 3, 20))),
            activity(Some(day(2026, 3, 5)), Some(day(2026, 3, 12))),
        ]);
        assert_eq!(next_step(&contact), Some(day(2026, 3, 12)));
    }

    #[test]
    fn undated_activities_count_as_the_oldest() {
        let contact = with(vec![
            activity(Some(day(2026, 3, 5)), Some(day(2026, 3, 20))),
            activity(None, Some(day(2026, 3, 12))),
        ]);
        assert_eq!(next_step(&contact), Some(day(2026, 3, 20)));
    }

    #[test]
    fn a_later_activity_takes_the_step() {
        let set = activity(Some(day(2026, 3, 5)), Some(day(2026, 3, 12)));
        let before = with(vec![set.clone(), activity(Some(day(2026, 3, 11)), None)]);
        assert_eq!(next_step(&before), Some(day(2026, 3, 12)));
        let on_the_day = with(vec![set.clone(), activity(Some(day(2026, 3, 12)), None)]);
        assert_eq!(next_step(&on_the_day), None);
        let after = with(vec![set, activity(Some(day(2026, 3, 15)), None)]);
        assert_eq!(next_step(&after), None);
    }

    #[test]
    fn a_step_for_the_same_day_is_not_taken_by_the_activity_that_set_it() {
        let contact = with(vec![activity(Some(day(2026, 3, 5)), Some(day(2026, 3, 5)))]);
        assert_eq!(next_step(&contact), Some(day(2026, 3, 5)));
    }

    #[test]
    fn overdue_means_the_day_has_passed() {
        let contact = with(vec![activity(
            Some(day(2026, 3, 1)),
            Some(day(2026, 3, 10)),
        )]);
        assert!(!next_step_overdue(&contact, day(2026, 3, 9)));
        assert!(!next_step_overdue(&contact, day(2026, 3, 10)));
        assert!(next_step_overdue(&contact, day(2026, 3, 11)));
        assert!(!next_step_overdue(&Contact::default(), day(2026, 3, 11)));
    }

    #[test]
    fn birthdays_ahead_within_the_window() {
        let today = day(2026, 5, 10);
        assert_eq!(birthday_within(&born(10, 5), today, 0), Some(0));
        assert_eq!(birthday_within(&born(11, 5), today, 0), None);
        assert_eq!(birthday_within(&born(17, 5), today, 7), Some(7));
        assert_eq!(birthday_within(&born(18, 5), today, 7), None);
        // Yesterday's is a year away.
        assert_eq!(birthday_within(&born(9, 5), today, 400), Some(364));
        assert_eq!(birthday_within(&Contact::default(), today, 400), None);
    }

    #[test]
    fn birthdays_across_the_new_year() {
        assert_eq!(birthday_within(&born(2, 1), day(2026, 12, 28), 7), Some(5));
    }

    #[test]
    fn leap_day_birthdays() {
        let leap = born(29, 2);
        assert_eq!(birthday_within(&leap, day(2026, 2, 28), 0), Some(0));
        assert_eq!(birthday_within(&leap, day(2026, 2, 20), 10), Some(8));
        assert_eq!(birthday_within(&leap, day(2028, 2, 28), 1), Some(1));
        assert_eq!(birthday_within(&leap, day(2028, 2, 29), 0), Some(0));
        // After 28 February of a common year, the next one is in the leap year.
        assert_eq!(birthday_within(&leap, day(2027, 3, 1), 400), Some(365));
    }

    #[test]
    fn impossible_birthdays_are_never_near() {
        assert_eq!(birthday_within(&born(31, 4), day(2026, 4, 30), 30), None);
        assert_eq!(birthday_within(&born(1, 13), day(2026, 4, 30), 400), None);
    }

    #[test]
    fn purge_after_thirty_days_in_the_bin() {
        let deleted = 1_767_225_600_000;
        let binned = Contact {
            deleted_at: Some(deleted),
            ..Contact::default()
        };
        assert!(!purge_due(&binned, deleted));
        assert!(!purge_due(&binned, deleted + BIN_DAYS * DAY_MS));
        assert!(purge_due(&binned, deleted + BIN_DAYS * DAY_MS + 1));
        assert!(!purge_due(&Contact::default(), i64::MAX));
        // A clock set back on another device does not purge anything.
        assert!(!purge_due(&binned, deleted - 1));
    }
}
