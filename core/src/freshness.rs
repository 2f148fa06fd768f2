//! How fresh a record's data is: whether it was confirmed recently enough to be trusted.
//!
//! A record confirmed on some day stays *fresh* until the last part of its threshold (the
//! *due* window, a percentage of the threshold) starts; during that window it is *due* for a
//! new call, and after the threshold expires it is *stale*. A record never confirmed is
//! *never*.
//!
//! Months are calendar months, clamped to the end of a shorter month, because that is how
//! people count "in six months": a contact confirmed on 31 August is due again by the end of
//! February, not on 3 March.
//!
//! Some records go stale sooner than others: a lead's phone changes hands faster than a
//! client's accounts department. A [`FreshnessPolicy`] may therefore override its threshold
//! by status ([`StatusRule`]) and by tag ([`TagRule`]); [`FreshnessPolicy::threshold_for`]
//! says which one applies to a record. [`confirm`] records a confirmation of the record or of
//! one of its values, with the day and the way it was obtained.

use std::cmp::Ordering;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{Confirmation, ConfirmedHow, ConfirmedWhat, Contact, Status};
use crate::queue::phone_key;

/// The unit of a [`Threshold`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThresholdUnit {
    /// Calendar days.
    Days,
    /// Seven days each.
    Weeks,
    /// Calendar months, clamped to the end of a shorter month.
    Months,
}

/// How long a confirmation stays valid, e.g. 6 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    /// How many units; 0 means a confirmation expires on the day it was made.
    pub amount: u32,
    /// What the amount counts.
    pub unit: ThresholdUnit,
}

impl Default for Threshold {
    /// Six months: the re-check interval most sales handbooks recommend.
    fn default() -> Self {
        Threshold {
            amount: 6,
            unit: ThresholdUnit::Months,
        }
    }
}

impl Threshold {
    /// The last day on which a confirmation made on `confirmed_on` is still valid.
    ///
    /// Months are added as calendar months clamped to the month's end; days and weeks as
    /// days. A result beyond the calendar's range is clamped to its last day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kartoteka_core::{Threshold, ThresholdUnit};
    ///
    /// let six_months = Threshold { amount: 6, unit: ThresholdUnit::Months };
    /// let confirmed = NaiveDate::from_ymd_opt(2025, 8, 31).unwrap();
    /// assert_eq!(six_months.expires(confirmed), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    /// ```
    pub fn expires(&self, confirmed_on: NaiveDate) -> NaiveDate {
        let expires = match self.unit {
            ThresholdUnit::Days => confirmed_on.checked_add_days(Days::new(self.amount.into())),
            ThresholdUnit::Weeks => {
                confirmed_on.checked_add_days(Days::new(u64::from(self.amount) * 7))
            }
            ThresholdUnit::Months => confirmed_on.checked_add_months(Months::new(self.amount)),
        };
        expires.unwrap_or(NaiveDate::MAX)
    }

    /// The mean length in days, rounded to the nearest day: a week is 7 days, a month
    /// 30.436875 days (the Gregorian calendar's 365.2425 days a year over twelve months).
    ///
    /// For display and rough comparisons; [`cmp_length`](Threshold::cmp_length) compares
    /// without the rounding.
    ///
    /// ```
    /// use kartoteka_core::{Threshold, ThresholdUnit};
    ///
    /// assert_eq!(Threshold { amount: 6, unit: ThresholdUnit::Months }.approx_days(), 183);
    /// assert_eq!(Threshold { amount: 2, unit: ThresholdUnit::Weeks }.approx_days(), 14);
    /// ```
    pub fn approx_days(&self) -> u64 {
        (self.micro_days() + MICRO_DAYS_PER_DAY / 2) / MICRO_DAYS_PER_DAY
    }

    /// Which of two thresholds is shorter, by their mean lengths (see
    /// [`approx_days`](Threshold::approx_days)) before rounding.
    ///
    /// The actual span of a month depends on the day it starts from (28 to 31 days), so
    /// "shorter" needs a yardstick that does not: by the mean, 30 days are shorter than a
    /// month and 31 days longer, 4 weeks shorter than a month and 12 months longer than
    /// 365 days. Thresholds of the same mean length (7 days and 1 week) are equal.
    ///
    /// ```
    /// use std::cmp::Ordering;
    /// use kartoteka_core::{Threshold, ThresholdUnit};
    ///
    /// let month = Threshold { amount: 1, unit: ThresholdUnit::Months };
    /// let days = |amount| Threshold { amount, unit: ThresholdUnit::Days };
    /// assert_eq!(days(30).cmp_length(&month), Ordering::Less);
    /// assert_eq!(days(31).cmp_length(&month), Ordering::Greater);
    /// ```
    pub fn cmp_length(&self, other: &Threshold) -> Ordering {
        self.micro_days().cmp(&other.micro_days())
    }

    /// The mean length in millionths of a day, exact for every unit: a month is
    /// 30 436 875 of them. A `u32` amount of months stays far below `u64::MAX`.
    fn micro_days(&self) -> u64 {
        let per_unit = match self.unit {
            ThresholdUnit::Days => MICRO_DAYS_PER_DAY,
            ThresholdUnit::Weeks => 7 * MICRO_DAYS_PER_DAY,
            ThresholdUnit::Months => MICRO_DAYS_PER_MONTH,
        };
        u64::from(self.amount) * per_unit
    }
}

/// The unit in which [`Threshold`]s are compared: a millionth of a day, fine enough for
/// the mean month to be a whole number of them.
const MICRO_DAYS_PER_DAY: u64 = 1_000_000;

/// The Gregorian mean month, 365.2425 / 12 days, in millionths of a day.
const MICRO_DAYS_PER_MONTH: u64 = 30_436_875;

/// The state of a record's confirmation on a given day.
///
/// Ordered from the best to the worst, so that sorting by freshness puts the records that
/// need a call last (or first, reversed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Freshness {
    /// Confirmed recently; nothing to do.
    Fresh,
    /// In the last part of the threshold, or on its last day: time to call again.
    Due,
    /// The threshold has passed; the data may be wrong.
    Stale,
    /// Never confirmed.
    Never,
}

impl Freshness {
    /// Every state, in order.
    pub const ALL: [Freshness; 4] = [
        Freshness::Fresh,
        Freshness::Due,
        Freshness::Stale,
        Freshness::Never,
    ];

    /// The stable key used in storage, URLs and translation keys; the same as serde's.
    pub fn key(self) -> &'static str {
        match self {
            Freshness::Fresh => "fresh",
            Freshness::Due => "due",
            Freshness::Stale => "stale",
            Freshness::Never => "never",
        }
    }

    /// The state whose [`key`](Freshness::key) is `key`, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Freshness::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A threshold for the records of one status, overriding the policy's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRule {
    /// The status the rule applies to.
    pub status: Status,
    /// How long a confirmation of such a record stays valid.
    pub threshold: Threshold,
}

/// A threshold for the records that carry a tag, overriding the policy's own and any
/// [`StatusRule`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRule {
    /// The tag, compared with the record's tags ignoring case and surrounding spaces.
    pub tag: String,
    /// How long a confirmation of such a record stays valid.
    pub threshold: Threshold,
}

/// The team's rule for when a confirmation becomes due and stale.
///
/// Not `Copy`, as the override lists are vectors; clone it where a copy was taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FreshnessPolicy {
    /// How long a confirmation stays valid, unless a rule below says otherwise.
    pub threshold: Threshold,
    /// The last part of the threshold, in percent of its length, during which a record is
    /// due. Values above 100 count as 100. It applies to every threshold, overridden or not.
    pub due_percent: u8,
    /// Thresholds by status; the first rule for a status counts. Left out of the stored
    /// form while empty, so settings saved before the rules existed read the same.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status_rules: Vec<StatusRule>,
    /// Thresholds by tag; they win over [`status_rules`](FreshnessPolicy::status_rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tag_rules: Vec<TagRule>,
}

impl Default for FreshnessPolicy {
    /// Six months, the last 20 % of them due (about five weeks), no overrides.
    fn default() -> Self {
        FreshnessPolicy {
            threshold: Threshold::default(),
            due_percent: 20,
            status_rules: Vec::new(),
            tag_rules: Vec::new(),
        }
    }
}

impl FreshnessPolicy {
    /// The state on `today` of a confirmation made on `confirmed_on`, under the policy's
    /// own [`threshold`](FreshnessPolicy::threshold), whatever the rules say.
    ///
    /// The due window is `ceil(span * due_percent / 100)` whole days before the expiry day,
    /// where `span` is the number of days from `confirmed_on` to the expiry day; the expiry
    /// day itself is still due, the day after is stale. A confirmation dated in the future
    /// is fresh.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use kartoteka_core::{Freshness, FreshnessPolicy};
    ///
    /// let policy = FreshnessPolicy::default(); // 6 months, the last 20 % due
    /// let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d);
    /// assert_eq!(policy.state(day(1, 1), day(3, 1).unwrap()), Freshness::Fresh);
    /// assert_eq!(policy.state(day(1, 1), day(7, 1).unwrap()), Freshness::Due);
    /// assert_eq!(policy.state(day(1, 1), day(7, 2).unwrap()), Freshness::Stale);
    /// assert_eq!(policy.state(None, day(7, 2).unwrap()), Freshness::Never);
    /// ```
    pub fn state(&self, confirmed_on: Option<NaiveDate>, today: NaiveDate) -> Freshness {
        self.state_with(self.threshold, confirmed_on, today)
    }

    /// Like [`state`](FreshnessPolicy::state), under `threshold` instead of the policy's
    /// own (and the policy's due percentage): for a value of a record whose threshold was
    /// overridden, `policy.state_with(policy.threshold_for(contact), phone.confirmed_on,
    /// today)`.
    pub fn state_with(
        &self,
        threshold: Threshold,
        confirmed_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Freshness {
        let Some(confirmed_on) = confirmed_on else {
            return Freshness::Never;
        };
        let expires = threshold.expires(confirmed_on);
        if today > expires {
            return Freshness::Stale;
        }
        let span = (expires - confirmed_on).num_days();
        let percent = i64::from(self.due_percent.min(100));
        // Rounded up so that any non-zero percentage gives at least one due day.
        let due_days = (span * percent + 99) / 100;
        if (expires - today).num_days() <= due_days {
            Freshness::Due
        } else {
            Freshness::Fresh
        }
    }

    /// The threshold that applies to `contact`.
    ///
    /// A [`TagRule`] for one of its tags wins; when several of its tags have rules, the
    /// shortest threshold wins (by [`Threshold::cmp_length`]; of equal ones, the first
    /// rule listed), since the data is only as reliable as its most perishable part.
    /// Otherwise the first [`StatusRule`] for its status, otherwise the policy's own
    /// threshold.
    ///
    /// ```
    /// use kartoteka_core::{Contact, FreshnessPolicy, Status, StatusRule, TagRule, Threshold, ThresholdUnit};
    ///
    /// let months = |amount| Threshold { amount, unit: ThresholdUnit::Months };
    /// let policy = FreshnessPolicy {
    ///     status_rules: vec![StatusRule { status: Status::Client, threshold: months(12) }],
    ///     tag_rules: vec![TagRule { tag: "VIP".into(), threshold: months(3) }],
    ///     ..FreshnessPolicy::default()
    /// };
    /// let client = Contact { status: Status::Client, ..Contact::default() };
    /// assert_eq!(policy.threshold_for(&client), months(12));
    /// let vip = Contact { tags: vec!["vip".into()], ..client };
    /// assert_eq!(policy.threshold_for(&vip), months(3));
    /// assert_eq!(policy.threshold_for(&Contact::default()), months(6));
    /// ```
    pub fn threshold_for(&self, contact: &Contact) -> Threshold {
        let by_tag = self
            .tag_rules
            .iter()
            .filter(|rule| contact.tags.iter().any(|tag| same_tag(tag, &rule.tag)))
            // `min_by` keeps the first of equal elements.
            .min_by(|a, b| a.threshold.cmp_length(&b.threshold));
        if let Some(rule) = by_tag {
            return rule.threshold;
        }
        self.status_rules
            .iter()
            .find(|rule| rule.status == contact.status)
            .map_or(self.threshold, |rule| rule.threshold)
    }

    /// The state of the record as a whole on `today`, from its
    /// [`confirmed_on`](Contact::confirmed_on) and under its
    /// [`threshold_for`](FreshnessPolicy::threshold_for).
    pub fn of(&self, contact: &Contact, today: NaiveDate) -> Freshness {
        self.state_with(self.threshold_for(contact), contact.confirmed_on, today)
    }

    /// The last day the record's confirmation is valid (its last due day), under its
    /// [`threshold_for`](FreshnessPolicy::threshold_for); `None` if it was never confirmed.
    pub fn expires_on(&self, contact: &Contact) -> Option<NaiveDate> {
        let threshold = self.threshold_for(contact);
        contact.confirmed_on.map(|on| threshold.expires(on))
    }
}

/// Whether two tags are the same tag: equal ignoring case and surrounding spaces.
fn same_tag(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.trim()
            .chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<_>>()
    };
    fold(a) == fold(b)
}

/// Records that `what` was confirmed on `today` in the way `how`, and returns whether it
/// was found on the record.
///
/// - [`ConfirmedWhat::Record`] sets [`Contact::confirmed_on`] and lifts a snooze
///   ([`Contact::snoozed_until`]): whoever confirmed the record has reached the contact.
/// - [`ConfirmedWhat::Phone`] sets the `confirmed_on` of every phone of that number
///   (compared by its digits, or as text when it has none) and lifts its wrong-number mark
///   ([`Contact::invalid_phones`]), as it was just found to work.
/// - [`ConfirmedWhat::Email`] sets the `confirmed_on` of every address equal to the value,
///   ignoring case and surrounding spaces.
///
/// Each found confirmation is appended to [`Contact::confirmations`]. A phone or address
/// the record does not have changes nothing and returns `false`: a confirmation of a value
/// the record does not hold would only mislead the history.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::freshness::confirm;
/// use kartoteka_core::{ConfirmedHow, ConfirmedWhat, Contact, Phone};
///
/// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let mut contact = Contact {
///     phones: vec![Phone { value: "8 (928) 921-84-01".into(), ..Phone::default() }],
///     ..Contact::default()
/// };
/// let number = ConfirmedWhat::Phone("+7 928 921 84 01".into());
/// assert!(confirm(&mut contact, number, ConfirmedHow::Call, today));
/// assert_eq!(contact.phones[0].confirmed_on, Some(today));
/// assert_eq!(contact.confirmed_on, None);
/// assert_eq!(contact.confirmations.len(), 1);
/// ```
pub fn confirm(
    contact: &mut Contact,
    what: ConfirmedWhat,
    how: ConfirmedHow,
    today: NaiveDate,
) -> bool {
    let found = match &what {
        ConfirmedWhat::Record => {
            contact.confirmed_on = Some(today);
            contact.snoozed_until = None;
            true
        }
        ConfirmedWhat::Phone(value) => {
            let key = phone_key(value);
            let mut found = false;
            for phone in &mut contact.phones {
                if phone_key(&phone.value) == key {
                    phone.confirmed_on = Some(today);
                    found = true;
                }
            }
            if found {
                contact.invalid_phones.retain(|invalid| *invalid != key);
            }
            found
        }
        ConfirmedWhat::Email(value) => {
            let value = value.trim().to_lowercase();
            let mut found = false;
            for email in &mut contact.emails {
                if email.value.trim().to_lowercase() == value {
                    email.confirmed_on = Some(today);
                    found = true;
                }
            }
            found
        }
    };
    if found {
        contact.confirmations.push(Confirmation {
            on: today,
            what,
            how,
        });
    }
    found
}

/// The day the record as a whole was last confirmed, as it stood at the end of `day`.
///
/// The later of the last [`ConfirmedWhat::Record`] entry of [`Contact::confirmations`] on
/// or before `day`, and [`Contact::confirmed_on`] if that is on or before `day`. The second
/// covers records confirmed before the history was kept and dates typed into the card by
/// hand; what it cannot know is an older confirmation since overwritten by a newer one
/// without a history entry, so such a record reads as never confirmed before the newer day.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::freshness::confirmed_as_of;
/// use kartoteka_core::Contact;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let contact = Contact { confirmed_on: Some(day(3, 1)), ..Contact::default() };
/// assert_eq!(confirmed_as_of(&contact, day(3, 31)), Some(day(3, 1)));
/// assert_eq!(confirmed_as_of(&contact, day(2, 28)), None);
/// ```
pub fn confirmed_as_of(contact: &Contact, day: NaiveDate) -> Option<NaiveDate> {
    let logged = contact
        .confirmations
        .iter()
        .filter(|c| c.what == ConfirmedWhat::Record && c.on <= day)
        .map(|c| c.on)
        .max();
    let current = contact.confirmed_on.filter(|on| *on <= day);
    logged.max(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn policy(amount: u32, unit: ThresholdUnit, due_percent: u8) -> FreshnessPolicy {
        FreshnessPolicy {
            threshold: Threshold { amount, unit },
            due_percent,
            ..FreshnessPolicy::default()
        }
    }

    #[test]
    fn six_months_boundaries_are_exact() {
        let policy = FreshnessPolicy::default();
        let confirmed = Some(date(2025, 1, 1));
        // Expires 01.07.2025, span 181 days, due window ceil(36.2) = 37 days.
        assert_eq!(policy.threshold.expires(date(2025, 1, 1)), date(2025, 7, 1));
        assert_eq!(policy.state(confirmed, date(2025, 1, 1)), Freshness::Fresh);
        assert_eq!(policy.state(confirmed, date(2025, 5, 24)), Freshness::Fresh);
        assert_eq!(policy.state(confirmed, date(2025, 5, 25)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 7, 1)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 7, 2)), Freshness::Stale);
        assert_eq!(policy.state(confirmed, date(2030, 1, 1)), Freshness::Stale);
    }

    #[test]
    fn months_clamp_to_the_end_of_a_shorter_month() {
        let six = Threshold::default();
        assert_eq!(six.expires(date(2025, 8, 31)), date(2026, 2, 28));
        assert_eq!(six.expires(date(2023, 8, 31)), date(2024, 2, 29));
        let one = Threshold {
            amount: 1,
            unit: ThresholdUnit::Months,
        };
        assert_eq!(one.expires(date(2025, 1, 31)), date(2025, 2, 28));
        assert_eq!(one.expires(date(2025, 3, 31)), date(2025, 4, 30));
        assert_eq!(one.expires(date(2025, 4, 30)), date(2025, 5, 30));
    }

    #[test]
    fn leap_days_are_counted() {
        let year = Threshold {
            amount: 12,
            unit: ThresholdUnit::Months,
        };
        assert_eq!(year.expires(date(2024, 2, 29)), date(2025, 2, 28));
        assert_eq!(year.expires(date(2023, 3, 1)), date(2024, 3, 1));
        // 366 days in the span, 20 % → ceil(73.2) = 74 due days before 01.03.2024.
        let policy = FreshnessPolicy {
            threshold: year,
            due_percent: 20,
            ..FreshnessPolicy::default()
        };
        let confirmed = Some(date(2023, 3, 1));
        assert_eq!(
            policy.state(confirmed, date(2023, 12, 17)),
            Freshness::Fresh
        );
        assert_eq!(policy.state(confirmed, date(2023, 12, 18)), Freshness::Due);
        let days = Threshold {
            amount: 1,
            unit: ThresholdUnit::Days,
        };
        assert_eq!(days.expires(date(2024, 2, 28)), date(2024, 2, 29));
        assert_eq!(days.expires(date(2025, 2, 28)), date(2025, 3, 1));
    }

    #[test]
    fn weeks_are_seven_days() {
        // Expires 15.01, span 14, due window ceil(2.8) = 3 days.
        let policy = policy(2, ThresholdUnit::Weeks, 20);
        let confirmed = Some(date(2025, 1, 1));
        assert_eq!(
            policy.threshold.expires(date(2025, 1, 1)),
            date(2025, 1, 15)
        );
        assert_eq!(policy.state(confirmed, date(2025, 1, 11)), Freshness::Fresh);
        assert_eq!(policy.state(confirmed, date(2025, 1, 12)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 15)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 16)), Freshness::Stale);
    }

    #[test]
    fn days_count_as_days() {
        // Expires 11.01, span 10, due window exactly 2 days.
        let policy = policy(10, ThresholdUnit::Days, 20);
        let confirmed = Some(date(2025, 1, 1));
        assert_eq!(policy.state(confirmed, date(2025, 1, 8)), Freshness::Fresh);
        assert_eq!(policy.state(confirmed, date(2025, 1, 9)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 11)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 12)), Freshness::Stale);
    }

    #[test]
    fn a_one_day_threshold_is_due_at_once() {
        // Span 1, ceil(0.2) = 1: the confirmation day already lies in the due window.
        let policy = policy(1, ThresholdUnit::Days, 20);
        let confirmed = Some(date(2025, 1, 1));
        assert_eq!(policy.state(confirmed, date(2025, 1, 1)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 2)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 3)), Freshness::Stale);
    }

    #[test]
    fn zero_percent_leaves_only_the_expiry_day_due() {
        let policy = policy(10, ThresholdUnit::Days, 0);
        let confirmed = Some(date(2025, 1, 1));
        assert_eq!(policy.state(confirmed, date(2025, 1, 10)), Freshness::Fresh);
        assert_eq!(policy.state(confirmed, date(2025, 1, 11)), Freshness::Due);
        assert_eq!(policy.state(confirmed, date(2025, 1, 12)), Freshness::Stale);
    }

    #[test]
    fn percentages_above_one_hundred_count_as_one_hundred() {
        let policy = policy(10, ThresholdUnit::Days, 250);
        let confirmed = Some(date(2025, 1, 10));
        assert_eq!(policy.state(confirmed, date(2025, 1, 9)), Freshness::Fresh);
        assert_eq!(policy.state(confirmed, date(2025, 1, 10)), Freshness::Due);
    }

    #[test]
    fn never_confirmed_and_future_confirmations() {
        let policy = FreshnessPolicy::default();
        assert_eq!(policy.state(None, date(2025, 1, 1)), Freshness::Never);
        assert_eq!(
            policy.state(Some(date(2026, 1, 1)), date(2025, 1, 1)),
            Freshness::Fresh
        );
        let contact = Contact {
            confirmed_on: Some(date(2025, 1, 1)),
            ..Contact::default()
        };
        assert_eq!(policy.of(&contact, date(2025, 7, 2)), Freshness::Stale);
        assert_eq!(
            policy.of(&Contact::default(), date(2025, 7, 2)),
            Freshness::Never
        );
    }

    #[test]
    fn thresholds_beyond_the_calendar_clamp_instead_of_panicking() {
        let huge = Threshold {
            amount: u32::MAX,
            unit: ThresholdUnit::Months,
        };
        assert_eq!(huge.expires(date(2025, 1, 1)), NaiveDate::MAX);
        let policy = FreshnessPolicy {
            threshold: huge,
            due_percent: 20,
            ..FreshnessPolicy::default()
        };
        assert_eq!(
            policy.state(Some(date(2025, 1, 1)), date(2025, 1, 2)),
            Freshness::Fresh
        );
    }

    #[test]
    fn keys_round_trip_and_match_serde() {
        for state in Freshness::ALL {
            assert_eq!(Freshness::from_key(state.key()), Some(state));
            assert_eq!(
                serde_json::to_string(&state).unwrap(),
                format!("\"{}\"", state.key())
            );
        }
        assert_eq!(Freshness::from_key("Fresh"), None);
        assert!(Freshness::Fresh < Freshness::Due && Freshness::Stale < Freshness::Never);
    }

    #[test]
    fn policy_serialises_with_defaults_for_missing_fields() {
        let json = serde_json::to_string(&FreshnessPolicy::default()).unwrap();
        assert_eq!(
            json,
            r#"{"threshold":{"amount":6,"unit":"months"},"due_percent":20}"#
        );
        let partial: FreshnessPolicy = serde_json::from_str(r#"{"due_percent":10}"#).unwrap();
        assert_eq!(
            partial,
            FreshnessPolicy {
                threshold: Threshold::default(),
                due_percent: 10,
                ..FreshnessPolicy::default()
            }
        );
        let weeks: FreshnessPolicy =
            serde_json::from_str(r#"{"threshold":{"amount":3,"unit":"weeks"}}"#).unwrap();
        assert_eq!(
            weeks.threshold,
            Threshold {
                amount: 3,
                unit: ThresholdUnit::Weeks
            }
        );
        assert_eq!(weeks.due_percent, 20);
    }
}
