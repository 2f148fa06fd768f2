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
//! - [`export`], [`export_xlsx`]: CSV files and .xlsx workbooks out, in a layout
//!   [`import`] reads back unchanged.
//! - [`export`]: CSV files out, in a layout [`import`] reads back unchanged.
//! - [`vcard`]: vCard files (.vcf) out; [`import`] reads them in.
//! - [`search`]: the search box.
//! - [`merge`]: records of the base entered twice, merged field by field.
//! - [`undo`]: taking back an import or a merge, keeping later edits.
//! - [`backup`]: the whole base as one file, and the checks before a restore.

#![warn(missing_docs)]

pub mod agenda;
pub mod analytics;
pub mod backup;
pub mod base;
pub mod channels;
pub mod companies;
pub mod completeness;
pub mod custom;
pub mod date;
pub mod dedupe;
pub mod export;
pub mod export_xlsx;
mod formula;
pub mod freshness;
pub mod history;
pub mod import;
pub mod lang;
pub mod links;
pub mod merge;
pub mod model;
pub mod money;
pub mod names;
pub mod phone;
pub mod queue;
pub mod requisites;
pub mod search;
pub mod suppression;
pub mod undo;
pub mod validate;
pub mod vcard;

pub use agenda::{birthday_within, next_step, next_step_overdue, purge_due, BIN_DAYS};
pub use analytics::{
    channel_report, ever_client, freshness_mix_by_month, growth_by_month, report_csv, sort_rows,
    ChannelColumn, ChannelRow, Period, Ratio, YearMonth,
};
pub use channels::{channel_key, channels, merge_channels, rename_channel};
pub use companies::{
    company_name_key, legal_form_of, link_companies, link_companies_in_base, people_of,
    rename_company, unlink_people, LinkReport,
};
pub use completeness::{completeness, Completeness};
pub use custom::{CustomError, CustomField, CustomKind};
pub use date::{
    format_birthday, format_date, format_timestamp, parse_birthday, parse_date, parse_excel_serial,
    parse_timestamp, DateOrder, DateReading,
};
pub use dedupe::{
    merge_into, resolve, Duplicate, DuplicateOutcome, DuplicatePolicy, MatchIndex, MatchReason,
    Resolution, Taken,
};
pub use export::{
    export_csv, export_csv_windows1251, export_csv_with_fields, CsvPreset, Unencodable,
};
pub use export_xlsx::{export_xlsx, XlsxExportError, XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS};
pub use freshness::{
    confirm, confirmed_as_of, Freshness, FreshnessPolicy, StatusRule, TagRule, Threshold,
    ThresholdUnit,
};
pub use history::{became_client_on, new_record_history, record_changes};
pub use import::{
    apply_targets, decode, decode_as, encoding_label, header_set_key, is_vcard, map_row, prepare,
    prepare_as, prepare_vcard, prepare_xlsx, read_table, read_xlsx, recognise, sniff_delimiter,
    target_choices, CardProblem, Decoded, Encoding, Field, ImportContext, ImportError, Layout,
    MappedRow, Mapping, Prepared, Row, RowIssue, RowIssueKind, SlotPart, Table, Target, ENCODINGS,
    VCARD_DELIMITER, XLSX_DELIMITER, XLSX_ENCODING,
};
pub use lang::Lang;
pub use links::{mailto_href, messenger_href, tel_href, website_href};
pub use model::*;
pub use money::{
    format_money, has_overdue_invoice, invoice_totals, is_overdue, parse_money, InvoiceTotals,
    Money, MoneyError, Totals,
};
pub use names::{join_full_name, split_full_name, NameParts};
pub use phone::{
    digits, national_part, normalize_phone, phone_query_matches, phone_view, PhoneView,
    MIN_DIALLABLE_DIGITS,
};
pub use queue::{
    cities, city_in, city_of, is_invalid_phone, outcome_of, progress, queue, queue_group,
    record_outcome, Outcome, OutcomeKind, QueueFilter, QueueGroup, QueueProgress, OUTCOME_PREFIX,
};
pub use requisites::{
    check_bik, check_corr_account, check_inn, check_kpp, check_ogrn, check_settlement_account,
    RequisiteError,
};
pub use search::{Query, SearchEntry};
pub use suppression::{fingerprints, Suppression};
pub use validate::{is_valid_email, is_valid_inn};
pub use vcard::{export_vcard, VcardVersion};
