//! Importing contacts from CSV files and Excel workbooks as people really have them.
//!
//! The pipeline has four steps, each usable on its own so the app can show a preview and
//! let the user correct a guess: [`decode`] the bytes, [`sniff_delimiter`], [`read_table`]
//! into headers and numbered rows, [`recognise`] what each column holds; then
//! [`map_row`] turns each row into a contact. [`prepare`] runs the first four at once.
//! A workbook's sheets become the same tables through [`read_xlsx`], and
//! [`prepare_xlsx`] picks the sheet and recognises it; a vCard file's cards become a
//! table of Kartoteka's own export layout through [`prepare_vcard`]. When the guess was
//! wrong, [`prepare_as`] reads the file in the encoding the user chose, and
//! [`apply_targets`] turns the [`Target`]s the user chose for the columns into a
//! [`Mapping`].
//!
//! Errors come in two sizes. An [`ImportError`] means the file as a whole cannot be read;
//! a [`RowIssue`] concerns one row (and usually one column) and is either a warning on an
//! imported contact or the reason a row was skipped.

mod choice;
mod decode;
mod header;
mod map;
mod table;
mod vcard;
mod xlsx;

pub use choice::{apply_targets, header_set_key, target_choices, Target};
pub use decode::{decode, decode_as, encoding_label, Decoded, ENCODINGS};
pub use encoding_rs::Encoding;
pub use header::{recognise, Field, Layout, Mapping, SlotPart};
pub(crate) use map::LEGAL_FORMS;
pub use map::{map_row, ImportContext, MappedRow, RowIssue, RowIssueKind};
pub use table::{read_table, sniff_delimiter, Row, Table};
pub use vcard::{is_vcard, prepare_vcard, CardProblem, VCARD_DELIMITER};
pub use xlsx::{prepare_xlsx, read_xlsx, XLSX_DELIMITER, XLSX_ENCODING};

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file holds no non-blank row, so not even a header.
    #[error("the file has no header row: it is empty or holds only blank lines")]
    Empty,
    /// The CSV structure is broken at a row.
    #[error("malformed CSV in row {row}: {message}")]
    Csv {
        /// The row as a spreadsheet numbers it, where the problem starts.
        row: usize,
        /// What is wrong, for a person.
        message: String,
    },
    /// A quoted value is never closed: everything after it would become one cell.
    #[error("the quoted value in row {row}, column {column} (\"{header}\") is never closed")]
    UnclosedQuote {
        /// The row as a spreadsheet numbers it, where the quote opens.
        row: usize,
        /// The column, counted from 1.
        column: usize,
        /// That column's header, empty when it has none.
        header: String,
    },
    /// The bytes are not text at all (a picture, an archive, a program), whatever
    /// encoding they are read in.
    #[error("the file is not a text file")]
    NotText,
    /// The file is not an .xlsx workbook, or a sheet of it cannot be read.
    #[error("not a readable .xlsx workbook: {message}")]
    Workbook {
        /// What the reader found wrong.
        message: String,
    },
    /// The workbook has no sheet of the number asked for.
    #[error("the workbook has {count} sheets, so there is no sheet {index} (counted from 0)")]
    NoSuchSheet {
        /// The sheet asked for, from 0.
        index: usize,
        /// How many sheets the workbook has.
        count: usize,
    },
    /// A file taken for a vCard file holds no card that can be read: no `BEGIN:VCARD` at
    /// all, or only cards that are broken.
    #[error("the file holds no readable vCard")]
    NoCards,
}

/// A file read as far as it can be without mapping rows: what the import preview shows.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The encoding the file was read in (see [`Decoded::encoding`]), or
    /// [`XLSX_ENCODING`] for a workbook.
    pub decoded_encoding: &'static str,
    /// The delimiter found by [`sniff_delimiter`], [`XLSX_DELIMITER`] for a workbook or
    /// [`VCARD_DELIMITER`] for a vCard file.
    pub delimiter: u8,
    /// The headers and rows.
    pub table: Table,
    /// What the columns hold.
    pub mapping: Mapping,
    /// Records of the file that could not be made into a row at all (a vCard card
    /// without `END:VCARD`), each with why. They count among the file's records (see
    /// [`Prepared::record_count`]) and are skipped rows of the import; always empty for
    /// CSV files and workbooks, whose every record is a row.
    pub unreadable: Vec<RowIssue>,
}

impl Prepared {
    /// How many records the file holds: its rows and its [`unreadable`](Self::unreadable)
    /// records.
    pub fn record_count(&self) -> usize {
        self.table.rows.len() + self.unreadable.len()
    }
}

/// Decodes `bytes`, finds the delimiter, reads the table and recognises its columns,
/// with the order of day and month in each column's dates
/// ([`Mapping::decide_date_orders`]).
///
/// # Errors
///
/// Those of [`read_table`].
///
/// ```
/// use kartoteka_core::{prepare, Layout};
///
/// let prepared = prepare("Фамилия;Имя;Телефон\r\nИванов;Иван;8 900 000-00-01\r\n".as_bytes())?;
/// assert_eq!(prepared.delimiter, b';');
/// assert_eq!(prepared.mapping.layout, Layout::RussianExcel);
/// assert_eq!(prepared.table.rows[0].number, 2);
/// # Ok::<(), kartoteka_core::ImportError>(())
/// ```
pub fn prepare(bytes: &[u8]) -> Result<Prepared, ImportError> {
    prepare_decoded(decode(bytes))
}

/// Like [`prepare`], reading the file in `encoding` (see [`decode_as`]) instead of the
/// one [`decode`] infers: for a user who sees that the guess was wrong.
///
/// # Errors
///
/// Those of [`prepare`].
///
/// ```
/// use kartoteka_core::{prepare, prepare_as, Encoding};
///
/// let bytes = b"\xd4\xe0\xec\xe8\xeb\xe8\xff;\xc8\xec\xff\r\n\xc8\xe2\xe0\xed\xee\xe2;\xc8\xe2\xe0\xed\r\n";
/// assert_eq!(prepare(bytes)?.table.headers, ["Фамилия", "Имя"]);
/// let koi8 = prepare_as(bytes, Encoding::for_label(b"koi8-r").unwrap())?;
/// assert_eq!(koi8.decoded_encoding, "KOI8-R");
/// assert_eq!(koi8.table.headers, ["тЮЛХКХЪ", "хЛЪ"]);
/// # Ok::<(), kartoteka_core::ImportError>(())
/// ```
pub fn prepare_as(bytes: &[u8], encoding: &'static Encoding) -> Result<Prepared, ImportError> {
    prepare_decoded(decode_as(bytes, encoding))
}

fn prepare_decoded(decoded: Decoded) -> Result<Prepared, ImportError> {
    if !looks_like_text(&decoded.text) {
        return Err(ImportError::NotText);
    }
    let delimiter = sniff_delimiter(&decoded.text);
    let table = read_table(&decoded.text, delimiter)?;
    let mut mapping = recognise(&table.headers);
    mapping.decide_date_orders(&table.rows);
    Ok(Prepared {
        decoded_encoding: decoded.encoding,
        delimiter,
        table,
        mapping,
        unreadable: Vec::new(),
    })
}

impl Prepared {
    /// The rows (numbered as a spreadsheet numbers them, the header being row 1) that
    /// hold characters the encoding could not read, shown as U+FFFD: a file in another
    /// encoding than the one it was read in, or damaged. Empty for a clean read.
    ///
    /// ```
    /// use kartoteka_core::prepare;
    ///
    /// let prepared = prepare(b"\xd0\x98\xd0\xbc\xd1\x8f\n\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\n\xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\n\xd0\x98\xd0\xbb\xd1\x8c\xd1\x8f\n\xd0\x98\xd0\xbb\xd1\x8c\xd1\x8f\xd1")?;
    /// assert_eq!(prepared.table.headers, ["Имя"]);
    /// assert_eq!(prepared.unreadable_rows(), [5]);
    /// # Ok::<(), kartoteka_core::ImportError>(())
    /// ```
    pub fn unreadable_rows(&self) -> Vec<usize> {
        let unreadable = |cells: &[String]| cells.iter().any(|c| c.contains('\u{fffd}'));
        let header = unreadable(&self.table.headers).then_some(1);
        let rows = self.table.rows.iter().filter(|row| unreadable(&row.cells));
        header
            .into_iter()
            .chain(rows.map(|row| row.number))
            .collect()
    }
}

/// Whether decoded text can be a table someone typed: binary files decode "successfully"
/// as Windows-1251 too, but are full of control characters that no CSV holds.
fn looks_like_text(text: &str) -> bool {
    let sample = text.chars().take(64 * 1024);
    let (mut chars, mut control) = (0usize, 0usize);
    for c in sample {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            control += 1;
        }
    }
    // A stray control character or two (a pasted form feed) is tolerated.
    control * 100 <= chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_not_taken_for_text() {
        let mut noise = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..8192 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            noise.push((x >> 16) as u8);
        }
        assert_eq!(prepare(&noise).unwrap_err(), ImportError::NotText);
        let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00docProps/app.xml\x00\x00";
        assert_eq!(prepare(zip).unwrap_err(), ImportError::NotText);
        // A Russian CSV with a stray form feed in a note is still text.
        let text = format!(
            "Фамилия;Комментарий\nИванов;страница\u{c}2\n{}",
            "Петров;без помех\n".repeat(20)
        );
        assert!(prepare(text.as_bytes()).is_ok());
    }
}
