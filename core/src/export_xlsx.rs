//! Exporting contacts to an Excel workbook (.xlsx) in the layout of the CSV export.
//!
//! A CSV file holds text, and Excel guesses a type for each cell when it opens one: an
//! ИНН of `0245346800` loses its zero, an account of twenty digits becomes
//! `4.07028E+19`, a phone may turn into a formula. A workbook says the type itself, so
//! here every value is a text cell (formatted `@`, which keeps it text when edited), and
//! only dates are dates, shown `dd.mm.yyyy`. The columns are exactly
//! [`export_csv`](crate::export_csv)'s, so the .xlsx import reads a workbook back
//! unchanged, with the same exceptions as a CSV file.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::custom::CustomField;
use crate::export::{Cell, Columns};
use crate::freshness::FreshnessPolicy;
use crate::model::Contact;

/// The most characters Excel holds in one cell.
pub const XLSX_MAX_CELL_CHARS: usize = 32_767;

/// The most rows of one worksheet, the header row included.
pub const XLSX_MAX_ROWS: usize = 1_048_576;

/// Column widths are fitted to the values up to this many characters; longer notes wrap
/// nowhere and are read in the cell itself.
const MAX_WIDTH: usize = 50;

/// Why a workbook was not written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XlsxExportError {
    /// A value longer than a cell holds; cut, it would not read back as it is.
    #[error(
        "row {row}, column «{field}»: {length} characters, a cell holds {XLSX_MAX_CELL_CHARS}"
    )]
    TooLong {
        /// The sheet's row, the header being 1.
        row: usize,
        /// The record's name as the list shows it.
        record: String,
        /// The column's header.
        field: String,
        /// The value's length in characters.
        length: usize,
    },
    /// More records than a worksheet has rows.
    #[error("{records} records, a sheet holds {}", XLSX_MAX_ROWS - 1)]
    TooManyRows {
        /// How many records were to be exported.
        records: usize,
    },
    /// The writer itself failed.
    #[error("the workbook could not be written: {0}")]
    Workbook(String),
}

impl From<XlsxError> for XlsxExportError {
    fn from(error: XlsxError) -> Self {
        XlsxExportError::Workbook(error.to_string())
    }
}

/// The contacts as one worksheet "Контакты" with a bold, frozen header row, in the
/// columns of [`export_csv_with_fields`](crate::export_csv_with_fields).
///
/// Phones, ИНН, КПП, accounts, postal codes and every other value are text cells, so no
/// digit is lost and nothing is shown in scientific notation; dates (added, confirmed,
/// a phone's or e-mail's confirmation, custom date fields) are dates shown `dd.mm.yyyy`.
/// A birthday without a year, and the created and changed timestamps, stay text: no
/// Excel date holds a day without a year, or milliseconds and a time zone exactly.
/// Dates before March 1900, which Excel cannot show reliably, are text too.
///
/// # Errors
///
/// [`XlsxExportError::TooLong`] for the first value longer than a cell holds,
/// [`XlsxExportError::TooManyRows`] past the sheet's rows; nothing is cut.
///
/// ```
/// use chrono::NaiveDate;
/// use kartoteka_core::{export_xlsx, prepare_xlsx, Contact, FreshnessPolicy};
///
/// let contact = Contact { surname: "Иванов".into(), inn: "0245346800".into(), ..Contact::default() };
/// let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
/// let bytes = export_xlsx([&contact], &FreshnessPolicy::default(), today, &[]).unwrap();
/// let back = prepare_xlsx(&bytes, None).unwrap();
/// let inn = back.table.headers.iter().position(|h| h == "ИНН").unwrap();
/// assert_eq!(back.table.rows[0].cells[inn], "0245346800");
/// ```
pub fn export_xlsx<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    policy: &FreshnessPolicy,
    today: NaiveDate,
    fields: &[CustomField],
) -> Result<Vec<u8>, XlsxExportError> {
    let contacts: Vec<&Contact> = contacts.into_iter().collect();
    if contacts.len() >= XLSX_MAX_ROWS {
        return Err(XlsxExportError::TooManyRows {
            records: contacts.len(),
        });
    }
    let mut columns = Columns::of(&contacts);
    columns.custom = fields.to_vec();
    let headers = columns.headers();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Контакты")?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &bold)?;
    }
    for (at, contact) in contacts.iter().enumerate() {
        let row = at as u32 + 1;
        for (col, cell) in columns
            .cells(
                contact,
                crate::export::freshness_label(policy.of(contact, today)),
            )
            .into_iter()
            .enumerate()
        {
            let excel_day = match &cell {
                Cell::Date(day) => excel_date(*day),
                Cell::Text(_) => None,
            };
            if let Some(day) = excel_day {
                sheet.write_datetime_with_format(row, col as u16, &day, &date)?;
                widths[col] = widths[col].max(10);
                continue;
            }
            let value = match cell {
                Cell::Text(value) => value,
                Cell::Date(day) => crate::date::format_date(day),
            };
            if value.is_empty() {
                continue;
            }
            // A string cell is never a formula, so no quote is put in front of `=`; and
            // the .xlsx import takes none off.
            let length = value.chars().count();
            if length > XLSX_MAX_CELL_CHARS {
                return Err(XlsxExportError::TooLong {
                    row: at + 2,
                    record: contact.display_name(),
                    field: headers[col].clone(),
                    length,
                });
            }
            widths[col] = widths[col].max(length.min(MAX_WIDTH));
            sheet.write_string_with_format(row, col as u16, &value, &text)?;
        }
    }
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width.min(MAX_WIDTH) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

/// The day as Excel stores it, from 1 March 1900 to 9999: before it, Excel counts a
/// 29 February 1900 that never was, and readers disagree about the serial numbers.
fn excel_date(day: NaiveDate) -> Option<ExcelDateTime> {
    if day < NaiveDate::from_ymd_opt(1900, 3, 1)? {
        return None;
    }
    let year = u16::try_from(day.year()).ok()?;
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::custom::CustomKind;
    use crate::export::tests::{assert_same_contacts, contacts, reimport_prepared, today};
    use crate::import::prepare_xlsx;

    fn export(contacts: &[Contact], fields: &[CustomField]) -> Vec<u8> {
        export_xlsx(contacts, &FreshnessPolicy::default(), today(), fields).unwrap()
    }

    fn sheet(bytes: &[u8]) -> calamine::Range<Data> {
        let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(workbook.sheet_names(), ["Контакты"]);
        workbook.worksheet_range("Контакты").unwrap()
    }

    fn column(range: &calamine::Range<Data>, header: &str) -> usize {
        let headers = range.rows().next().unwrap();
        headers
            .iter()
            .position(|h| h == &Data::String(header.into()))
            .unwrap_or_else(|| panic!("no column {header}"))
    }

    fn with_requisites(mut contacts: Vec<Contact>) -> Vec<Contact> {
        contacts[1].requisites.account = "40702810900000012345".into();
        contacts[1].addresses[0].value = "011001".into();
        contacts[2].phones = vec![crate::model::Phone {
            value: "89289218401".into(),
            normalized: crate::phone::normalize_phone("89289218401"),
            ..Default::default()
        }];
        contacts
    }

    #[test]
    fn a_workbook_round_trips_exactly_through_the_xlsx_import() {
        let originals = contacts();
        let bytes = export(&originals, &[]);
        let prepared = prepare_xlsx(&bytes, None).unwrap();
        assert_same_contacts(reimport_prepared(prepared), &originals, "xlsx");
    }

    #[test]
    fn custom_fields_round_trip_and_their_dates_are_dates() {
        let fields = [
            CustomField {
                id: "f1".into(),
                label: "Договор до".into(),
                kind: CustomKind::Date,
            },
            CustomField {
                id: "f2".into(),
                label: "Код клиента".into(),
                kind: CustomKind::Text,
            },
        ];
        let mut originals = contacts();
        originals[0].custom.insert("f1".into(), "2026-07-01".into());
        originals[0].custom.insert("f2".into(), "000123".into());
        let bytes = export(&originals, &fields);
        let range = sheet(&bytes);
        let at = column(&range, "Поле: Договор до");
        assert!(matches!(range.get((1, at)), Some(Data::DateTime(_))));
        let at = column(&range, "Поле: Код клиента");
        assert_eq!(range.get((1, at)), Some(&Data::String("000123".into())));
        // Read back as the import reads it, the date the way a CSV file holds it.
        let table = prepare_xlsx(&bytes, None).unwrap().table;
        let at = |label: &str| table.headers.iter().position(|h| h == label).unwrap();
        assert_eq!(table.rows[0].cells[at("Поле: Договор до")], "01.07.2026");
        assert_eq!(table.rows[0].cells[at("Поле: Код клиента")], "000123");
    }

    #[test]
    fn digits_are_text_and_dates_are_dates() {
        let bytes = export(&with_requisites(contacts()), &[]);
        let range = sheet(&bytes);
        let text = |row: usize, header: &str| range.get((row, column(&range, header))).cloned();
        let s = |value: &str| Some(Data::String(value.into()));
        assert_eq!(text(1, "ИНН"), s("0245346800"));
        assert_eq!(text(1, "КПП"), s("024501001"));
        assert_eq!(text(2, "ИНН"), s("500100732259"));
        assert_eq!(text(2, "Адрес 1"), s("011001"));
        assert_eq!(text(3, "Телефон 1"), s("89289218401"));
        assert_eq!(text(1, "Телефон 1"), s("+7 900 000-00-01"));
        // Timestamps keep their milliseconds as text.
        assert_eq!(text(1, "Создан"), s("2023-11-14T22:13:20.123Z"));
        for (row, header, expected) in [
            (1, "Дата подтверждения", "22.11.2025"),
            (1, "Телефон 2: подтверждён", "29.02.2024"),
            (1, "E-mail 1: подтверждён", "01.12.2025"),
            (2, "Дата добавления", "31.01.2023"),
        ] {
            let Some(Data::DateTime(moment)) = text(row, header) else {
                panic!("{header} is not a date: {:?}", text(row, header));
            };
            let (y, m, d, ..) = moment.to_ymd_hms_milli();
            assert_eq!(format!("{d:02}.{m:02}.{y:04}"), expected, "{header}");
        }
        // The workbook says how each cell is shown: text as "@", dates as dd.mm.yyyy.
        let styles = unzip(&bytes, "xl/styles.xml");
        assert!(styles.contains(r#"formatCode="dd.mm.yyyy""#), "{styles}");
        assert!(styles.contains(r#"formatCode="@""#), "{styles}");
    }

    #[test]
    fn the_header_row_is_bold_and_frozen() {
        let bytes = export(&contacts(), &[]);
        let sheet_xml = unzip(&bytes, "xl/worksheets/sheet1.xml");
        assert!(
            sheet_xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "{sheet_xml}"
        );
        let styles = unzip(&bytes, "xl/styles.xml");
        assert!(styles.contains("<b/>"), "{styles}");
    }

    #[test]
    fn a_value_too_long_for_a_cell_is_refused_not_cut() {
        let mut originals = contacts();
        originals[2].notes = "я".repeat(XLSX_MAX_CELL_CHARS + 1);
        let error = export_xlsx(&originals, &FreshnessPolicy::default(), today(), &[]);
        assert_eq!(
            error,
            Err(XlsxExportError::TooLong {
                row: 4,
                record: "Анна".into(),
                field: "Комментарий".into(),
                length: XLSX_MAX_CELL_CHARS + 1,
            })
        );
    }

    #[test]
    fn dates_excel_cannot_show_stay_text() {
        let mut originals = contacts();
        originals[2].added_on = NaiveDate::from_ymd_opt(1899, 12, 31);
        let bytes = export(&originals, &[]);
        let range = sheet(&bytes);
        let at = column(&range, "Дата добавления");
        assert_eq!(range.get((3, at)), Some(&Data::String("31.12.1899".into())));
        let prepared = prepare_xlsx(&bytes, None).unwrap();
        assert_same_contacts(reimport_prepared(prepared), &originals, "old date");
    }

    /// One file of the workbook's zip archive, as text.
    fn unzip(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }
}
