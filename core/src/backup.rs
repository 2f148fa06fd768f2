//! A whole base as one JSON file, and the checks a file passes before it may replace one.
//!
//! A backup holds every record as stored, with all its parts (requisites, contracts,
//! invoices, activities, histories, confirmations) and the records in the recycle bin,
//! the base's settings and the device's preferences. It names itself with
//! [`BACKUP_FORMAT`], says which data format its records are in (the app's schema
//! version) and when it was written.
//!
//! The settings and preferences are the app's types, so this module is generic over
//! them: the domain checks the envelope and the records, and the app says what its
//! settings look like.
//!
//! Restoring replaces the base, so a file is refused as a whole when anything about it
//! is wrong, with what is wrong: not a backup at all, cut off or edited into invalid
//! JSON (with the line and column), a record that does not read (with its number), two
//! records with one id, or a data format this app does not read.
//!
//! No app that stored data format 1 could write backups, so a backup of format 1 is
//! one edited by hand; it is refused rather than migrated.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::model::{Contact, ContactKind, Timestamp};

/// The value of a backup's `format` field.
pub const BACKUP_FORMAT: &str = "kartoteka-backup";

/// A whole base, as written to and read from a backup file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup<S, P> {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// The data format of the records and settings: the app's schema version.
    pub schema: u32,
    /// When the backup was written, in milliseconds since the Unix epoch.
    pub written_at: Timestamp,
    /// The base's settings.
    pub settings: S,
    /// The preferences of the device the backup was written on.
    pub prefs: P,
    /// Every record, those in the recycle bin included.
    pub contacts: Vec<Contact>,
}

/// What is wrong with a file offered as a backup.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// Not JSON, or JSON without the backup's format marker: another kind of file.
    #[error("the file is not a Kartoteka backup")]
    NotABackup,
    /// Not valid JSON past its start: cut off or edited by hand.
    #[error("the backup is damaged at line {line}, column {column}: {message}")]
    Damaged {
        /// 1-based.
        line: usize,
        /// 1-based, in characters of the line.
        column: usize,
        /// What the JSON reader expected there.
        message: String,
    },
    /// The envelope's version, date, settings or preferences do not read.
    #[error("the backup's {part} is damaged: {message}")]
    BadPart {
        /// Which part.
        part: BackupPart,
        /// What does not read.
        message: String,
    },
    /// A record does not read.
    #[error("record {number} of the backup is damaged: {message}")]
    BadRecord {
        /// 1-based, in the order of the file.
        number: usize,
        /// What does not read.
        message: String,
    },
    /// Two records have the same id (or a record has none), which a base cannot hold.
    #[error("record {number} of the backup has the id «{id}» of an earlier one, or none")]
    DuplicateId {
        /// 1-based, in the order of the file.
        number: usize,
        /// The repeated id.
        id: String,
    },
    /// Written by a newer app, whose records this one would misread.
    #[error("the backup is of data format {found}, newer than this app's {supported}")]
    TooNew {
        /// The backup's data format.
        found: u32,
        /// The app's.
        supported: u32,
    },
    /// Of a data format older than any that wrote backups.
    #[error("the backup is of data format {found}, older than any that wrote backups")]
    TooOld {
        /// The backup's data format.
        found: u32,
        /// The app's.
        supported: u32,
    },
}

/// A part of a backup's envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupPart {
    /// The data format version.
    Schema,
    /// When it was written.
    WrittenAt,
    /// The base's settings.
    Settings,
    /// The device's preferences.
    Prefs,
}

impl std::fmt::Display for BackupPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BackupPart::Schema => "data format version",
            BackupPart::WrittenAt => "date written",
            BackupPart::Settings => "settings",
            BackupPart::Prefs => "preferences",
        })
    }
}

/// How much a base (or a backup) holds, for the screen that asks before a restore.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BaseSummary {
    /// Every record, the recycle bin's included.
    pub records: usize,
    /// People outside the recycle bin.
    pub people: usize,
    /// Companies outside the recycle bin.
    pub companies: usize,
    /// Records in the recycle bin.
    pub in_bin: usize,
    /// Timeline entries of all records.
    pub activities: usize,
    /// Contracts of all records.
    pub contracts: usize,
    /// Invoices of all records.
    pub invoices: usize,
}

impl BaseSummary {
    /// Counts `contacts`.
    pub fn of<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Self {
        let mut summary = BaseSummary::default();
        for contact in contacts {
            summary.records += 1;
            match (contact.deleted_at, contact.kind) {
                (Some(_), _) => summary.in_bin += 1,
                (None, ContactKind::Person) => summary.people += 1,
                (None, ContactKind::Company) => summary.companies += 1,
            }
            summary.activities += contact.activities.len();
            summary.contracts += contact.contracts.len();
            summary.invoices += contact.invoices.len();
        }
        summary
    }
}

impl<S: Serialize, P: Serialize> Backup<S, P> {
    /// A backup of data format `schema`, written at `written_at`.
    pub fn new(
        schema: u32,
        written_at: Timestamp,
        settings: S,
        prefs: P,
        contacts: Vec<Contact>,
    ) -> Self {
        Backup {
            format: BACKUP_FORMAT.to_owned(),
            schema,
            written_at,
            settings,
            prefs,
            contacts,
        }
    }

    /// The backup file: compact JSON, one record after another.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a backup is plain data and serialises")
    }
}

/// The envelope, read first: the marker and version decide how, or whether, the rest is
/// read. Each record stays unparsed here, so a damaged one can be named by its number.
#[derive(Deserialize)]
struct Envelope<'a> {
    format: Option<String>,
    schema: Option<serde_json::Value>,
    written_at: Option<serde_json::Value>,
    #[serde(borrow)]
    settings: Option<&'a RawValue>,
    #[serde(borrow)]
    prefs: Option<&'a RawValue>,
    #[serde(borrow, default)]
    contacts: Vec<&'a RawValue>,
}

/// Reads a backup file for an app whose data format is `schema`.
///
/// A missing settings or preferences part reads as the defaults (a backup edited down
/// to its records is still one); everything else must be there and read.
///
/// # Errors
///
/// See [`BackupError`]; the checks run in its order, so a file that is no backup is
/// never reported as a damaged one, and a newer backup never as damaged.
///
/// ```
/// use kartoteka_core::backup::{read_backup, Backup, BackupError};
/// use kartoteka_core::Contact;
///
/// let ivanov = Contact { id: "1".into(), surname: "Иванов".into(), ..Contact::default() };
/// let written = Backup::new(2, 1_700_000_000_000, (), (), vec![ivanov]).to_json();
/// let read: Backup<(), ()> = read_backup(&written, 2).unwrap();
/// assert_eq!(read.contacts[0].surname, "Иванов");
///
/// let newer = read_backup::<(), ()>(&written, 1);
/// assert_eq!(newer, Err(BackupError::TooNew { found: 2, supported: 1 }));
/// ```
pub fn read_backup<S, P>(bytes: &[u8], schema: u32) -> Result<Backup<S, P>, BackupError>
where
    S: DeserializeOwned + Default,
    P: DeserializeOwned + Default,
{
    // A BOM, as an editor may have added; then an object, or it is another kind of file.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(BackupError::NotABackup);
    };
    if !text.trim_start().starts_with('{') {
        return Err(BackupError::NotABackup);
    }
    let envelope: Envelope = match serde_json::from_str(text) {
        Ok(envelope) => envelope,
        // Well-formed JSON of another shape (a "format" that is a number, say).
        Err(e) if e.is_data() && !text.contains(BACKUP_FORMAT) => {
            return Err(BackupError::NotABackup)
        }
        Err(e) => return Err(damaged(&e)),
    };
    if envelope.format.as_deref() != Some(BACKUP_FORMAT) {
        return Err(BackupError::NotABackup);
    }

    let found = envelope
        .schema
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| BackupError::BadPart {
            part: BackupPart::Schema,
            message: match &envelope.schema {
                None => "missing".to_owned(),
                Some(value) => format!("{value} is not a version number"),
            },
        })?;
    if found > schema {
        return Err(BackupError::TooNew {
            found,
            supported: schema,
        });
    }
    if found < schema {
        return Err(BackupError::TooOld {
            found,
            supported: schema,
        });
    }
    let written_at = envelope
        .written_at
        .as_ref()
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| BackupError::BadPart {
            part: BackupPart::WrittenAt,
            message: match &envelope.written_at {
                None => "missing".to_owned(),
                Some(value) => format!("{value} is not a time"),
            },
        })?;
    let settings = part(envelope.settings, BackupPart::Settings)?;
    let prefs = part(envelope.prefs, BackupPart::Prefs)?;

    let mut ids = HashSet::with_capacity(envelope.contacts.len());
    let mut contacts = Vec::with_capacity(envelope.contacts.len());
    for (at, raw) in envelope.contacts.into_iter().enumerate() {
        let contact: Contact =
            serde_json::from_str(raw.get()).map_err(|e| BackupError::BadRecord {
                number: at + 1,
                message: without_position(&e),
            })?;
        if contact.id.is_empty() || !ids.insert(contact.id.clone()) {
            return Err(BackupError::DuplicateId {
                number: at + 1,
                id: contact.id,
            });
        }
        contacts.push(contact);
    }
    Ok(Backup {
        format: BACKUP_FORMAT.to_owned(),
        schema: found,
        written_at,
        settings,
        prefs,
        contacts,
    })
}

fn part<T: DeserializeOwned + Default>(
    raw: Option<&RawValue>,
    part: BackupPart,
) -> Result<T, BackupError> {
    match raw {
        None => Ok(T::default()),
        Some(raw) => serde_json::from_str(raw.get()).map_err(|e| BackupError::BadPart {
            part,
            message: without_position(&e),
        }),
    }
}

fn damaged(error: &serde_json::Error) -> BackupError {
    BackupError::Damaged {
        line: error.line(),
        column: error.column(),
        message: without_position(error),
    }
}

/// serde_json's message without its " at line L column C", which inside one record's
/// text would point nowhere a reader can find.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{
        Activity, Confirmation, ConfirmedWhat, Contract, FieldChange, Invoice, Requisites,
        StatusChange,
    };

    /// Stand-ins for the app's settings and preferences: what matters is that they
    /// travel whole.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Settings {
        managers: Vec<String>,
        threshold_days: u32,
    }

    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Prefs {
        me: String,
        sort: String,
    }

    type TestBackup = Backup<Settings, Prefs>;

    const SCHEMA: u32 = 2;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// A record with every kind of part a backup must carry.
    fn full_record() -> Contact {
        let json = serde_json::json!({
            "id": "p1",
            "rev": 7,
            "kind": "person",
            "surname": "Полякова",
            "name": "Нинель",
            "company": "ООО «Ромашка»",
            "company_id": "c1",
            "status": "client",
            "notes": "строка 1\nстрока 2; \"кавычки\" 🤝",
            "custom": {"f1": "2026-07-01"},
        });
        let mut contact: Contact = serde_json::from_value(json).unwrap();
        contact.requisites = Requisites {
            full_name: "Общество с ограниченной ответственностью «Ромашка»".into(),
            ogrn: "1027700132195".into(),
            account: "40702810900000012345".into(),
            ..Requisites::default()
        };
        contact.contracts = vec![Contract::default()];
        contact.invoices = vec![Invoice::default(), Invoice::default()];
        contact.activities = vec![Activity::default()];
        contact.status_history = vec![StatusChange {
            on: day(2025, 1, 31),
            from: None,
            to: contact.status,
        }];
        contact.history = vec![FieldChange::default()];
        contact.confirmations = vec![Confirmation {
            on: NaiveDate::from_ymd_opt(2025, 11, 22).unwrap(),
            what: ConfirmedWhat::Phone("+7 900 000-00-01".into()),
            how: Default::default(),
        }];
        contact.confirmed_on = day(2025, 11, 22);
        contact
    }

    fn backup() -> TestBackup {
        let company = Contact {
            id: "c1".into(),
            kind: ContactKind::Company,
            company: "ООО «Ромашка»".into(),
            ..Contact::default()
        };
        let binned = Contact {
            id: "b1".into(),
            surname: "Удалённый".into(),
            deleted_at: Some(1_770_000_000_000),
            ..Contact::default()
        };
        Backup::new(
            SCHEMA,
            1_772_323_200_123,
            Settings {
                managers: vec!["Анна".into(), "Борис".into()],
                threshold_days: 45,
            },
            Prefs {
                me: "Анна".into(),
                sort: "confirmed_on".into(),
            },
            vec![full_record(), company, binned],
        )
    }

    fn read(bytes: &[u8]) -> Result<TestBackup, BackupError> {
        read_backup(bytes, SCHEMA)
    }

    /// The written file as JSON, edited by `edit`, as bytes again.
    fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
        let mut json: serde_json::Value = serde_json::from_slice(&backup().to_json()).unwrap();
        edit(&mut json);
        serde_json::to_vec_pretty(&json).unwrap()
    }

    #[test]
    fn a_backup_round_trips_whole() {
        let original = backup();
        let bytes = original.to_json();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["format"], "kartoteka-backup");
        assert_eq!(json["schema"], 2);
        assert_eq!(json["written_at"], 1_772_323_200_123_i64);
        assert_eq!(read(&bytes), Ok(original));
    }

    #[test]
    fn the_summary_counts_what_a_restore_brings() {
        let summary = BaseSummary::of(&backup().contacts);
        assert_eq!(
            summary,
            BaseSummary {
                records: 3,
                people: 1,
                companies: 1,
                in_bin: 1,
                activities: 1,
                contracts: 1,
                invoices: 2,
            }
        );
    }

    #[test]
    fn a_newer_data_format_is_refused() {
        let bytes = edited(|json| json["schema"] = 3.into());
        assert_eq!(
            read(&bytes),
            Err(BackupError::TooNew {
                found: 3,
                supported: 2
            })
        );
        let error = read(&bytes).unwrap_err().to_string();
        assert_eq!(
            error,
            "the backup is of data format 3, newer than this app's 2"
        );
    }

    #[test]
    fn data_format_1_is_refused_plainly() {
        let bytes = edited(|json| json["schema"] = 1.into());
        assert_eq!(
            read(&bytes),
            Err(BackupError::TooOld {
                found: 1,
                supported: 2
            })
        );
    }

    #[test]
    fn other_files_are_not_backups() {
        let files: [&[u8]; 7] = [
            b"",
            "Тип;Фамилия;Имя\r\nperson;Иванов;Иван\r\n".as_bytes(),
            b"PK\x03\x04\x14\x00\x06\x00",
            b"[1, 2, 3]",
            br#"{"name": "package.json", "version": "1.0.0"}"#,
            br#"{"format": "another-app-backup", "schema": 2, "contacts": []}"#,
            &[0xD2, 0xE8, 0xEF, 0x3B, 0xD4, 0xE0],
        ];
        for file in files {
            assert_eq!(
                read(file),
                Err(BackupError::NotABackup),
                "{}",
                String::from_utf8_lossy(file)
            );
        }
    }

    #[test]
    fn a_cut_off_backup_is_damaged_with_its_position() {
        let bytes = edited(|_| ());
        let cut = &bytes[..bytes.len() * 2 / 3];
        let Err(BackupError::Damaged { line, column, .. }) = read(cut) else {
            panic!("{:?}", read(cut));
        };
        let lines: Vec<&str> = std::str::from_utf8(cut).unwrap().lines().collect();
        assert_eq!(line, lines.len());
        assert!(column >= 1);

        let mut broken = bytes.clone();
        let at = broken.windows(7).position(|w| w == b"\"rev\": ").unwrap();
        broken.splice(at..at + 7, b"\"rev\" ".iter().copied());
        assert!(matches!(
            read(&broken),
            Err(BackupError::Damaged { message, .. }) if message == "expected `:`"
        ));
    }

    #[test]
    fn a_record_that_does_not_read_is_named_by_its_number() {
        let bytes = edited(|json| json["contacts"][1]["rev"] = "семь".into());
        assert_eq!(
            read(&bytes),
            Err(BackupError::BadRecord {
                number: 2,
                message: "invalid type: string \"семь\", expected u64".into()
            })
        );
        let bytes = edited(|json| json["contacts"][2]["id"] = "p1".into());
        assert_eq!(
            read(&bytes),
            Err(BackupError::DuplicateId {
                number: 3,
                id: "p1".into()
            })
        );
        let bytes = edited(|json| json["contacts"][0]["id"] = "".into());
        assert!(matches!(
            read(&bytes),
            Err(BackupError::DuplicateId { number: 1, .. })
        ));
    }

    #[test]
    fn a_damaged_envelope_says_which_part() {
        let bytes = edited(|json| json["settings"]["managers"] = 5.into());
        assert!(matches!(
            read(&bytes),
            Err(BackupError::BadPart { part: BackupPart::Settings, message })
                if message == "invalid type: integer `5`, expected a sequence"
        ));
        let bytes = edited(|json| {
            json.as_object_mut().unwrap().remove("schema");
        });
        assert_eq!(
            read(&bytes),
            Err(BackupError::BadPart {
                part: BackupPart::Schema,
                message: "missing".into()
            })
        );
        let bytes = edited(|json| json["written_at"] = "вчера".into());
        assert!(matches!(
            read(&bytes),
            Err(BackupError::BadPart {
                part: BackupPart::WrittenAt,
                ..
            })
        ));
    }

    #[test]
    fn missing_settings_and_prefs_read_as_defaults() {
        let bytes = edited(|json| {
            let object = json.as_object_mut().unwrap();
            object.remove("settings");
            object.remove("prefs");
        });
        let read = read(&bytes).unwrap();
        assert_eq!(read.settings, Settings::default());
        assert_eq!(read.prefs, Prefs::default());
        assert_eq!(read.contacts, backup().contacts);
    }

    #[test]
    fn a_bom_from_an_editor_is_accepted() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(backup().to_json());
        assert_eq!(read(&bytes), Ok(backup()));
    }
}
