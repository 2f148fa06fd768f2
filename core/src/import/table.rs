//! Reading CSV text into a header row and data rows numbered the way a spreadsheet shows
//! them.
//!
//! Row numbers are what a user needs to find a bad row in Excel, so they count records,
//! not physical lines (a note with three lines is still one row), and they do count the
//! blank rows that are skipped, since Excel shows those too.

use csv::{ReaderBuilder, StringRecord};

use super::ImportError;
use crate::formula;

/// One data row of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row as a spreadsheet numbers it: the header is 1, the first data row 2.
    pub number: usize,
    /// The cells, trimmed, line breaks inside them as `\n`. A row may have fewer cells
    /// than the header, or more when the extra cells hold something.
    pub cells: Vec<String>,
}

/// A file as a header and rows, blank rows left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The header row, trimmed, without trailing empty names.
    pub headers: Vec<String>,
    /// The data rows in file order.
    pub rows: Vec<Row>,
}

/// The delimiters a CSV file may use, in the order preferred on a tie: `;` first because
/// Russian Excel writes it (the comma is the decimal separator there).
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// How many logical lines [`sniff_delimiter`] looks at.
const SNIFF_LINES: usize = 20;

/// The delimiter `text` most probably uses: `;`, `,`, tab or `|`.
///
/// The winner is the delimiter that occurs the same non-zero number of times on the most
/// of the first 20 non-blank logical lines, counted outside double quotes (a quoted note
/// may hold `;` and line breaks), among those that occur in the first of these lines, the
/// header, when any does. Ties go to `;`, then `,`, then tab; text with none of
/// them gives `;`. A first line `sep=X`, which Excel writes and reads to know the
/// delimiter, decides without counting.
///
/// ```
/// use kartoteka_core::sniff_delimiter;
///
/// assert_eq!(sniff_delimiter("Фамилия;Имя\nИванов;Иван\n"), b';');
/// assert_eq!(sniff_delimiter("Name,Notes\nIvan,\"a; b; c\"\n"), b',');
/// assert_eq!(sniff_delimiter("sep=,\nФамилия;Имя\nИванов;Иван\n"), b',');
/// ```
pub fn sniff_delimiter(text: &str) -> u8 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some((delimiter, _)) = excel_separator(text) {
        return delimiter;
    }
    let counts = DELIMITERS.map(|delimiter| delimiter_counts(text, delimiter));
    // The header line names the columns, so a delimiter it lacks splits nothing there:
    // a tab in a note of a comma-separated file, or commas in its phones, must not win.
    let in_header = |counts: &Vec<usize>| counts.first().is_some_and(|&count| count > 0);
    let any_in_header = counts.iter().any(in_header);
    let mut best = (0, b';');
    for (delimiter, counts) in DELIMITERS.into_iter().zip(counts) {
        if any_in_header && !in_header(&counts) {
            continue;
        }
        let mut frequencies: Vec<(usize, usize)> = Vec::new();
        for count in counts.into_iter().filter(|&count| count > 0) {
            match frequencies.iter_mut().find(|(c, _)| *c == count) {
                Some((_, lines)) => *lines += 1,
                None => frequencies.push((count, 1)),
            }
        }
        let agreeing = frequencies
            .iter()
            .map(|&(_, lines)| lines)
            .max()
            .unwrap_or(0);
        if agreeing > best.0 {
            best = (agreeing, delimiter);
        }
    }
    best.1
}

/// How often `delimiter` occurs outside quotes on each of the first non-blank logical
/// lines of `text`.
fn delimiter_counts(text: &str, delimiter: u8) -> Vec<usize> {
    let mut counts = Vec::with_capacity(SNIFF_LINES);
    let mut scanner = Scanner::new(delimiter);
    let mut count = 0;
    let mut blank = true;
    for &byte in text.as_bytes() {
        match scanner.step(byte) {
            Step::Delimiter => count += 1,
            Step::RecordEnd => {
                if !blank {
                    counts.push(count);
                    if counts.len() == SNIFF_LINES {
                        return counts;
                    }
                }
                count = 0;
                blank = true;
                continue;
            }
            Step::Content => {}
        }
        blank = false;
    }
    if !blank {
        counts.push(count);
    }
    counts
}

/// Reads `text` as CSV separated by `delimiter` into a [`Table`].
///
/// The first non-blank row is the header; Excel's `sep=X` line before it is skipped and
/// not counted, as Excel does not show it. Cells are trimmed of surrounding whitespace,
/// line breaks inside them become `\n`, and the `'` the export puts before a formula
/// character is removed. Rows whose cells are all empty are skipped but counted. Trailing
/// empty header names, and the empty cells under them, are dropped: Bitrix24 ends every
/// line with a delimiter.
///
/// # Errors
///
/// [`ImportError::Empty`] when there is no header row, and [`ImportError::UnclosedQuote`]
/// when a quoted value is never closed (everything after it would silently become one cell).
///
/// ```
/// use kartoteka_core::read_table;
///
/// let table = read_table("Фамилия;Комментарий;\nИванов;\"две\nстроки\";\n\nПетров;;\n", b';')?;
/// assert_eq!(table.headers, ["Фамилия", "Комментарий"]);
/// assert_eq!(table.rows[0].cells, ["Иванов", "две\nстроки"]);
/// assert_eq!(table.rows[1].number, 4); // the blank line is row 3
/// # Ok::<(), kartoteka_core::ImportError>(())
/// ```
pub fn read_table(text: &str, delimiter: u8) -> Result<Table, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = excel_separator(text).map_or(text, |(_, rest)| rest);
    let bytes = text.as_bytes();
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = StringRecord::new();
    let mut lines = LineCounter::default();
    // Line breaks inside the values of the rows read so far: the physical line of a row
    // minus these is its spreadsheet row number.
    let mut breaks_inside = 0;
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut last_record = (1, 0..0);
    loop {
        let start = position(&reader);
        let read = reader.read_record(&mut record);
        let end = position(&reader);
        let content = start
            + bytes[start..end]
                .iter()
                .take_while(|b| is_line_break(**b))
                .count();
        let number = lines.line_at(bytes, content) - breaks_inside;
        match read {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                return Err(ImportError::Csv {
                    row: number,
                    message: err.to_string(),
                })
            }
        }
        last_record = (number, content..end);
        let mut cells: Vec<String> = Vec::with_capacity(record.len());
        for field in &record {
            breaks_inside += count_line_breaks(field.as_bytes());
            cells.push(clean_cell(field));
        }
        push_record(&mut headers, &mut rows, number, cells);
    }
    let headers = headers.ok_or(ImportError::Empty)?;
    let (row, last_record) = last_record;
    if let Some(field) = unclosed_quote(&bytes[last_record], delimiter) {
        return Err(ImportError::UnclosedQuote {
            row,
            column: field + 1,
            header: headers.get(field).cloned().unwrap_or_default(),
        });
    }
    Ok(Table { headers, rows })
}

/// Adds one record to a table being built, from a CSV file or a workbook sheet alike:
/// blank records are skipped (their numbers stay counted), the first non-blank one is the
/// header without its trailing empty names, and the empty cells past a row's last value
/// beyond the header (Bitrix24's trailing delimiter, a sheet's used range) are dropped.
pub(super) fn push_record(
    headers: &mut Option<Vec<String>>,
    rows: &mut Vec<Row>,
    number: usize,
    mut cells: Vec<String>,
) {
    if cells.iter().all(String::is_empty) {
        return;
    }
    match headers {
        None => {
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            *headers = Some(cells);
        }
        Some(headers) => {
            while cells.len() > headers.len() && cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            rows.push(Row { number, cells });
        }
    }
}

/// Excel's `sep=X` first line (any case, possibly quoted): the delimiter it names and the
/// text after the line.
fn excel_separator(text: &str) -> Option<(u8, &str)> {
    let line_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let line = text[..line_end].trim_matches(|c: char| c == ' ');
    let line = line
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or(line);
    let (key, delimiter) = line.split_at_checked(4)?;
    let &[delimiter] = delimiter.as_bytes() else {
        return None;
    };
    let plausible = delimiter.is_ascii_punctuation() || delimiter == b'\t';
    if !key.eq_ignore_ascii_case("sep=") || !plausible {
        return None;
    }
    let rest = &text[line_end..];
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix(['\r', '\n']))
        .unwrap_or(rest);
    Some((delimiter, rest))
}

fn position(reader: &csv::Reader<&[u8]>) -> usize {
    // The reader reads from a slice in memory, so its byte offsets fit in usize.
    reader.position().byte() as usize
}

/// A cell as the rest of the import sees it.
fn clean_cell(raw: &str) -> String {
    let cell = formula::strip(raw.trim());
    if cell.contains('\r') {
        cell.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        cell.to_owned()
    }
}

fn is_line_break(byte: u8) -> bool {
    byte == b'\n' || byte == b'\r'
}

/// Line breaks in `bytes`, counting `\r\n`, `\n` and a lone `\r` as one each, the way csv
/// ends records.
fn count_line_breaks(bytes: &[u8]) -> usize {
    (0..bytes.len())
        .filter(|&at| is_break_at(bytes, at))
        .count()
}

/// Whether a line break is counted at `at`: every `\n`, and a `\r` not followed by one.
fn is_break_at(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b'\n' => true,
        b'\r' => bytes.get(at + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The physical line of byte offsets, counted incrementally as they grow.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    breaks: usize,
}

impl LineCounter {
    /// The 1-based line on which `offset` lies; offsets must not decrease between calls.
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> usize {
        self.breaks += (self.offset..offset)
            .filter(|&at| is_break_at(bytes, at))
            .count();
        self.offset = offset;
        1 + self.breaks
    }
}

/// The field index (0-based) of a quoted value that `record` opens and never closes.
fn unclosed_quote(record: &[u8], delimiter: u8) -> Option<usize> {
    let mut scanner = Scanner::new(delimiter);
    let mut field = 0;
    let mut opened_in = 0;
    for &byte in record {
        let before = scanner.state;
        match scanner.step(byte) {
            Step::Delimiter => field += 1,
            Step::RecordEnd => field = 0,
            Step::Content if before == State::FieldStart && scanner.state == State::Quoted => {
                opened_in = field;
            }
            Step::Content => {}
        }
    }
    (scanner.state == State::Quoted).then_some(opened_in)
}

/// Where a [`Scanner`] stands, following csv-core's rules: a quote opens a quoted value
/// only at the start of a field; inside one, `""` is a literal quote and a single `"`
/// closes it; text after the closing quote joins the value unquoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// What a byte meant to a [`Scanner`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// A delimiter outside quotes.
    Delimiter,
    /// A line break outside quotes.
    RecordEnd,
    /// Anything else: a value's content or a quote.
    Content,
}

/// A byte-at-a-time CSV tokenizer, just enough to find fields and records without
/// building them.
struct Scanner {
    delimiter: u8,
    state: State,
}

impl Scanner {
    fn new(delimiter: u8) -> Self {
        Scanner {
            delimiter,
            state: State::FieldStart,
        }
    }

    fn step(&mut self, byte: u8) -> Step {
        let (state, step) = match (self.state, byte) {
            (State::Quoted, b'"') => (State::QuoteInQuoted, Step::Content),
            (State::Quoted, _) => (State::Quoted, Step::Content),
            (State::QuoteInQuoted, b'"') => (State::Quoted, Step::Content),
            (State::FieldStart, b'"') => (State::Quoted, Step::Content),
            (_, b) if b == self.delimiter => (State::FieldStart, Step::Delimiter),
            (_, b'\n' | b'\r') => (State::FieldStart, Step::RecordEnd),
            _ => (State::Unquoted, Step::Content),
        };
        self.state = state;
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &Row) -> Vec<&str> {
        row.cells.iter().map(String::as_str).collect()
    }

    #[test]
    fn sniffs_semicolons_despite_quoted_notes() {
        let text = "Фамилия;Имя;Комментарий\r\n\
                    Иванов;Иван;\"перезвонить; после 10,\r\nсекретарь; Анна\"\r\n\
                    Петров;Пётр;\"a, b, c, d, e\"\r\n";
        assert_eq!(sniff_delimiter(text), b';');
    }

    #[test]
    fn sniffs_commas_tabs_and_pipes() {
        let google = "First Name,Address\nАнна,\"г. Москва; ул. Ленина, д. 1\"\nИван,\"a;b;c\"\n";
        assert_eq!(sniff_delimiter(google), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n4\t5\t6\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n3|4\n"), b'|');
    }

    #[test]
    fn sniffing_wants_the_delimiter_in_the_header() {
        // Ragged rows make the tab's count vary as much as that of the phones' commas.
        let text = "Фамилия\tТелефон\n\t\t8 916 123-45-67, доб. 5\n\t\t8 903, доб. 2\nx\ty\tz\tw\n";
        assert_eq!(sniff_delimiter(text), b'\t');
        // A one-column file has no delimiter in its header, and the rows then decide.
        assert_eq!(sniff_delimiter("Фамилия\nИванов,Иван\nПетров,Пётр\n"), b',');
    }

    #[test]
    fn sniffing_wants_the_same_count_on_each_line() {
        // Commas appear on every line but in varying numbers; semicolons twice each.
        let text = "a;b;c\nг. Тула, ул. Мира;2;3\nx, y, z, w;5;6\n, ;8;9\n";
        assert_eq!(sniff_delimiter(text), b';');
    }

    #[test]
    fn sniffing_ties_prefer_semicolon_then_comma_then_tab() {
        assert_eq!(sniff_delimiter("a;b,c\n"), b';');
        assert_eq!(sniff_delimiter("a,b\tc\n"), b',');
        assert_eq!(sniff_delimiter("a\tb|c\n"), b'\t');
        assert_eq!(sniff_delimiter("Фамилия\nИванов\n"), b';');
        assert_eq!(sniff_delimiter(""), b';');
    }

    #[test]
    fn sniffing_skips_blank_lines_and_stops_after_twenty() {
        let mut text = String::from("\r\n\r\na,b,c\r\n\r\n");
        text.push_str(&"1,2,3\r\n".repeat(19));
        text.push_str(&"1;2;3;4;5;6;7;8;9\r\n".repeat(100));
        assert_eq!(sniff_delimiter(&text), b',');
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "Фамилия;Комментарий\r\n\
                    Иванов;\"строка 1\r\nстрока 2\r\nстрока 3\"\r\n\
                    \r\n\
                    ;\r\n\
                    Петров;\"a\nb\"\r\n\
                    Сидоров;\r\n";
        let table = read_table(text, b';').unwrap();
        let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
        // Row 3 is the blank line, row 4 the empty cells; both are skipped.
        assert_eq!(numbers, [2, 5, 6]);
        assert_eq!(
            cells(&table.rows[0]),
            ["Иванов", "строка 1\nстрока 2\nстрока 3"]
        );
        assert_eq!(cells(&table.rows[1]), ["Петров", "a\nb"]);
    }

    #[test]
    fn numbering_works_with_lf_and_lone_cr_line_ends() {
        let lf = "h1;h2\n\n\"x\ny\";1\n\nz;2\n";
        let table = read_table(lf, b';').unwrap();
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [3, 5]
        );
        let cr = "h1;h2\r\r\"x\ry\";1\rz;2";
        let table = read_table(cr, b';').unwrap();
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [3, 4]
        );
        assert_eq!(cells(&table.rows[0]), ["x\ny", "1"]);
    }

    #[test]
    fn excel_separator_line_is_honoured_and_skipped() {
        let text = "sep=,\r\nФамилия,Комментарий\r\nИванов,\"а; б\"\r\n";
        assert_eq!(sniff_delimiter(text), b',');
        let table = read_table(text, b',').unwrap();
        assert_eq!(table.headers, ["Фамилия", "Комментарий"]);
        assert_eq!(table.rows[0].number, 2);
        assert_eq!(cells(&table.rows[0]), ["Иванов", "а; б"]);
        // Quoted, in capitals, after a BOM, with a lone CR, and a tab.
        assert_eq!(excel_separator("\"SEP=;\"\rx"), Some((b';', "x")));
        assert_eq!(sniff_delimiter("\u{feff}sep=;\na,b,c\n1,2,3\n"), b';');
        assert_eq!(excel_separator("sep=\t"), Some((b'\t', "")));
        // Not a separator line.
        assert_eq!(excel_separator("sep=ab\n"), None);
        assert_eq!(excel_separator("sep;Имя\n"), None);
        assert_eq!(excel_separator("Сепаратор\n"), None);
        assert_eq!(excel_separator(""), None);
    }

    #[test]
    fn leading_blank_lines_move_the_header_down() {
        let table = read_table("\n\nФамилия\nИванов\n", b';').unwrap();
        assert_eq!(table.headers, ["Фамилия"]);
        assert_eq!(table.rows[0].number, 4);
    }

    #[test]
    fn bitrix_trailing_delimiters_are_dropped() {
        let text =
            "\"NAME\";\"LAST_NAME\";\r\n\"Иван\";\"Петров\";\r\n\"Анна\";\"\";\"лишнее\"\r\n";
        let table = read_table(text, b';').unwrap();
        assert_eq!(table.headers, ["NAME", "LAST_NAME"]);
        assert_eq!(cells(&table.rows[0]), ["Иван", "Петров"]);
        // A cell with something in it beyond the header is kept for the mapper to report.
        assert_eq!(cells(&table.rows[1]), ["Анна", "", "лишнее"]);
    }

    #[test]
    fn short_rows_stay_short() {
        let table = read_table("a;b;c\n1\n", b';').unwrap();
        assert_eq!(cells(&table.rows[0]), ["1"]);
    }

    #[test]
    fn cells_are_trimmed_and_unguarded() {
        let text = "\u{feff} Фамилия ;Комментарий\n  Иванов\u{a0};\"'=HYPERLINK(\"\"x\"\")\"\n\
                    Петров;'обычный текст\n";
        let table = read_table(text, b';').unwrap();
        assert_eq!(table.headers, ["Фамилия", "Комментарий"]);
        assert_eq!(cells(&table.rows[0]), ["Иванов", "=HYPERLINK(\"x\")"]);
        assert_eq!(cells(&table.rows[1]), ["Петров", "'обычный текст"]);
    }

    #[test]
    fn no_header_is_an_error() {
        assert_eq!(read_table("", b';'), Err(ImportError::Empty));
        assert_eq!(
            read_table("\r\n\r\n;;;\r\n  ;\r\n", b';'),
            Err(ImportError::Empty)
        );
    }

    #[test]
    fn header_only_has_no_rows() {
        let table = read_table("Фамилия;Имя\r\n", b';').unwrap();
        assert_eq!(
            table,
            Table {
                headers: vec!["Фамилия".into(), "Имя".into()],
                rows: vec![]
            }
        );
    }

    #[test]
    fn an_unclosed_quote_names_its_row_and_column() {
        let text = "Фамилия;Комментарий\nИванов;ok\nПетров;\"Договор № 5\nСидоров;x\n";
        let err = read_table(text, b';').unwrap_err();
        assert_eq!(
            err,
            ImportError::UnclosedQuote {
                row: 3,
                column: 2,
                header: "Комментарий".into()
            }
        );
    }

    #[test]
    fn quotes_inside_unquoted_values_are_literal() {
        let text = "Компания;Город\nООО \"Ромашка\";Тула\n\"a\"b;\"\"\"x\"\"\"\n";
        let table = read_table(text, b';').unwrap();
        assert_eq!(cells(&table.rows[0]), ["ООО \"Ромашка\"", "Тула"]);
        assert_eq!(cells(&table.rows[1]), ["ab", "\"x\""]);
    }

    #[test]
    fn line_breaks_are_counted_once_per_line() {
        assert_eq!(count_line_breaks(b"a\r\nb\nc\rd"), 3);
        assert_eq!(count_line_breaks(b"\r\n\r\n"), 2);
        assert_eq!(count_line_breaks(b"\r"), 1);
        assert_eq!(count_line_breaks(b""), 0);
    }

    #[test]
    fn unclosed_quote_finds_the_field() {
        assert_eq!(unclosed_quote(b"a;b;\"c\nd", b';'), Some(2));
        assert_eq!(unclosed_quote(b"a;\"b\"\"\";c", b';'), None);
        assert_eq!(unclosed_quote(b"a;b\"c", b';'), None);
        assert_eq!(unclosed_quote(b"\"a\"x\"y", b';'), None);
    }
}
