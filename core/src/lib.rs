//! The contact domain of Kartoteka, free of any browser API so that it tests
//! natively in seconds.
//!
//! The app crate owns time and storage: every function here that depends on
//! "today" or "now" takes it as an argument, so tests pin the clock.
//!
//! - [`model`]: the [`Contact`] record.
//! - [`base`]: all contacts in memory, arranged in the chunks they are stored in.
//! - [`freshness`]: whether a record's confirmation is fresh, due or stale.
//! - [`phone`], [`date`], [`validate`]: reading what people type.
//! - [`import`]: CSV files and .xlsx workbooks in, from bytes to mapped contacts with
//!   warnings.
//! - [`dedupe`]: finding the record an imported contact duplicates, and merging them.
//! - [`export`]: CSV files out, in a layout [`import`] reads back unchanged.
//! - [`search`]: the search box.

#![warn(missing_docs)]

pub mod base;
pub mod date;
pub mod dedupe;
pub mod export;
mod formula;
pub mod freshness;
pub mod import;
pub mod model;
pub mod money;
pub mod phone;
pub mod search;
pub mod validate;

pub use date::{format_date, format_timestamp, parse_date, parse_timestamp};
pub use dedupe::{
    merge_into, resolve, Duplicate, DuplicateOutcome, DuplicatePolicy, MatchIndex, MatchReason,
    Resolution,
};
pub use export::{export_csv, CsvPreset};
pub use freshness::{Freshness, FreshnessPolicy, Threshold, ThresholdUnit};
pub use import::{
    decode, map_row, prepare, prepare_xlsx, read_table, read_xlsx, recognise, sniff_delimiter,
    Decoded, Field, ImportContext, ImportError, Layout, MappedRow, Mapping, Prepared, Row,
    RowIssue, RowIssueKind, SlotPart, Table, XLSX_DELIMITER, XLSX_ENCODING,
};
pub use model::*;
pub use money::Money;
pub use phone::{
    digits, national_part, normalize_phone, phone_query_matches, MIN_DIALLABLE_DIGITS,
};
pub use search::{Query, SearchEntry};
pub use validate::{is_valid_email, is_valid_inn};
