//! How each channel performs: how many records it brings, how many become clients and
//! how fast, what they pay, and how long their data stays true.
//!
//! [`channel_report`] gives one [`ChannelRow`] per channel (the distinct sources, see
//! [`crate::channels`](mod@crate::channels)) over a [`Period`]; [`sort_rows`] orders the table by any column,
//! and [`report_csv`] writes it for Excel. [`growth_by_month`] and
//! [`freshness_mix_by_month`] give the series of the charts.
//!
//! Every figure is computed from calendar dates the record keeps (`added_on`, status
//! changes, invoices' `paid_on`, the days of queue outcomes), never from timestamps, and
//! only over live records: a record in the recycle bin counts nowhere. Shares are kept as
//! exact [`Ratio`]s; floats appear only in [`Ratio::as_f64`], for drawing.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::channels::{channel_key, tally};
use crate::export::CsvPreset;
use crate::freshness::{confirmed_as_of, Freshness, FreshnessPolicy};
use crate::model::{Contact, Status};
use crate::money::Totals;
use crate::queue::outcome_of;

/// A span of calendar days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl Period {
    /// Every day the calendar has: the report of the whole base, the only period that also
    /// counts records without [`Contact::added_on`].
    pub const ALL_TIME: Period = Period {
        from: NaiveDate::MIN,
        to: NaiveDate::MAX,
    };

    /// The days of `month`.
    pub fn month(month: YearMonth) -> Period {
        Period {
            from: month.first_day(),
            to: month.last_day(),
        }
    }

    /// Whether `day` lies in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Whether this is [`Period::ALL_TIME`].
    pub fn is_all_time(&self) -> bool {
        *self == Period::ALL_TIME
    }

    /// Whether a record added on `added_on` was added in the period: its day lies in it,
    /// or, without a day, the period is all time.
    fn holds_added(&self, added_on: Option<NaiveDate>) -> bool {
        match added_on {
            Some(day) => self.contains(day),
            None => self.is_all_time(),
        }
    }
}

/// A calendar month of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// Month `month` (1–12) of `year`, if the calendar has it.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(YearMonth { year, month })
    }

    /// The month `day` lies in.
    pub fn of(day: NaiveDate) -> YearMonth {
        YearMonth {
            year: day.year(),
            month: day.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month's first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MAX)
    }

    /// The month's last day: 28 February 2025, 29 February 2024, 31 March.
    pub fn last_day(self) -> NaiveDate {
        [31, 30, 29, 28]
            .into_iter()
            .find_map(|day| NaiveDate::from_ymd_opt(self.year, self.month, day))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The month after, if the calendar has it.
    pub fn next(self) -> Option<YearMonth> {
        match self.month {
            12 => YearMonth::new(self.year.checked_add(1)?, 1),
            month => YearMonth::new(self.year, month + 1),
        }
    }

    /// Every month from `from` to `to`, both included; empty when `from` is after `to`.
    ///
    /// ```
    /// use kartoteka_core::analytics::YearMonth;
    ///
    /// let months = YearMonth::range(YearMonth::new(2025, 11).unwrap(), YearMonth::new(2026, 2).unwrap());
    /// let shown: Vec<String> = months.iter().map(|m| m.to_string()).collect();
    /// assert_eq!(shown, ["2025-11", "2025-12", "2026-01", "2026-02"]);
    /// ```
    pub fn range(from: YearMonth, to: YearMonth) -> Vec<YearMonth> {
        let mut months = Vec::new();
        let mut month = Some(from);
        while let Some(current) = month.filter(|m| *m <= to) {
            months.push(current);
            month = current.next();
        }
        months
    }
}

impl fmt::Display for YearMonth {
    /// `2026-03`, the ISO form, which sorts as text; the UI shows months its own way.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// An exact share: `numerator` of `denominator`. Undefined when the denominator is 0
/// (a share of nothing), which the table shows as a dash rather than as 0 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ratio {
    /// How many of them.
    pub numerator: u64,
    /// Out of how many.
    pub denominator: u64,
}

impl Ratio {
    /// `numerator` of `denominator`.
    pub fn new(numerator: u64, denominator: u64) -> Ratio {
        Ratio {
            numerator,
            denominator,
        }
    }

    /// Whether the share is defined (the denominator is not 0).
    pub fn is_defined(self) -> bool {
        self.denominator != 0
    }

    /// The share in tenths of a percent, rounded half up; `None` when undefined.
    ///
    /// ```
    /// use kartoteka_core::analytics::Ratio;
    ///
    /// assert_eq!(Ratio::new(1, 3).per_mille(), Some(333));
    /// assert_eq!(Ratio::new(2, 3).per_mille(), Some(667));
    /// assert_eq!(Ratio::new(1, 8).per_mille(), Some(125));
    /// assert_eq!(Ratio::new(0, 0).per_mille(), None);
    /// ```
    pub fn per_mille(self) -> Option<u64> {
        self.rounded(1000)
    }

    /// The share in whole percent, rounded half up; `None` when undefined.
    ///
    /// ```
    /// use kartoteka_core::analytics::Ratio;
    ///
    /// assert_eq!(Ratio::new(1, 8).percent(), Some(13));
    /// assert_eq!(Ratio::new(1, 3).percent(), Some(33));
    /// ```
    pub fn percent(self) -> Option<u64> {
        self.rounded(100)
    }

    /// The share as a fraction of 1, for drawing; `None` when undefined.
    pub fn as_f64(self) -> Option<f64> {
        // The precision lost beyond 2^53 does not show in a chart.
        self.is_defined()
            .then(|| self.numerator as f64 / self.denominator as f64)
    }

    /// Compares the values of two shares (1/2 equals 2/4); an undefined share is below
    /// every defined one and equal to another undefined one.
    pub fn cmp_value(&self, other: &Ratio) -> Ordering {
        match (self.is_defined(), other.is_defined()) {
            (true, true) => {
                let left = u128::from(self.numerator) * u128::from(other.denominator);
                let right = u128::from(other.numerator) * u128::from(self.denominator);
                left.cmp(&right)
            }
            (a, b) => a.cmp(&b),
        }
    }

    /// `numerator / denominator * scale`, rounded half up, in 128 bits so no share
    /// overflows.
    fn rounded(self, scale: u128) -> Option<u64> {
        if !self.is_defined() {
            return None;
        }
        let denominator = u128::from(self.denominator);
        let scaled = u128::from(self.numerator) * scale * 2 + denominator;
        u64::try_from(scaled / (denominator * 2)).ok()
    }
}

/// One channel's line of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelRow {
    /// The channel, by its most common spelling among the live records (see
    /// [`crate::channels::channels`]); `""` for records without a source, which the UI
    /// shows as "без источника".
    pub channel: String,
    /// Records of the channel added in the period (by [`Contact::added_on`]).
    pub added: usize,
    /// Of those, the records that ever became clients (see [`ever_client`]).
    pub became_clients: usize,
    /// `became_clients` of `added`.
    pub conversion: Ratio,
    /// The median number of days from `added_on` to [`crate::became_client_on`] among the
    /// added records that became clients, where both days are known; a record created
    /// already a client (its first client entry has no status before it), and one that
    /// became a client before it was added, tell nothing of how long the channel takes and
    /// are left out. Of an even number of days, the mean of the middle two, rounded down.
    pub median_days_to_client: Option<u32>,
    /// Invoices paid in the period (by their `paid_on`) by any live record of the channel,
    /// whenever it was added, per currency: the money the channel brought in the period.
    pub revenue: Totals,
    /// Whether a sum of `revenue` overflowed and is therefore incomplete; a real base
    /// never gets there, a crafted import could.
    pub revenue_overflow: bool,
    /// Live records of the channel now, whenever added.
    pub live: usize,
    /// Of those, the records stale on the day of the report.
    pub stale: usize,
    /// `stale` of `live`.
    pub stale_share: Ratio,
    /// Queue outcomes logged in the period for the live records of the channel that said
    /// something about the data: every outcome but "no answer", which does not, and which
    /// would count a number rung five times five times.
    pub outcomes: usize,
    /// Of those, the outcomes that found the data wrong: a wrong number, or a contact no
    /// longer relevant.
    pub found_wrong: usize,
    /// `found_wrong` of `outcomes`: how soon the channel's data goes bad.
    pub found_wrong_share: Ratio,
    /// The median age of the data when it was found wrong, in days: from the record's last
    /// confirmation before the day of the outcome (see [`confirmed_as_of`]), or its
    /// `added_on` if it was not confirmed by then, to that day. Outcomes of records with
    /// neither are left out; an even count is taken as for `median_days_to_client`.
    pub median_age_days_when_found: Option<u32>,
}

/// Whether `contact` ever became a client: it is one, or its status history has a change
/// to [`Status::Client`] (a former client, or one who then asked not to be contacted).
pub fn ever_client(contact: &Contact) -> bool {
    contact.status == Status::Client
        || contact
            .status_history
            .iter()
            .any(|change| change.to == Status::Client)
}

/// The report of every channel of the live records over `period`, as the state of the
/// data stands on `today` (which decides `stale`); the channels with most records added
/// first, then by the channel's key.
///
/// Every channel with a live record has a row, those with nothing added in the period
/// included, so that the table keeps its lines from period to period. Records without
/// `added_on` are counted as added only in [`Period::ALL_TIME`]: no other period can say
/// whether they belong to it. See [`ChannelRow`] for what each figure counts.
pub fn channel_report<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    policy: &FreshnessPolicy,
    period: Period,
    today: NaiveDate,
) -> Vec<ChannelRow> {
    let live: Vec<&Contact> = contacts
        .into_iter()
        .filter(|c| c.deleted_at.is_none())
        .collect();
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    for contact in &live {
        let tally = tallies.entry(channel_key(&contact.source)).or_default();
        tally.add(contact, policy, period, today);
    }
    let mut rows: Vec<ChannelRow> = tally(live.iter().map(|c| c.source.as_str()))
        .into_iter()
        .map(|group| {
            let tally = tallies.remove(&group.key).unwrap_or_default();
            tally.into_row(group.name)
        })
        .collect();
    sort_rows(&mut rows, ChannelColumn::Added, true);
    rows
}

/// What [`channel_report`] gathers of one channel before it becomes a row.
#[derive(Default)]
struct Tally {
    row: ChannelRow,
    days_to_client: Vec<u32>,
    ages_when_found: Vec<u32>,
}

impl Tally {
    fn add(
        &mut self,
        contact: &Contact,
        policy: &FreshnessPolicy,
        period: Period,
        today: NaiveDate,
    ) {
        let row = &mut self.row;
        row.live += 1;
        if policy.of(contact, today) == Freshness::Stale {
            row.stale += 1;
        }
        if period.holds_added(contact.added_on) {
            row.added += 1;
            if ever_client(contact) {
                row.became_clients += 1;
                self.days_to_client.extend(days_to_client(contact));
            }
        }
        for invoice in &contact.invoices {
            if invoice.paid_on.is_some_and(|paid| period.contains(paid))
                && row.revenue.add(&invoice.amount).is_err()
            {
                row.revenue_overflow = true;
            }
        }
        for activity in &contact.activities {
            let (Some(kind), Some(day)) = (outcome_of(activity), activity.on) else {
                continue;
            };
            if !kind.is_verdict() || !period.contains(day) {
                continue;
            }
            row.outcomes += 1;
            if kind.found_wrong() {
                row.found_wrong += 1;
                self.ages_when_found.extend(data_age(contact, day));
            }
        }
    }

    fn into_row(self, channel: String) -> ChannelRow {
        let mut row = self.row;
        row.channel = channel;
        row.conversion = Ratio::new(row.became_clients as u64, row.added as u64);
        row.stale_share = Ratio::new(row.stale as u64, row.live as u64);
        row.found_wrong_share = Ratio::new(row.found_wrong as u64, row.outcomes as u64);
        row.median_days_to_client = median(self.days_to_client);
        row.median_age_days_when_found = median(self.ages_when_found);
        row
    }
}

/// Days from `added_on` to the first change to client, when the record became one after
/// it was added rather than being created one (see [`ChannelRow::median_days_to_client`]).
fn days_to_client(contact: &Contact) -> Option<u32> {
    let added = contact.added_on?;
    // The same change as `became_client_on` reads: the first one to client.
    let first = contact
        .status_history
        .iter()
        .find(|change| change.to == Status::Client)?;
    // No status before it: the record was created a client and did not convert here.
    first.from?;
    u32::try_from((first.on? - added).num_days()).ok()
}

/// How old the record's data was when an outcome on `day` found it wrong (see
/// [`ChannelRow::median_age_days_when_found`]). Confirmations of that very day are not
/// "before" it: they are the fix made after the call.
fn data_age(contact: &Contact, day: NaiveDate) -> Option<u32> {
    let since = day
        .pred_opt()
        .and_then(|before| confirmed_as_of(contact, before))
        .or(contact.added_on.filter(|added| *added <= day))?;
    u32::try_from((day - since).num_days()).ok()
}

/// The median of `values`: the middle one, or of an even count the mean of the middle two
/// rounded down; `None` of none.
fn median(mut values: Vec<u32>) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        return Some(values[middle]);
    }
    let sum = u64::from(values[middle - 1]) + u64::from(values[middle]);
    u32::try_from(sum / 2).ok()
}

/// A column of the channel table, to sort by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ChannelColumn {
    /// [`ChannelRow::channel`], by its [`channel_key`].
    Channel,
    /// [`ChannelRow::added`].
    Added,
    /// [`ChannelRow::became_clients`].
    BecameClients,
    /// [`ChannelRow::conversion`].
    Conversion,
    /// [`ChannelRow::median_days_to_client`].
    MedianDaysToClient,
    /// [`ChannelRow::revenue`] in one currency (its ISO code); no revenue in it counts as
    /// 0, an overflowed sum as unknown.
    Revenue(String),
    /// [`ChannelRow::live`].
    Live,
    /// [`ChannelRow::stale`].
    Stale,
    /// [`ChannelRow::stale_share`].
    StaleShare,
    /// [`ChannelRow::outcomes`].
    Outcomes,
    /// [`ChannelRow::found_wrong`].
    FoundWrong,
    /// [`ChannelRow::found_wrong_share`].
    FoundWrongShare,
    /// [`ChannelRow::median_age_days_when_found`].
    MedianAgeWhenFound,
}

/// Sorts the table by `by`, descending or ascending.
///
/// Unknown values (an undefined share, a median of nothing, an overflowed sum) go last in
/// both directions, since a dash at the top of a "best first" table helps nobody. Rows
/// equal in the column keep the order of their channels' keys, ascending either way.
///
/// ```
/// use kartoteka_core::analytics::{sort_rows, ChannelColumn, ChannelRow, Ratio};
///
/// let row = |channel: &str, conversion| ChannelRow {
///     channel: channel.into(),
///     conversion,
///     ..ChannelRow::default()
/// };
/// let mut rows = [row("Сайт", Ratio::new(1, 4)), row("Выставка", Ratio::new(0, 0)), row("Звонок", Ratio::new(1, 2))];
/// sort_rows(&mut rows, ChannelColumn::Conversion, true);
/// let order: Vec<&str> = rows.iter().map(|r| r.channel.as_str()).collect();
/// assert_eq!(order, ["Звонок", "Сайт", "Выставка"]);
/// ```
pub fn sort_rows(rows: &mut [ChannelRow], by: ChannelColumn, descending: bool) {
    let count = |n: usize| Some(n as u64);
    let ratio = |r: Ratio| r.is_defined().then_some(r);
    // Put in the order of their keys first, which the stable sort keeps for equal rows.
    rows.sort_by_cached_key(|row| channel_key(&row.channel));
    rows.sort_by(|a, b| match &by {
        ChannelColumn::Channel => {
            let (a, b) = (channel_key(&a.channel), channel_key(&b.channel));
            defined_first(Some(a), Some(b), Ord::cmp, descending)
        }
        ChannelColumn::Added => defined_first(count(a.added), count(b.added), Ord::cmp, descending),
        ChannelColumn::BecameClients => defined_first(
            count(a.became_clients),
            count(b.became_clients),
            Ord::cmp,
            descending,
        ),
        ChannelColumn::Conversion => defined_first(
            ratio(a.conversion),
            ratio(b.conversion),
            Ratio::cmp_value,
            descending,
        ),
        ChannelColumn::MedianDaysToClient => defined_first(
            a.median_days_to_client,
            b.median_days_to_client,
            Ord::cmp,
            descending,
        ),
        ChannelColumn::Revenue(currency) => {
            let sum = |row: &ChannelRow| {
                (!row.revenue_overflow).then(|| row.revenue.get(currency).unwrap_or(0))
            };
            defined_first(sum(a), sum(b), Ord::cmp, descending)
        }
        ChannelColumn::Live => defined_first(count(a.live), count(b.live), Ord::cmp, descending),
        ChannelColumn::Stale => defined_first(count(a.stale), count(b.stale), Ord::cmp, descending),
        ChannelColumn::StaleShare => defined_first(
            ratio(a.stale_share),
            ratio(b.stale_share),
            Ratio::cmp_value,
            descending,
        ),
        ChannelColumn::Outcomes => {
            defined_first(count(a.outcomes), count(b.outcomes), Ord::cmp, descending)
        }
        ChannelColumn::FoundWrong => defined_first(
            count(a.found_wrong),
            count(b.found_wrong),
            Ord::cmp,
            descending,
        ),
        ChannelColumn::FoundWrongShare => defined_first(
            ratio(a.found_wrong_share),
            ratio(b.found_wrong_share),
            Ratio::cmp_value,
            descending,
        ),
        ChannelColumn::MedianAgeWhenFound => defined_first(
            a.median_age_days_when_found,
            b.median_age_days_when_found,
            Ord::cmp,
            descending,
        ),
    });
}

/// Compares two values that may be unknown: known ones by `cmp` (reversed when
/// `descending`), unknown ones after all known ones.
fn defined_first<T>(
    a: Option<T>,
    b: Option<T>,
    cmp: impl Fn(&T, &T) -> Ordering,
    descending: bool,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => cmp(&b, &a),
        (Some(a), Some(b)) => cmp(&a, &b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Records added each month of `period`, by channel: the series of the growth chart.
///
/// Each month lists the same channels in the same order (the most records added in the
/// whole period first, then by key), zeros included, so that the chart's series line up;
/// channels with nothing added in the period are left out. Channels are named as in
/// [`channel_report`]. The months run from the period's first to its last; for
/// [`Period::ALL_TIME`] from the first to the last month in which a live record was added.
/// Records without `added_on` have no month and are left out.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::analytics::{growth_by_month, Period};
/// use kartoteka_core::Contact;
///
/// let added = |source: &str, m, d| Contact {
///     source: source.into(),
///     added_on: NaiveDate::from_ymd_opt(2026, m, d),
///     ..Contact::default()
/// };
/// let base = [added("Сайт", 1, 5), added("Сайт", 3, 1), added("Выставка", 3, 2)];
/// let growth = growth_by_month(&base, Period::ALL_TIME);
/// assert_eq!(growth.len(), 3); // January, February, March
/// assert_eq!(growth[1].1, [("Сайт".to_owned(), 0), ("Выставка".to_owned(), 0)]);
/// assert_eq!(growth[2].1, [("Сайт".to_owned(), 1), ("Выставка".to_owned(), 1)]);
/// ```
pub fn growth_by_month<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    period: Period,
) -> Vec<(YearMonth, Vec<(String, usize)>)> {
    let live: Vec<&Contact> = contacts
        .into_iter()
        .filter(|c| c.deleted_at.is_none())
        .collect();
    let names: HashMap<String, String> = tally(live.iter().map(|c| c.source.as_str()))
        .into_iter()
        .map(|group| (group.key, group.name))
        .collect();
    let added: Vec<(YearMonth, String)> = live
        .iter()
        .filter_map(|c| {
            let day = c.added_on.filter(|day| period.contains(*day))?;
            Some((YearMonth::of(day), channel_key(&c.source)))
        })
        .collect();
    let months = if period.is_all_time() {
        let first = added.iter().map(|(month, _)| *month).min();
        let last = added.iter().map(|(month, _)| *month).max();
        match (first, last) {
            (Some(first), Some(last)) => YearMonth::range(first, last),
            _ => Vec::new(),
        }
    } else {
        YearMonth::range(YearMonth::of(period.from), YearMonth::of(period.to))
    };
    let mut totals: HashMap<&str, usize> = HashMap::new();
    for (_, key) in &added {
        *totals.entry(key.as_str()).or_default() += 1;
    }
    let mut order: Vec<(&str, usize)> = totals.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let column: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(at, (key, _))| (*key, at))
        .collect();
    let row_of: HashMap<YearMonth, usize> =
        months.iter().enumerate().map(|(at, m)| (*m, at)).collect();
    let mut counts = vec![vec![0usize; order.len()]; months.len()];
    for (month, key) in &added {
        counts[row_of[month]][column[key.as_str()]] += 1;
    }
    months
        .into_iter()
        .zip(counts)
        .map(|(month, counts)| {
            let series = order
                .iter()
                .zip(counts)
                .map(|((key, _), count)| (names[*key].clone(), count))
                .collect();
            (month, series)
        })
        .collect()
}

/// How many live records were fresh, due, stale and never confirmed (in the order of
/// [`Freshness::ALL`]) at the end of each of `months`: the series of the freshness chart.
///
/// The state is taken on the month's last day, or on `today` for the current month;
/// months that start after `today` are left out, as their end has not come. A record
/// counts from the day it was added (always, without `added_on`), with the confirmation
/// it had then by [`confirmed_as_of`]: its history where kept, else its `confirmed_on` if
/// that is not later. Two approximations follow: a confirmation overwritten without a
/// history entry is lost for the months before the newer one (the record reads as never
/// confirmed there), and the threshold is the one the record's current status and tags
/// give, not the one it had then. Records in the recycle bin today are left out of every
/// month, as the bin keeps no calendar day of their deletion.
pub fn freshness_mix_by_month<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    policy: &FreshnessPolicy,
    months: &[YearMonth],
    today: NaiveDate,
) -> Vec<(YearMonth, [usize; 4])> {
    // The threshold depends only on the record, so it is found once, not once a month.
    let live: Vec<(&Contact, _)> = contacts
        .into_iter()
        .filter(|c| c.deleted_at.is_none())
        .map(|c| (c, policy.threshold_for(c)))
        .collect();
    months
        .iter()
        .filter(|month| month.first_day() <= today)
        .map(|&month| {
            let day = month.last_day().min(today);
            let mut mix = [0usize; 4];
            for &(contact, threshold) in &live {
                if contact.added_on.is_some_and(|added| added > day) {
                    continue;
                }
                let state = policy.state_with(threshold, confirmed_as_of(contact, day), day);
                mix[state_index(state)] += 1;
            }
            (month, mix)
        })
        .collect()
}

/// The position of `state` in [`Freshness::ALL`].
fn state_index(state: Freshness) -> usize {
    match state {
        Freshness::Fresh => 0,
        Freshness::Due => 1,
        Freshness::Stale => 2,
        Freshness::Never => 3,
    }
}

/// The channel table as a CSV file in `preset`'s dialect, with Russian headers, in the
/// order of `rows`.
///
/// Records without a source are named "(без источника)". Shares are percentages with one
/// decimal, amounts have two, both without group separators so that spreadsheets read
/// them as numbers: with a decimal comma for Excel (Russian settings), a point in
/// [`CsvPreset::Plain`]. Revenue has one column per currency, "Выручка, RUB" always and
/// the others in which anything was paid; an overflowed sum is left empty, as are unknown
/// shares and medians. Cells are guarded against formulas as in [`crate::export_csv`].
///
/// ```
/// use kartoteka_core::analytics::{report_csv, ChannelRow, Ratio};
/// use kartoteka_core::CsvPreset;
///
/// let row = ChannelRow { channel: "Сайт".into(), added: 8, became_clients: 1, conversion: Ratio::new(1, 8), ..ChannelRow::default() };
/// let text = String::from_utf8(report_csv(&[row], CsvPreset::Plain)).unwrap();
/// assert!(text.starts_with("Источник,Добавлено,Стали клиентами,\"Конверсия, %\","));
/// assert!(text.contains("\nСайт,8,1,12.5,,0.00,"));
/// ```
pub fn report_csv(rows: &[ChannelRow], preset: CsvPreset) -> Vec<u8> {
    let decimal = match preset {
        CsvPreset::Excel => ',',
        CsvPreset::Plain => '.',
    };
    let mut currencies: Vec<String> = vec!["RUB".to_owned()];
    for row in rows {
        for money in row.revenue.iter() {
            if !currencies.contains(&money.currency) {
                currencies.push(money.currency);
            }
        }
    }
    currencies[1..].sort();
    let mut headers: Vec<String> = [
        "Источник",
        "Добавлено",
        "Стали клиентами",
        "Конверсия, %",
        "Медиана дней до клиента",
    ]
    .map(str::to_owned)
    .to_vec();
    headers.extend(currencies.iter().map(|code| format!("Выручка, {code}")));
    headers.extend(
        [
            "Записей сейчас",
            "Устаревших",
            "Доля устаревших, %",
            "Дозвонов",
            "Неверный номер или неактуален",
            "Доля неверных, %",
            "Медиана возраста данных на момент ошибки (дней)",
        ]
        .map(str::to_owned),
    );
    let share = |ratio: Ratio| {
        ratio
            .per_mille()
            .map(|tenths| format!("{}{decimal}{}", tenths / 10, tenths % 10))
            .unwrap_or_default()
    };
    let days = |days: Option<u32>| days.map(|d| d.to_string()).unwrap_or_default();
    let money = |row: &ChannelRow, currency: &str| {
        if row.revenue_overflow {
            return String::new();
        }
        let minor = row.revenue.get(currency).unwrap_or(0);
        let sign = if minor < 0 { "-" } else { "" };
        let magnitude = minor.unsigned_abs();
        format!("{sign}{}{decimal}{:02}", magnitude / 100, magnitude % 100)
    };
    let body = rows.iter().map(|row| {
        let channel = if row.channel.is_empty() {
            "(без источника)".to_owned()
        } else {
            row.channel.clone()
        };
        let mut cells = vec![
            channel,
            row.added.to_string(),
            row.became_clients.to_string(),
            share(row.conversion),
            days(row.median_days_to_client),
        ];
        cells.extend(currencies.iter().map(|code| money(row, code)));
        cells.extend([
            row.live.to_string(),
            row.stale.to_string(),
            share(row.stale_share),
            row.outcomes.to_string(),
            row.found_wrong.to_string(),
            share(row.found_wrong_share),
            days(row.median_age_days_when_found),
        ]);
        cells
    });
    crate::export::write_csv(preset, std::iter::once(headers).chain(body))
}
