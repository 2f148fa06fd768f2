//! Files whose structure is broken the ways real files are: each fault is either imported
//! correctly or reported with its row, and the rows imported and skipped always add up to
//! the data rows of the file.

mod common;

use common::CTX;
use kartoteka_core::{map_row, prepare, ImportError, MappedRow, RowIssue, RowIssueKind};

/// A file read and every row mapped.
struct Outcome {
    /// The numbers of the rows read, in order.
    rows: Vec<usize>,
    mapped: Vec<(usize, MappedRow)>,
    skipped: Vec<RowIssue>,
}

impl Outcome {
    fn of(text: &str) -> Outcome {
        let prepared = prepare(text.as_bytes()).expect("the file reads");
        let table = &prepared.table;
        let mut outcome = Outcome {
            rows: table.rows.iter().map(|r| r.number).collect(),
            mapped: Vec::new(),
            skipped: Vec::new(),
        };
        for row in &table.rows {
            match map_row(row, &table.headers, &prepared.mapping, &CTX) {
                Ok(mapped) => outcome.mapped.push((row.number, mapped)),
                Err(issue) => {
                    assert_eq!(issue.row, row.number);
                    outcome.skipped.push(issue);
                }
            }
        }
        assert_eq!(
            outcome.mapped.len() + outcome.skipped.len(),
            outcome.rows.len(),
            "every row read is either imported or skipped"
        );
        outcome
    }

    /// Asserts that the data rows are `rows` (by number) and that they add up.
    fn assert_rows(&self, rows: &[usize]) {
        assert_eq!(self.rows, rows);
    }

    fn warnings(&self) -> Vec<(usize, &str, &str, RowIssueKind)> {
        self.mapped
            .iter()
            .flat_map(|(_, m)| &m.warnings)
            .map(|w| {
                (
                    w.row,
                    w.column.as_deref().unwrap_or(""),
                    w.value.as_str(),
                    w.kind,
                )
            })
            .collect()
    }

    fn surnames(&self) -> Vec<&str> {
        self.mapped
            .iter()
            .map(|(_, m)| m.contact.surname.as_str())
            .collect()
    }
}

#[test]
fn short_rows_import_with_the_missing_cells_empty() {
    let outcome =
        Outcome::of("Фамилия;Имя;Телефон;E-mail\nИванов;Иван\nПетров\nСидоров;;+7 900 000-00-01\n");
    outcome.assert_rows(&[2, 3, 4]);
    assert_eq!(outcome.surnames(), ["Иванов", "Петров", "Сидоров"]);
    let (_, ivanov) = &outcome.mapped[0];
    assert_eq!(ivanov.contact.name, "Иван");
    assert!(ivanov.contact.phones.is_empty() && ivanov.contact.emails.is_empty());
    assert_eq!(
        outcome.mapped[2].1.contact.phones[0].normalized,
        "79000000001"
    );
    assert_eq!(outcome.warnings(), []);
}

#[test]
fn long_rows_keep_their_extra_cells_and_say_so() {
    let outcome = Outcome::of("Фамилия;Имя\nИванов;Иван;лишнее;ещё\nПетров;Пётр\n");
    outcome.assert_rows(&[2, 3]);
    let (_, ivanov) = &outcome.mapped[0];
    assert_eq!(
        ivanov.contact.extra,
        [
            ("Столбец 3".to_owned(), "лишнее".to_owned()),
            ("Столбец 4".to_owned(), "ещё".to_owned())
        ]
    );
    assert_eq!(
        outcome.warnings(),
        [
            (2, "Столбец 3", "лишнее", RowIssueKind::ExtraCells),
            (2, "Столбец 4", "ещё", RowIssueKind::ExtraCells)
        ]
    );
}

#[test]
fn a_trailing_delimiter_on_every_line_changes_nothing() {
    let outcome = Outcome::of("Фамилия,Имя,Телефон,\nИванов,Иван,89161234567,\nПетров,Пётр,,\n");
    outcome.assert_rows(&[2, 3]);
    assert_eq!(outcome.surnames(), ["Иванов", "Петров"]);
    assert_eq!(outcome.warnings(), []);
    assert!(outcome
        .mapped
        .iter()
        .all(|(_, m)| m.contact.extra.is_empty()));
}

#[test]
fn duplicate_header_names_lose_no_value() {
    let outcome = Outcome::of(
        "Фамилия;Телефон;Телефон;Фамилия\n\
         Иванов;8 916 123-45-67;8 903 123-45-67;Иванова\n",
    );
    outcome.assert_rows(&[2]);
    let contact = &outcome.mapped[0].1.contact;
    assert_eq!(contact.surname, "Иванов");
    let phones: Vec<&str> = contact
        .phones
        .iter()
        .map(|p| p.normalized.as_str())
        .collect();
    assert_eq!(phones, ["79161234567", "79031234567"]);
    assert_eq!(
        contact.extra,
        [("Фамилия".to_owned(), "Иванова".to_owned())]
    );
}

#[test]
fn blank_and_whitespace_only_lines_are_skipped_but_counted() {
    let text = "Фамилия;Имя\r\n\r\nИванов;Иван\r\n   \r\n\t\r\n ; \r\nПетров;Пётр\r\n\u{a0}\r\n";
    let outcome = Outcome::of(text);
    // Rows 2, 4, 5, 6 and 8 are blank: the contacts keep the numbers Excel shows.
    outcome.assert_rows(&[3, 7]);
    assert_eq!(outcome.surnames(), ["Иванов", "Петров"]);
}

#[test]
fn a_row_with_nothing_to_identify_is_skipped_with_its_number() {
    let outcome = Outcome::of("Фамилия;Статус;Комментарий\nИванов;клиент;\n;клиент;без имени\n");
    outcome.assert_rows(&[2, 3]);
    assert_eq!(outcome.mapped.len(), 1);
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(outcome.skipped[0].row, 3);
    assert_eq!(outcome.skipped[0].kind, RowIssueKind::EmptyRow);
    assert_eq!(outcome.skipped[0].value, "клиент; без имени");
}

#[test]
fn quoted_delimiters_quotes_and_line_breaks_are_values() {
    let text = "Фамилия,Компания,Комментарий\n\
                Иванов,\"ООО \"\"Ромашка\"\", склад\",\"строка 1\nстрока 2, с запятой\"\n\
                Петров,\"\",\"\"\"\"\n";
    let outcome = Outcome::of(text);
    // Rows count records, as a spreadsheet shows them, not lines.
    outcome.assert_rows(&[2, 3]);
    let ivanov = &outcome.mapped[0].1.contact;
    assert_eq!(ivanov.company, "ООО \"Ромашка\", склад");
    assert_eq!(ivanov.notes, "строка 1\nстрока 2, с запятой");
    let petrov = &outcome.mapped[1].1.contact;
    assert_eq!((petrov.company.as_str(), petrov.notes.as_str()), ("", "\""));
}

#[test]
fn an_unclosed_quote_is_reported_with_its_row_and_column() {
    let text = "Фамилия;Имя;Комментарий\nИванов;Иван;ok\nПетров;Пётр;\"Договор 5\nСидоров;Олег;x\n";
    assert_eq!(
        prepare(text.as_bytes()).unwrap_err(),
        ImportError::UnclosedQuote {
            row: 3,
            column: 3,
            header: "Комментарий".into()
        }
    );
}
