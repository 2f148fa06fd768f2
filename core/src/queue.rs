//! The re-confirmation queue: whom to call today to keep the base true.
//!
//! The queue takes the records whose confirmation has expired or is about to, the ones
//! that matter most first (see [`QueueGroup`]), and [`record_outcome`] files what the call
//! gave: the record confirmed, no answer (try again in a few days), a wrong number, or a
//! contact no longer relevant. Each outcome is logged as a call in the record's timeline
//! with a stable key in [`Activity::outcome`], so that the timeline, [`progress`] and the
//! channel reports in [`crate::analytics`](mod@crate::analytics) all read the same facts.
//!
//! The keys all start with [`OUTCOME_PREFIX`] (`queue:`); the UI translates an outcome that
//! starts with it instead of showing it as typed text.

use std::fmt;

use chrono::{Days, NaiveDate};

use crate::channels::{channel_key, tally};
use crate::freshness::{confirm, Freshness, FreshnessPolicy};
use crate::model::{
    Activity, ActivityKind, ConfirmedHow, ConfirmedWhat, Contact, KindKey, Phone, Status,
    StatusChange,
};
use crate::phone::normalize_phone;

/// How every outcome key in [`Activity::outcome`] starts.
pub const OUTCOME_PREFIX: &str = "queue:";

/// What a call from the queue gave, as [`record_outcome`] files it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The contact confirmed the record as it is.
    ConfirmedUnchanged,
    /// The contact confirmed the record after corrections, which the caller has saved.
    ConfirmedWithChanges,
    /// Nobody answered: the record leaves the queue for `retry_in_days` days.
    NoAnswer {
        /// Days until the record returns to the queue; 0 brings it back tomorrow, as a
        /// record dealt with today is not offered again the same day.
        retry_in_days: u32,
    },
    /// The number does not belong to the contact.
    WrongNumber {
        /// The number called, as the record has it.
        phone: String,
    },
    /// The contact is no longer relevant; the record gets `status`.
    NotRelevant {
        /// [`Status::Former`] or [`Status::DoNotContact`], the two statuses the queue
        /// leaves out; any other is applied as given.
        status: Status,
    },
}

impl Outcome {
    /// Which kind of outcome this is.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::ConfirmedUnchanged => OutcomeKind::ConfirmedUnchanged,
            Outcome::ConfirmedWithChanges => OutcomeKind::ConfirmedWithChanges,
            Outcome::NoAnswer { .. } => OutcomeKind::NoAnswer,
            Outcome::WrongNumber { .. } => OutcomeKind::WrongNumber,
            Outcome::NotRelevant { .. } => OutcomeKind::NotRelevant,
        }
    }
}

/// The kind of an [`Outcome`], without its details; its [`key`](KindKey::key) is what
/// [`Activity::outcome`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// `queue:confirmed`.
    ConfirmedUnchanged,
    /// `queue:confirmed_with_changes`.
    ConfirmedWithChanges,
    /// `queue:no_answer`.
    NoAnswer,
    /// `queue:wrong_number`.
    WrongNumber,
    /// `queue:not_relevant`.
    NotRelevant,
}

impl OutcomeKind {
    /// Whether the outcome found the record's data wrong: a wrong number, or a contact no
    /// longer relevant.
    pub fn found_wrong(self) -> bool {
        matches!(self, OutcomeKind::WrongNumber | OutcomeKind::NotRelevant)
    }

    /// Whether the outcome says anything about the data at all; an unanswered call does
    /// not.
    pub fn is_verdict(self) -> bool {
        self != OutcomeKind::NoAnswer
    }
}

impl KindKey for OutcomeKind {
    const ALL: &'static [Self] = &[
        OutcomeKind::ConfirmedUnchanged,
        OutcomeKind::ConfirmedWithChanges,
        OutcomeKind::NoAnswer,
        OutcomeKind::WrongNumber,
        OutcomeKind::NotRelevant,
    ];

    fn key(self) -> &'static str {
        match self {
            OutcomeKind::ConfirmedUnchanged => "queue:confirmed",
            OutcomeKind::ConfirmedWithChanges => "queue:confirmed_with_changes",
            OutcomeKind::NoAnswer => "queue:no_answer",
            OutcomeKind::WrongNumber => "queue:wrong_number",
            OutcomeKind::NotRelevant => "queue:not_relevant",
        }
    }
}

impl fmt::Display for OutcomeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The queue outcome `activity` records, if it records one.
pub fn outcome_of(activity: &Activity) -> Option<OutcomeKind> {
    if !activity.outcome.starts_with(OUTCOME_PREFIX) {
        return None;
    }
    OutcomeKind::from_key(&activity.outcome)
}

/// Files the outcome of a call from the queue made on `today`, and logs it in the
/// timeline as a call with the id `activity_id`.
///
/// - Confirmed (with or without changes): the record is confirmed today by call (see
///   [`confirm`]), which also lifts a snooze.
/// - No answer: [`Contact::snoozed_until`] becomes `today + retry_in_days`.
/// - Wrong number: the record's phone of that number is marked invalid
///   ([`Contact::invalid_phones`]); the activity's text is the number. A number the record
///   does not have is only logged.
/// - Not relevant: the record gets the status, with a [`StatusChange`] on `today` as any
///   status change has; a record that already has it gets none.
///
/// The activity is of kind [`ActivityKind::Call`], on `today`, with the outcome's key in
/// [`Activity::outcome`] and no next step: the snooze, not the agenda, brings an unanswered
/// record back.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::queue::{record_outcome, Outcome};
/// use kartoteka_core::Contact;
///
/// let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let mut contact = Contact::default();
/// record_outcome(&mut contact, &Outcome::NoAnswer { retry_in_days: 3 }, today, "a1".into());
/// assert_eq!(contact.snoozed_until, NaiveDate::from_ymd_opt(2026, 3, 5));
/// assert_eq!(contact.activities[0].outcome, "queue:no_answer");
/// ```
pub fn record_outcome(
    contact: &mut Contact,
    outcome: &Outcome,
    today: NaiveDate,
    activity_id: String,
) {
    let mut text = String::new();
    match outcome {
        Outcome::ConfirmedUnchanged | Outcome::ConfirmedWithChanges => {
            confirm(contact, ConfirmedWhat::Record, ConfirmedHow::Call, today);
        }
        Outcome::NoAnswer { retry_in_days } => {
            let back = today
                .checked_add_days(Days::new((*retry_in_days).into()))
                .unwrap_or(NaiveDate::MAX);
            contact.snoozed_until = Some(back);
        }
        Outcome::WrongNumber { phone } => {
            let key = phone_key(phone);
            let on_record = contact.phones.iter().any(|p| phone_key(&p.value) == key);
            if !key.is_empty() && on_record && !contact.invalid_phones.contains(&key) {
                contact.invalid_phones.push(key);
            }
            text.clone_from(phone);
        }
        Outcome::NotRelevant { status } => {
            if contact.status != *status {
                contact.status_history.push(StatusChange {
                    on: Some(today),
                    from: Some(contact.status),
                    to: *status,
                });
                contact.status = *status;
            }
        }
    }
    contact.activities.push(Activity {
        id: activity_id,
        kind: ActivityKind::Call,
        on: Some(today),
        text,
        outcome: outcome.kind().key().to_owned(),
        next_step_on: None,
    });
}

/// Whether `phone` of `contact` was found to be a wrong number (see
/// [`Outcome::WrongNumber`]) and not confirmed since.
pub fn is_invalid_phone(contact: &Contact, phone: &Phone) -> bool {
    !contact.invalid_phones.is_empty() && contact.invalid_phones.contains(&phone_key(&phone.value))
}

/// The key a phone is marked invalid under: its digits with the country code, or, for a
/// value without digits, the value trimmed and in lower case.
pub(crate) fn phone_key(value: &str) -> String {
    let digits = normalize_phone(value);
    if digits.is_empty() {
        value.trim().to_lowercase()
    } else {
        digits
    }
}

/// The parts of the queue, in the order they are called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QueueGroup {
    /// Stale clients: the money is there, so their data matters most.
    StaleClient,
    /// Stale potential and in-work records.
    Stale,
    /// Records never confirmed.
    Never,
    /// Records still valid, in their due window.
    Due,
}

impl QueueGroup {
    /// Every group, in queue order.
    pub const ALL: [QueueGroup; 4] = [
        QueueGroup::StaleClient,
        QueueGroup::Stale,
        QueueGroup::Never,
        QueueGroup::Due,
    ];

    /// The stable key used in translation keys.
    pub fn key(self) -> &'static str {
        match self {
            QueueGroup::StaleClient => "stale_client",
            QueueGroup::Stale => "stale",
            QueueGroup::Never => "never",
            QueueGroup::Due => "due",
        }
    }
}

/// The part of the queue `contact` is in on `today`, or `None` if it is not in the queue.
///
/// Not in the queue: records in the recycle bin, former clients and those who asked not to
/// be contacted, records snoozed past `today` ([`Contact::snoozed_until`]), records with a
/// queue outcome logged on `today` (they are done for the day, whatever the outcome), and
/// fresh records.
pub fn queue_group(
    contact: &Contact,
    policy: &FreshnessPolicy,
    today: NaiveDate,
) -> Option<QueueGroup> {
    if contact.deleted_at.is_some()
        || matches!(contact.status, Status::Former | Status::DoNotContact)
        || contact.snoozed_until.is_some_and(|back| today < back)
        || done_on(contact, today)
    {
        return None;
    }
    match policy.of(contact, today) {
        Freshness::Stale if contact.status == Status::Client => Some(QueueGroup::StaleClient),
        Freshness::Stale => Some(QueueGroup::Stale),
        Freshness::Never => Some(QueueGroup::Never),
        Freshness::Due => Some(QueueGroup::Due),
        Freshness::Fresh => None,
    }
}

/// Whether a queue outcome was logged for `contact` on `day`.
fn done_on(contact: &Contact, day: NaiveDate) -> bool {
    contact
        .activities
        .iter()
        .any(|a| a.on == Some(day) && outcome_of(a).is_some())
}

/// The records to call on `today`, in the order to call them.
///
/// First the [`QueueGroup`]s in their order; within stale and due records, the oldest
/// confirmation first; within never-confirmed ones, the earliest [`Contact::added_on`]
/// first, records without one before all others (of unknown age, they are taken to be the
/// oldest). Equal days are ordered by [`Contact::display_name`] ignoring case and `ё`, then
/// by id, so the order is the same on every device. See [`queue_group`] for who is left
/// out.
///
/// Each record's place is worked out once, then sorted, so a base of 100 000 records is
/// queued in one pass and one sort. Filter the records before passing them in (see
/// [`QueueFilter`]).
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::queue::queue;
/// use kartoteka_core::{Contact, FreshnessPolicy, Status};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
/// let lead = Contact { id: "lead".into(), confirmed_on: day(2024, 1, 1), ..Contact::default() };
/// let client = Contact { id: "client".into(), status: Status::Client, ..lead.clone() };
/// let new = Contact { id: "new".into(), confirmed_on: None, ..Contact::default() };
/// let base = [lead, new, client];
/// let today = day(2026, 1, 1).unwrap();
/// let ids: Vec<&str> = queue(&base, &FreshnessPolicy::default(), today)
///     .into_iter()
///     .map(|c| c.id.as_str())
///     .collect();
/// assert_eq!(ids, ["client", "lead", "new"]);
/// ```
pub fn queue<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    policy: &FreshnessPolicy,
    today: NaiveDate,
) -> Vec<&'a Contact> {
    let mut keyed: Vec<(QueueKey<'a>, &'a Contact)> = contacts
        .into_iter()
        .filter_map(|contact| {
            let group = queue_group(contact, policy, today)?;
            let day = match group {
                QueueGroup::Never => contact.added_on,
                _ => contact.confirmed_on,
            };
            let key = QueueKey {
                group,
                day,
                name: name_key(&contact.display_name()),
                id: &contact.id,
            };
            Some((key, contact))
        })
        .collect();
    // The id makes every key unique, so an unstable sort gives one order.
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, contact)| contact).collect()
}

/// A record's place in the queue, compared field by field.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct QueueKey<'a> {
    group: QueueGroup,
    /// `None` sorts first: a never-confirmed record without `added_on`.
    day: Option<NaiveDate>,
    name: String,
    id: &'a str,
}

/// A name as the queue orders it: lower case, `ё` as `е`.
fn name_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// How far the queue has got on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueProgress {
    /// Live records with a queue outcome logged on the day.
    pub done_today: usize,
    /// Records still in the queue (see [`queue`]).
    pub left: usize,
}

/// How far the queue has got on `today`, over `contacts` (filtered as the queue shown).
///
/// A record done today is never left: [`queue_group`] leaves it out for the rest of the
/// day. A record with several outcomes today counts once.
pub fn progress<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    policy: &FreshnessPolicy,
    today: NaiveDate,
) -> QueueProgress {
    let mut progress = QueueProgress::default();
    for contact in contacts {
        if contact.deleted_at.is_none() && done_on(contact, today) {
            progress.done_today += 1;
        } else if queue_group(contact, policy, today).is_some() {
            progress.left += 1;
        }
    }
    progress
}

/// The filters of the queue screen; a `None` filter lets every record through.
///
/// ```
/// use kartoteka_core::queue::QueueFilter;
/// use kartoteka_core::{Address, Contact};
///
/// let contact = Contact {
///     source: "Яндекс.Директ".into(),
///     addresses: vec![Address { value: "г. Москва, ул. Тверская, 1".into(), ..Address::default() }],
///     ..Contact::default()
/// };
/// let filter = QueueFilter {
///     source: Some("яндекс директ".into()),
///     city: Some("москва".into()),
///     ..QueueFilter::default()
/// };
/// assert!(filter.matches(&contact));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// The channel, compared by [`channel_key`]; `Some("")` keeps records without a source.
    pub source: Option<String>,
    /// A tag the record carries, ignoring case and surrounding spaces.
    pub tag: Option<String>,
    /// The record's status.
    pub status: Option<Status>,
    /// The city of [`city_of`], compared by [`channel_key`] (case, `ё`, hyphens and
    /// spaces do not matter); `Some("")` keeps records whose city is unknown.
    pub city: Option<String>,
    /// The responsible manager, ignoring surrounding spaces; `Some("")` keeps records
    /// without one.
    pub responsible: Option<String>,
}

impl QueueFilter {
    /// Whether `contact` passes every filter that is set.
    pub fn matches(&self, contact: &Contact) -> bool {
        let source = self
            .source
            .as_deref()
            .is_none_or(|source| channel_key(source) == channel_key(&contact.source));
        let tag = self.tag.as_deref().is_none_or(|wanted| {
            let wanted = wanted.trim().to_lowercase();
            contact
                .tags
                .iter()
                .any(|tag| tag.trim().to_lowercase() == wanted)
        });
        let status = self.status.is_none_or(|status| status == contact.status);
        let city = self.city.as_deref().is_none_or(|city| {
            channel_key(city)
                == city_of(contact)
                    .map(|c| channel_key(&c))
                    .unwrap_or_default()
        });
        let responsible = self
            .responsible
            .as_deref()
            .is_none_or(|who| who.trim() == contact.responsible.trim());
        source && tag && status && city && responsible
    }
}

/// Markers written before (or, in the style of the state address register, after) the
/// name of a city.
const CITY_MARKERS: [&str; 3] = ["г", "гор", "город"];

/// Markers of towns and villages, used when no part of the address is marked as a city.
/// "д." is left out: it is far more often a house (дом) than a village (деревня).
const SETTLEMENT_MARKERS: [&str; 12] = [
    "пгт",
    "рп",
    "п",
    "пос",
    "посёлок",
    "поселок",
    "с",
    "село",
    "дер",
    "деревня",
    "ст-ца",
    "станица",
];

/// Words of a region, district or country part of an address.
const REGION_WORDS: [&str; 16] = [
    "обл",
    "область",
    "край",
    "респ",
    "республика",
    "ао",
    "округ",
    "р-н",
    "район",
    "россия",
    "рф",
    "федерация",
    "russia",
    "federation",
    "region",
    "oblast",
];

/// Words of a street or building part of an address.
const STREET_WORDS: [&str; 33] = [
    "ул",
    "улица",
    "пр",
    "пр-т",
    "пр-кт",
    "просп",
    "проспект",
    "пер",
    "переулок",
    "ш",
    "шоссе",
    "наб",
    "набережная",
    "б-р",
    "бульвар",
    "пл",
    "площадь",
    "проезд",
    "пр-д",
    "тупик",
    "аллея",
    "мкр",
    "микрорайон",
    "д",
    "дом",
    "корп",
    "стр",
    "кв",
    "оф",
    "офис",
    "street",
    "st",
    "avenue",
];

/// The city of a record: the locality of its first address, as written there.
///
/// See [`city_in`] for how it is found and what it cannot find. Only the first address
/// counts, the one the record lists first; a record without addresses has no city.
pub fn city_of(contact: &Contact) -> Option<String> {
    city_in(&contact.addresses.first()?.value)
}

/// The locality in a one-line address, as written there (spaces collapsed).
///
/// The address is read as parts between commas (or semicolons). The part marked as a city
/// ("г. Москва", "г.Москва", "город Москва", "Москва г") wins; otherwise a part marked as a
/// town or village ("пгт Смирных", "с. Ивановка"), without its marker; otherwise the first
/// part that is not a postal code, a country, a region or district ("Московская обл.",
/// "Краснодарский край", "Одинцовский р-н"), which must not be a street or a building
/// ("ул. Ленина", "д. 5") either.
///
/// Its limits: an address that leads with the street and names no city ("ул. Ленина, 1")
/// has none; one that writes the city after the street without a marker ("ул. Ленина, 1,
/// Казань") gives none either; a village written "д. Ивановка" is taken for a house; and
/// city names are not checked against any list, so the first unmarked part is trusted.
///
/// ```
/// use kartoteka_core::queue::city_in;
///
/// assert_eq!(city_in("г. Москва, ул. Тверская, д. 1").as_deref(), Some("Москва"));
/// assert_eq!(city_in("Москва, Тверская ул., 1").as_deref(), Some("Москва"));
/// assert_eq!(city_in("123456, Россия, Санкт-Петербург, Невский пр., 1").as_deref(), Some("Санкт-Петербург"));
/// assert_eq!(city_in("Московская обл., г.Химки, ул. Мира, 5").as_deref(), Some("Химки"));
/// assert_eq!(city_in("ул. Ленина, 1"), None);
/// ```
pub fn city_in(address: &str) -> Option<String> {
    let parts: Vec<String> = address
        .split([',', ';'])
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|part| !part.is_empty())
        .collect();
    let marked = |markers: &[&str]| parts.iter().find_map(|part| unmark(part, markers));
    marked(&CITY_MARKERS)
        .or_else(|| marked(&SETTLEMENT_MARKERS))
        .or_else(|| {
            let part = parts.iter().find(|part| {
                !part
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_whitespace())
                    && !words(part)
                        .iter()
                        .any(|w| REGION_WORDS.contains(&w.as_str()))
            })?;
            let words = words(part);
            let street =
                |word: Option<&String>| word.is_some_and(|w| STREET_WORDS.contains(&w.as_str()));
            let building = part.starts_with(|c: char| c.is_ascii_digit());
            // A marker without a name ("г.") is what is left of an address cut short.
            let bare_marker = words.len() == 1
                && (CITY_MARKERS.contains(&words[0].as_str())
                    || SETTLEMENT_MARKERS.contains(&words[0].as_str()));
            let usable = !street(words.first()) && !street(words.last()) && !building;
            (usable && !bare_marker).then(|| part.clone())
        })
}

/// `part` without a leading or trailing marker from `markers` ("г. Москва", "г.Москва",
/// "Москва г."), if it has one and a name besides it.
fn unmark(part: &str, markers: &[&str]) -> Option<String> {
    let is_marker = |word: &str| markers.contains(&word.to_lowercase().as_str());
    let marker_char = |c: char| c.is_alphabetic() || c == '-';
    // Before the name: the marker, then a dot or a space ("г.Москва", "г Москва").
    let head_end = part.find(|c: char| !marker_char(c)).unwrap_or(part.len());
    let (head, rest) = part.split_at(head_end);
    if is_marker(head) && (rest.starts_with('.') || rest.starts_with(' ')) {
        let name = rest.trim_start_matches(['.', ' ']).trim();
        // "г.о. Химки" is a городской округ, a district: "о." is no city's name.
        let mut chars = name.chars();
        let abbreviation =
            chars.next().is_some_and(char::is_alphabetic) && chars.next() == Some('.');
        if is_name(name) && !abbreviation {
            return Some(name.to_owned());
        }
    }
    // After the name: a space, then the marker, maybe with a dot ("Москва г.").
    let body = part.strip_suffix('.').unwrap_or(part);
    let tail_start = body
        .char_indices()
        .rev()
        .find(|&(_, c)| !marker_char(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let (name, tail) = body.split_at(tail_start);
    if is_marker(tail) && name.ends_with(' ') && is_name(name) {
        return Some(name.trim().to_owned());
    }
    None
}

/// Whether `text` can be a place's name: it has a letter.
fn is_name(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The words of an address part, in lower case, without the dots of abbreviations.
fn words(part: &str) -> Vec<String> {
    part.split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The cities of the live records, with how many records each has, the largest first,
/// named by their most common spelling (as [`crate::channels::channels`] names channels);
/// records without a city are left out.
pub fn cities<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Vec<(String, usize)> {
    tally(
        contacts
            .into_iter()
            .filter(|c| c.deleted_at.is_none())
            .filter_map(city_of),
    )
    .into_iter()
    .map(|group| (group.name, group.count))
    .collect()
}
