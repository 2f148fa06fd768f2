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

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::Contact;

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
}

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

/// The team's rule for when a confirmation becomes due and stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FreshnessPolicy {
    /// How long a confirmation stays valid.
    pub threshold: Threshold,
    /// The last part of the threshold, in percent of its length, during which a record is
    /// due. Values above 100 count as 100.
    pub due_percent: u8,
}

impl Default for FreshnessPolicy {
    /// Six months, the last 20 % of them due (about five weeks).
    fn default() -> Self {
        FreshnessPolicy {
            threshold: Threshold::default(),
            due_percent: 20,
        }
    }
}

impl FreshnessPolicy {
    /// The state on `today` of a confirmation made on `confirmed_on`.
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
        let Some(confirmed_on) = confirmed_on else {
            return Freshness::Never;
        };
        let expires = self.threshold.expires(confirmed_on);
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

    /// The state of the record as a whole on `today`, from its
    /// [`confirmed_on`](Contact::confirmed_on).
    pub fn of(&self, contact: &Contact, today: NaiveDate) -> Freshness {
        self.state(contact.confirmed_on, today)
    }
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
                due_percent: 10
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
