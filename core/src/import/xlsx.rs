//! Reading Excel workbooks (.xlsx) into the same tables as CSV files.
//!
//! A workbook keeps typed values where a CSV file keeps text, so each cell is written out
//! the way Russian Excel shows it and a CSV export of the same sheet would hold it:
//! dates as `dd.mm.yyyy`, whole numbers without a fraction (ИНН 7701234567 stays
//! "7701234567", never "7.70E+09" or "7701234567.0"), decimals with a comma. After that
//! the rows go through the same [`recognise`](super::recognise) and
//! [`map_row`](super::map_row) as any CSV file, which also warns about an ИНН that lost its
//! leading zero when Excel took it for a number.

use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Range, Reader, SheetType, Xlsx};

use super::header::{recognise, Layout};
use super::table::{push_record, Table};
use super::{ImportError, Prepared};

/// The [`Prepared::decoded_encoding`] of a workbook: its text is Unicode by definition,
/// so what the preview can usefully say is the kind of file.
pub const XLSX_ENCODING: &str = "xlsx";

/// The [`Prepared::delimiter`] of a workbook, which has none.
pub const XLSX_DELIMITER: u8 = 0;

/// Whole numbers up to this size are written as integers; beyond it an `f64` no longer
/// holds every digit, and Excel itself shows only 15.
const LARGEST_EXACT_WHOLE: f64 = 1e15;

/// Every worksheet of an .xlsx workbook, by name in workbook order, as a [`Table`].
///
/// The first non-blank row of a sheet is its header; rows are numbered as Excel numbers
/// them, blank ones left out, and trailing empty header names dropped, as in
/// [`read_table`](super::read_table). A sheet with nothing in it has no headers and no
/// rows. Chart sheets are left out.
///
/// # Errors
///
/// [`ImportError::Workbook`] when the bytes are not an .xlsx workbook or a sheet of it
/// cannot be read.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<(String, Table)>, ImportError> {
    // calamine trusts what a workbook says of itself, and a damaged one can make it panic
    // (an overflowing cell reference such as "AAAAAAAA1" in a build with overflow checks);
    // a damaged file must be an error to show, not a crash. Where panics abort instead of
    // unwinding (the release build of the app) this guard cannot help, but that build has
    // no overflow checks either.
    std::panic::catch_unwind(|| read_sheets(bytes)).unwrap_or_else(|_| {
        Err(ImportError::Workbook {
            message: "the workbook is damaged".to_owned(),
        })
    })
}

fn read_sheets(bytes: &[u8]) -> Result<Vec<(String, Table)>, ImportError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(workbook_error)?;
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = workbook.worksheet_range(&name).map_err(workbook_error)?;
        sheets.push((name, table_of(&range)));
    }
    Ok(sheets)
}

/// Reads an .xlsx workbook and recognises the columns of one sheet: sheet `sheet`
/// (0-based, in workbook order) when given, otherwise the first whose headers make a
/// known layout, otherwise the first with a header row.
///
/// The result's [`decoded_encoding`](Prepared::decoded_encoding) is [`XLSX_ENCODING`] and
/// its [`delimiter`](Prepared::delimiter) [`XLSX_DELIMITER`].
///
/// # Errors
///
/// Those of [`read_xlsx`]; [`ImportError::NoSuchSheet`] when the workbook has no sheet
/// `sheet`; [`ImportError::Empty`] when the chosen sheet, or every sheet, is empty.
pub fn prepare_xlsx(bytes: &[u8], sheet: Option<usize>) -> Result<Prepared, ImportError> {
    let sheets = read_xlsx(bytes)?;
    let count = sheets.len();
    let mut tables = sheets.into_iter().map(|(_, table)| table);
    let table = match sheet {
        Some(index) => tables
            .nth(index)
            .ok_or(ImportError::NoSuchSheet { index, count })?,
        None => {
            let tables: Vec<Table> = tables.filter(|t| !t.headers.is_empty()).collect();
            let known = tables
                .iter()
                .position(|t| recognise(&t.headers).layout != Layout::Unknown);
            tables
                .into_iter()
                .nth(known.unwrap_or(0))
                .ok_or(ImportError::Empty)?
        }
    };
    if table.headers.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut mapping = recognise(&table.headers);
    // Dates typed as text into a sheet may be American too.
    mapping.decide_date_orders(&table.rows);
    Ok(Prepared {
        decoded_encoding: XLSX_ENCODING,
        delimiter: XLSX_DELIMITER,
        table,
        mapping,
        unreadable: Vec::new(),
    })
}

fn workbook_error(error: impl std::fmt::Display) -> ImportError {
    ImportError::Workbook {
        message: error.to_string(),
    }
}

/// A sheet's cells as a table, the way [`read_table`](super::read_table) makes one.
fn table_of(range: &Range<Data>) -> Table {
    // Rows of the range are counted from its first non-empty cell, not from row 1.
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let cells = cells.iter().map(cell_text).collect();
        push_record(&mut headers, &mut rows, first_row + i + 1, cells);
    }
    Table {
        headers: headers.unwrap_or_default(),
        rows,
    }
}

/// A cell as Russian Excel shows it and as the rest of the import reads it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => clean_text(text),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => number_text(*x),
        Data::Bool(true) => "ИСТИНА".to_owned(),
        Data::Bool(false) => "ЛОЖЬ".to_owned(),
        Data::DateTime(moment) => date_time_text(moment),
        Data::DateTimeIso(text) => iso_date_text(text),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

/// Trimmed, with Windows line breaks inside as `\n`, as CSV cells are.
fn clean_text(text: &str) -> String {
    let text = text.trim();
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// A number without exponent or trailing ".0"; a fraction after a comma.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < LARGEST_EXACT_WHOLE {
        // Exact: the value is whole and well inside the range i64 holds.
        return format!("{}", x as i64);
    }
    // Display never uses an exponent, so every digit the value holds is written.
    format!("{x}").replace('.', ",")
}

/// A date as `dd.mm.yyyy`, with `HH:MM` (and `:SS` when there are seconds) when it has a
/// time; a duration as `HH:MM:SS`.
fn date_time_text(moment: &ExcelDateTime) -> String {
    if moment.is_duration() {
        let seconds = (moment.as_f64() * 86_400.0).round() as i64;
        let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
        return format!("{h:02}:{m:02}:{s:02}");
    }
    let (year, month, day, hour, minute, second, _) = moment.to_ymd_hms_milli();
    let date = format!("{day:02}.{month:02}.{year:04}");
    match (hour, minute, second) {
        (0, 0, 0) => date,
        (h, m, 0) => format!("{date} {h:02}:{m:02}"),
        (h, m, s) => format!("{date} {h:02}:{m:02}:{s:02}"),
    }
}

/// An ISO 8601 date or date-time (as some writers store dates) in the form of
/// [`date_time_text`]; anything else as it is.
fn iso_date_text(text: &str) -> String {
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let Ok(day) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return text.to_owned();
    };
    let day = day.format("%d.%m.%Y").to_string();
    match time.map(|t| t.trim_end_matches('Z')) {
        None | Some("00:00:00" | "00:00") => day,
        Some(time) => format!("{day} {}", time.get(..5).unwrap_or(time)),
    }
}

#[cfg(test)]
mod tests {
    use calamine::{CellErrorType, ExcelDateTimeType};

    use super::*;

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(cell_text(&Data::Float(7_701_234_567.0)), "7701234567");
        assert_eq!(cell_text(&Data::Float(79_161_234_567.0)), "79161234567");
        assert_eq!(cell_text(&Data::Float(245_346_800.0)), "245346800");
        assert_eq!(cell_text(&Data::Int(-42)), "-42");
        assert_eq!(cell_text(&Data::Float(1234.5)), "1234,5");
        assert_eq!(cell_text(&Data::Float(0.1)), "0,1");
        // Past 15 digits an f64 rounds; what it holds is written out without an exponent.
        assert_eq!(cell_text(&Data::Float(1e20)), "100000000000000000000");
    }

    #[test]
    fn dates_are_written_the_russian_way() {
        assert_eq!(cell_text(&date(45849.0)), "11.07.2025");
        assert_eq!(cell_text(&date(45849.5)), "11.07.2025 12:00");
        assert_eq!(
            cell_text(&date(45849.0 + 1.0 / 86_400.0)),
            "11.07.2025 00:00:01"
        );
        let duration = ExcelDateTime::new(1.25, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&Data::DateTime(duration)), "30:00:00");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2025-03-07".into())),
            "07.03.2025"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2025-03-07T14:30:00".into())),
            "07.03.2025 14:30"
        );
        assert_eq!(cell_text(&Data::DateTimeIso("14:30:00".into())), "14:30:00");
    }

    #[test]
    fn other_cells() {
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(
            cell_text(&Data::String("  Иванов \r\nИван ".into())),
            "Иванов \nИван"
        );
        assert_eq!(cell_text(&Data::Bool(true)), "ИСТИНА");
        assert_eq!(cell_text(&Data::Bool(false)), "ЛОЖЬ");
        assert_eq!(cell_text(&Data::Error(CellErrorType::NA)), "#N/A");
    }

    #[test]
    fn a_range_becomes_a_table() {
        let mut range = Range::new((2, 1), (6, 4));
        let text = |s: &str| Data::String(s.into());
        range.set_value((2, 1), text("Фамилия"));
        range.set_value((2, 2), text("ИНН"));
        range.set_value((3, 1), text("Иванов"));
        range.set_value((3, 2), Data::Float(7_701_234_567.0));
        // Row 5 (0-based 4) is blank; row 6 has a cell past the headers.
        range.set_value((5, 1), text("Петров"));
        range.set_value((5, 4), text("лишнее"));
        range.set_value((6, 2), Data::Empty);
        let table = table_of(&range);
        assert_eq!(table.headers, ["Фамилия", "ИНН"]);
        let rows: Vec<(usize, Vec<&str>)> = table
            .rows
            .iter()
            .map(|r| (r.number, r.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            rows,
            [
                (4, vec!["Иванов", "7701234567"]),
                (6, vec!["Петров", "", "", "лишнее"])
            ]
        );
    }

    #[test]
    fn not_a_workbook() {
        let err = read_xlsx(b"\xd4\xe0\xec\xe8\xeb\xe8\xff;\xc8\xec\xff").unwrap_err();
        assert!(matches!(err, ImportError::Workbook { .. }), "{err:?}");
        assert!(err.to_string().starts_with("not a readable .xlsx workbook"));
    }
}
