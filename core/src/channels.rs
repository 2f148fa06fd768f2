//! The channels contacts arrive through: the distinct values of [`Contact::source`].
//!
//! A source is free text, so one channel is soon spelt several ways ("Яндекс.Директ",
//! "яндекс директ", "Яндекс Директ "). [`channel_key`] is the form in which spellings are
//! compared; [`channels`] lists the channels of the base under their most common spelling,
//! and [`rename_channel`] and [`merge_channels`] turn several spellings, or several
//! channels, into one.

use std::collections::HashMap;

use crate::model::Contact;

/// A source as channels are compared: lower case, `ё` as `е`, every run of punctuation,
/// symbols and spaces as one space, none at the ends.
///
/// "Яндекс.Директ", "яндекс директ" and " ЯНДЕКС — ДИРЕКТ " are all `яндекс директ`;
/// "ЯндексДирект", written together, is a channel of its own. Combining accents, which
/// text pasted from some programs carries as separate characters, are dropped, except the
/// breve of `й`, which is folded into the letter. A source without letters or digits gives
/// the empty key, the key of records without a source.
///
/// ```
/// use kartoteka_core::channels::channel_key;
///
/// assert_eq!(channel_key("Яндекс.Директ"), "яндекс директ");
/// assert_eq!(channel_key("яндекс  директ"), channel_key("Яндекс.Директ"));
/// assert_eq!(channel_key("Ёлка-2025!"), "елка 2025");
/// assert_eq!(channel_key(" — "), "");
/// ```
pub fn channel_key(source: &str) -> String {
    let mut key = String::with_capacity(source.len());
    let mut gap = false;
    for c in source.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            // A combining mark belongs to the letter before it: only и + breve changes
            // the letter (й); the rest are accents that do not tell channels apart.
            if c == '\u{306}' && key.ends_with('и') {
                key.pop();
                key.push('й');
            }
            continue;
        }
        if !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        if gap && !key.is_empty() {
            key.push(' ');
        }
        gap = false;
        for lower in c.to_lowercase() {
            key.push(if lower == 'ё' { 'е' } else { lower });
        }
    }
    key
}

/// The channels of the live records (those not in the recycle bin), with how many records
/// each has, the largest first and channels of equal size in the order of their keys.
///
/// Each channel is named by its most common spelling (of equal ones, the first met),
/// trimmed. Records without a source form the channel `""`, listed like any other so that
/// the UI can offer "без источника" as a filter.
///
/// ```
/// use kartoteka_core::channels::channels;
/// use kartoteka_core::Contact;
///
/// let with = |source: &str| Contact { source: source.into(), ..Contact::default() };
/// let base = [with("Выставка"), with("выставка "), with("Сайт"), with("ВЫСТАВКА"), with("")];
/// assert_eq!(
///     channels(&base),
///     [("Выставка".to_owned(), 3), ("".to_owned(), 1), ("Сайт".to_owned(), 1)]
/// );
/// ```
pub fn channels<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Vec<(String, usize)> {
    tally(
        contacts
            .into_iter()
            .filter(|c| c.deleted_at.is_none())
            .map(|c| c.source.as_str()),
    )
    .into_iter()
    .map(|group| (group.name, group.count))
    .collect()
}

/// Gives every record whose source is the channel `from` (by [`channel_key`]) the source
/// `to`, trimmed, and returns the ids of the records changed, in their order; the caller
/// stores them.
///
/// Records in the recycle bin are renamed too, so that restoring one does not bring the
/// old name back. Renaming to another spelling of the same channel unifies its spellings;
/// renaming to an existing channel merges the two. Renaming to `""` takes the source off.
///
/// ```
/// use kartoteka_core::channels::rename_channel;
/// use kartoteka_core::Contact;
///
/// let with = |id: &str, source: &str| {
///     Contact { id: id.into(), source: source.into(), ..Contact::default() }
/// };
/// let mut base = [with("1", "яндекс директ"), with("2", "Яндекс.Директ"), with("3", "Сайт")];
/// assert_eq!(rename_channel(&mut base, "Яндекс.Директ", "Яндекс.Директ"), ["1"]);
/// assert_eq!(base[0].source, "Яндекс.Директ");
/// ```
pub fn rename_channel(contacts: &mut [Contact], from: &str, to: &str) -> Vec<String> {
    merge_channels(contacts, &[from], to)
}

/// Like [`rename_channel`] for several channels at once: every record of any of `from`
/// gets the source `to`. Returns the ids of the records changed, each once.
///
/// ```
/// use kartoteka_core::channels::{channels, merge_channels};
/// use kartoteka_core::Contact;
///
/// let with = |id: &str, source: &str| {
///     Contact { id: id.into(), source: source.into(), ..Contact::default() }
/// };
/// let mut base = [with("1", "Директ"), with("2", "Яндекс"), with("3", "Сайт")];
/// assert_eq!(merge_channels(&mut base, &["директ", "яндекс"], "Яндекс.Директ"), ["1", "2"]);
/// assert_eq!(channels(&base)[0], ("Яндекс.Директ".to_owned(), 2));
/// ```
pub fn merge_channels(contacts: &mut [Contact], from: &[&str], to: &str) -> Vec<String> {
    let to = to.trim();
    let keys: Vec<String> = from.iter().map(|source| channel_key(source)).collect();
    let mut changed = Vec::new();
    for contact in contacts.iter_mut() {
        if contact.source != to && keys.contains(&channel_key(&contact.source)) {
            contact.source = to.to_owned();
            changed.push(contact.id.clone());
        }
    }
    changed
}

/// Values grouped by their [`channel_key`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    /// The key the values share.
    pub key: String,
    /// The most common spelling, trimmed; of equal ones, the first met.
    pub name: String,
    /// How many values there were.
    pub count: usize,
}

/// `values` grouped by their [`channel_key`], the largest group first and groups of equal
/// size in the order of their keys. Channels and cities are both listed this way.
pub(crate) fn tally<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> Vec<Group> {
    /// The spellings of one key, in the order first met, with their counts.
    type Spellings = Vec<(String, usize)>;
    let mut groups: HashMap<String, Spellings> = HashMap::new();
    for value in values {
        let value = value.as_ref().trim();
        let spellings = groups.entry(channel_key(value)).or_default();
        match spellings.iter_mut().find(|(spelling, _)| spelling == value) {
            Some((_, count)) => *count += 1,
            None => spellings.push((value.to_owned(), 1)),
        }
    }
    let mut tallied: Vec<Group> = groups
        .into_iter()
        .map(|(key, spellings)| {
            let count = spellings.iter().map(|(_, n)| n).sum();
            // Of equal counts the first met wins, so only a strictly larger one replaces it.
            let mut best = &spellings[0];
            for spelling in &spellings[1..] {
                if spelling.1 > best.1 {
                    best = spelling;
                }
            }
            Group {
                name: best.0.clone(),
                key,
                count,
            }
        })
        .collect();
    tallied.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    tallied
}

/// Gives an imported row the channel set for its whole import: rows whose file names no
/// source get `channel`, and with `replace` every row does. An empty `channel` changes
/// nothing.
///
/// ```
/// use kartoteka_core::channels::set_import_channel;
///
/// let (mut empty, mut given) = (String::new(), "Сайт".to_owned());
/// set_import_channel(&mut empty, " Купленная база, 2026-11 ", false);
/// set_import_channel(&mut given, "Купленная база, 2026-11", false);
/// assert_eq!((empty.as_str(), given.as_str()), ("Купленная база, 2026-11", "Сайт"));
/// set_import_channel(&mut given, "Купленная база, 2026-11", true);
/// assert_eq!(given, "Купленная база, 2026-11");
/// ```
pub fn set_import_channel(source: &mut String, channel: &str, replace: bool) {
    let channel = channel.trim();
    if !channel.is_empty() && (replace || source.trim().is_empty()) {
        channel.clone_into(source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(id: &str, source: &str) -> Contact {
        Contact {
            id: id.into(),
            source: source.into(),
            ..Contact::default()
        }
    }

    #[test]
    fn keys_ignore_case_spaces_yo_and_punctuation() {
        for spelling in [
            "Яндекс.Директ",
            "яндекс директ",
            "  ЯНДЕКС   ДИРЕКТ ",
            "Яндекс — Директ",
            "«Яндекс», «Директ»",
            "яндекс/директ",
        ] {
            assert_eq!(channel_key(spelling), "яндекс директ", "{spelling:?}");
        }
        assert_eq!(channel_key("Ёлка"), channel_key("елка"));
        assert_eq!(channel_key("2ГИС"), "2гис");
        assert_eq!(channel_key("Google Ads"), "google ads");
        assert_ne!(channel_key("ЯндексДирект"), channel_key("Яндекс Директ"));
        assert_eq!(channel_key(""), "");
        assert_eq!(channel_key("—"), "");
    }

    #[test]
    fn combining_marks_fold_into_the_letter() {
        // "Йошкар" with й written as и + combining breve, and "ё" as е + diaeresis.
        assert_eq!(channel_key("\u{418}\u{306}ошкар"), "йошкар");
        assert_eq!(channel_key("е\u{308}лка"), "елка");
        assert_eq!(channel_key("cafe\u{301}"), "cafe");
    }

    #[test]
    fn channels_count_live_records_under_the_most_common_spelling() {
        let mut binned = with("5", "Сайт");
        binned.deleted_at = Some(1);
        let base = [
            with("1", "яндекс директ"),
            with("2", "Яндекс.Директ"),
            with("3", "Яндекс.Директ"),
            with("4", "Сайт"),
            binned,
            with("6", ""),
            with("7", " "),
        ];
        assert_eq!(
            channels(&base),
            [
                // 3 = records 1, 2 and 3; "Яндекс.Директ" is spelt so twice, the other once.
                ("Яндекс.Директ".to_owned(), 3),
                // 2 = records 6 and 7, both without a source once trimmed.
                ("".to_owned(), 2),
                // 1 = record 4; record 5 is in the bin.
                ("Сайт".to_owned(), 1),
            ]
        );
        assert!(channels(&[]).is_empty());
    }

    #[test]
    fn equal_counts_keep_the_first_spelling_met() {
        let base = [with("1", "сайт"), with("2", "Сайт")];
        assert_eq!(channels(&base), [("сайт".to_owned(), 2)]);
    }

    #[test]
    fn rename_touches_every_spelling_and_the_bin() {
        let mut binned = with("3", "ЯНДЕКС ДИРЕКТ");
        binned.deleted_at = Some(1);
        let mut base = [
            with("1", "яндекс директ"),
            with("2", "Яндекс.Директ"),
            binned,
            with("4", "Сайт"),
        ];
        let changed = rename_channel(&mut base, "Яндекс Директ", " Директ ");
        assert_eq!(changed, ["1", "2", "3"]);
        assert!(base[..3].iter().all(|c| c.source == "Директ"));
        assert_eq!(base[3].source, "Сайт");
        // Nothing left to change the second time.
        assert!(rename_channel(&mut base, "директ", "Директ").is_empty());
    }

    #[test]
    fn merge_turns_several_channels_into_one() {
        let mut base = [
            with("1", "Выставка 2024"),
            with("2", "выставка-2025"),
            with("3", "Выставка"),
            with("4", "Сайт"),
        ];
        let changed = merge_channels(
            &mut base,
            &["выставка 2024", "Выставка 2025", "выставка"],
            "Выставка",
        );
        // Record 3 already has the target spelling and is not changed.
        assert_eq!(changed, ["1", "2"]);
        assert_eq!(
            channels(&base),
            [("Выставка".to_owned(), 3), ("Сайт".to_owned(), 1)]
        );
    }

    #[test]
    fn renaming_to_nothing_takes_the_source_off() {
        let mut base = [with("1", "Спам"), with("2", "Сайт")];
        assert_eq!(rename_channel(&mut base, "спам", ""), ["1"]);
        assert_eq!(base[0].source, "");
    }
}
