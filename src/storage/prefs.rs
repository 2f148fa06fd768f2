//! Device-only preferences in localStorage: the last sort and filters and
//! the export format. They are not part of the base, so sync never carries
//! them; a backup does, to put them back on the device it is restored on. A
//! missing or unreadable value falls back to defaults.

use gloo_storage::{LocalStorage, Storage};
use kartoteka_core::CsvPreset;
use serde::{Deserialize, Serialize};

const KEY: &str = "kartoteka.prefs";

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    #[default]
    Name,
    Company,
    /// Least recently confirmed first: the records most in need of a call.
    ConfirmedOn,
    /// Least complete first: the records most in need of filling in.
    Completeness,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [
        SortBy::Name,
        SortBy::Company,
        SortBy::ConfirmedOn,
        SortBy::Completeness,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Company => "company",
            SortBy::ConfirmedOn => "confirmed_on",
            SortBy::Completeness => "completeness",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        SortBy::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The file the list is exported to.
///
/// Stored under the keys the CSV presets had, so a device that chose
/// "plain" before keeps it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// CSV for Excel with Russian settings: UTF-8 with a BOM, `;`.
    #[default]
    #[serde(rename = "excel")]
    CsvExcel,
    /// CSV for other programs: UTF-8, `,`.
    #[serde(rename = "plain")]
    CsvPlain,
    /// CSV in Windows-1251, for old Excel versions.
    #[serde(rename = "windows1251")]
    CsvWindows1251,
    /// An Excel workbook.
    #[serde(rename = "xlsx")]
    Xlsx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::CsvExcel,
        ExportFormat::CsvPlain,
        ExportFormat::CsvWindows1251,
        ExportFormat::Xlsx,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::CsvExcel => "excel",
            ExportFormat::CsvPlain => "plain",
            ExportFormat::CsvWindows1251 => "windows1251",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        ExportFormat::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The CSV dialect for other tables (the channel report) exported
    /// next to the list, so they open the same way.
    pub fn csv_preset(self) -> CsvPreset {
        match self {
            ExportFormat::CsvPlain => CsvPreset::Plain,
            _ => CsvPreset::Excel,
        }
    }
}

/// The filters of the list; an empty string means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub status: String,
    pub source: String,
    pub freshness: String,
    /// "person" or "company".
    pub kind: String,
    pub responsible: String,
    pub tag: String,
    /// Only records whose responsible manager is the one set on this device.
    pub mine: bool,
    pub overdue_invoices: bool,
    pub next_step_overdue: bool,
    /// Only people whose birthday is within the next [`BIRTHDAY_DAYS`] days.
    pub birthdays: bool,
    /// Only records below this completeness, in percent; 0 means any.
    pub below_completeness: u8,
    /// A custom field's id and the value it must match.
    pub custom_field: String,
    pub custom_value: String,
}

/// How far ahead "upcoming birthdays" looks.
pub const BIRTHDAY_DAYS: u32 = 14;

/// A named search, filters and sort, one tap away.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Segment {
    pub name: String,
    pub query: String,
    pub filters: Filters,
    pub sort: SortBy,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub sort: SortBy,
    pub filters: Filters,
    #[serde(alias = "export_preset")]
    pub export_format: ExportFormat,
    /// The manager who uses this device, for "my records".
    pub me: String,
    pub segments: Vec<Segment>,
}

impl Prefs {
    pub fn load() -> Self {
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Saving is best effort: a full or disabled localStorage only costs
    /// the remembered sort, never data.
    pub fn save(&self) {
        let _ = LocalStorage::set(KEY, self);
    }
}
