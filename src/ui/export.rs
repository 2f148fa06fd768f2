//! The list's export: records to a file in the chosen format, and what the
//! user is told when a format cannot hold them.

use chrono::NaiveDate;
use kartoteka_core::{
    export_csv_windows1251, export_csv_with_fields, export_xlsx, Contact, CsvPreset, Unencodable,
    XlsxExportError,
};
use leptos::prelude::*;

use crate::i18n::*;
use crate::storage::prefs::ExportFormat;
use crate::storage::BaseSettings;
use crate::ui::download::download;
use crate::ui::format;

/// Why a file was not written.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportProblem {
    /// Characters Windows-1251 lacks; the user may export in UTF-8 instead.
    Unencodable(Vec<Unencodable>),
    Xlsx(XlsxExportError),
}

/// The cells listed on screen; the rest are counted.
const SHOWN: usize = 20;

/// The format's name in the export menu.
pub fn format_label(i18n: leptos_i18n::I18nContext<Locale>, format: ExportFormat) -> String {
    match format {
        ExportFormat::CsvExcel => t_string!(i18n, preset_excel).to_string(),
        ExportFormat::CsvPlain => t_string!(i18n, preset_plain).to_string(),
        ExportFormat::CsvWindows1251 => t_string!(i18n, preset_windows1251).to_string(),
        ExportFormat::Xlsx => t_string!(i18n, preset_xlsx).to_string(),
    }
}

/// Writes `contacts` in `format` and offers the file as a download.
pub fn export_contacts(
    format: ExportFormat,
    contacts: &[&Contact],
    settings: &BaseSettings,
    today: NaiveDate,
) -> Result<(), ExportProblem> {
    let policy = &settings.freshness;
    let fields = &settings.custom_fields;
    let csv = |preset: CsvPreset| {
        export_csv_with_fields(contacts.iter().copied(), preset, policy, today, fields)
    };
    let (bytes, extension, mime) = match format {
        ExportFormat::CsvExcel => (csv(CsvPreset::Excel), "csv", "text/csv;charset=utf-8"),
        ExportFormat::CsvPlain => (csv(CsvPreset::Plain), "csv", "text/csv;charset=utf-8"),
        ExportFormat::CsvWindows1251 => (
            export_csv_windows1251(contacts.iter().copied(), policy, today, fields)
                .map_err(ExportProblem::Unencodable)?,
            "csv",
            "text/csv;charset=windows-1251",
        ),
        ExportFormat::Xlsx => (
            export_xlsx(contacts.iter().copied(), policy, today, fields)
                .map_err(ExportProblem::Xlsx)?,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    let name = format!("kartoteka-{}.{extension}", today.format("%Y-%m-%d"));
    if let Err(error) = download(&bytes, &name, mime) {
        crate::state::log(&format!("export failed: {error}"));
    }
    Ok(())
}

/// Why the last export wrote nothing, with the way out: for Windows-1251,
/// UTF-8 (`on_utf8`), which holds every character; otherwise only closing.
#[component]
pub fn ExportProblemView(
    problem: RwSignal<Option<ExportProblem>>,
    on_utf8: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || {
        let locale = i18n.get_locale();
        match problem.get()? {
            ExportProblem::Unencodable(cells) => {
                let more = cells.len().saturating_sub(SHOWN);
                let items = cells
                    .into_iter()
                    .take(SHOWN)
                    .map(|cell| {
                        let record = if cell.row == 1 {
                            t_string!(i18n, export_header_row).to_string()
                        } else {
                            t_string!(
                                i18n,
                                export_record,
                                row = cell.row,
                                name = cell.record.clone()
                            )
                            .to_string()
                        };
                        let characters: String = cell
                            .characters
                            .iter()
                            .map(|c| format!("«{c}» (U+{:04X})", u32::from(*c)))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! {
                            <li data-testid="unencodable">
                                {record}", «"{cell.field.clone()}"»: "{characters}
                            </li>
                        }
                    })
                    .collect_view();
                Some(
                    view! {
                        <p>{t!(i18n, export_unencodable)}</p>
                        <ul class="issues">{items}</ul>
                        <Show when=move || { more > 0 }>
                            <p class="secondary">{move || t_string!(i18n, export_unencodable_more, count = more, shown = format::count(locale, more))}</p>
                        </Show>
                        <div class="actions">
                            <button class="button primary" data-testid="export-utf8" on:click=move |_| {
                                problem.set(None);
                                on_utf8.run(());
                            }>{t!(i18n, export_in_utf8)}</button>
                            <button class="button" data-testid="export-cancel" on:click=move |_| problem.set(None)>
                                {t!(i18n, cancel)}
                            </button>
                        </div>
                    }
                    .into_any(),
                )
            }
            ExportProblem::Xlsx(error) => {
                let text = match error {
                    XlsxExportError::TooLong {
                        row,
                        record,
                        field,
                        length,
                    } => t_string!(
                        i18n,
                        export_too_long,
                        row = row,
                        name = record,
                        field = field,
                        length = format::count(locale, length),
                        limit = format::count(locale, kartoteka_core::XLSX_MAX_CELL_CHARS)
                    )
                    .to_string(),
                    XlsxExportError::TooManyRows { records } => t_string!(
                        i18n,
                        export_too_many_rows,
                        records = format::count(locale, records),
                        limit = format::count(locale, kartoteka_core::XLSX_MAX_ROWS - 1)
                    )
                    .to_string(),
                    other => t_string!(i18n, export_failed, reason = other.to_string()).to_string(),
                };
                Some(
                    view! {
                        <p>{text}</p>
                        <div class="actions">
                            <button class="button" data-testid="export-cancel" on:click=move |_| problem.set(None)>
                                {t!(i18n, close)}
                            </button>
                        </div>
                    }
                    .into_any(),
                )
            }
        }
    };
    view! {
        <Show when=move || problem.with(Option::is_some)>
            <div class="confirm banner" role="alert" data-testid="export-problem">{body}</div>
        </Show>
    }
}
