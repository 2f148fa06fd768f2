//! The import wizard: file → preview → result, on one screen.

use std::rc::Rc;

use kartoteka_core::{
    format_date, map_row, prepare, Contact, Field, ImportContext, ImportError, Layout, Prepared,
    RowIssue, RowIssueKind, SlotPart,
};
use leptos::html;
use leptos::prelude::*;

use crate::i18n::*;
use crate::route::Route;
use crate::state::{log, new_id, now, use_app, AppState};
use crate::ui::download::download;
use crate::ui::notice::storage_message;
use crate::ui::{format, labels};
use leptos_i18n::I18nContext;

/// Rows mapped between two yields to the event loop: small enough that the
/// progress bar moves and the page answers, large enough to cost little.
const ROWS_PER_STEP: usize = 500;
/// How many mapped rows the preview shows.
const PREVIEW_ROWS: usize = 5;

struct Plan {
    file_name: String,
    prepared: Prepared,
    preview: Vec<Contact>,
}

struct Outcome {
    stored: usize,
    skipped: Vec<RowIssue>,
    warnings: Vec<RowIssue>,
}

#[derive(Clone)]
enum Step {
    Choose,
    Reading,
    Preview(Rc<Plan>),
    Importing { done: usize, total: usize },
    Done(Rc<Outcome>),
    Failed(String),
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let step = RwSignal::new_local(Step::Choose);
    let input = NodeRef::<html::Input>::new();

    let on_file = move |_| {
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        step.set(Step::Reading);
        leptos::task::spawn_local(async move {
            let next = match read_file(&file).await {
                Err(()) => Step::Failed(t_string!(i18n, import_error_read).to_string()),
                Ok(bytes) => match prepare(&bytes) {
                    Err(error) => Step::Failed(import_error(i18n, &error)),
                    Ok(prepared) => Step::Preview(Rc::new(plan(state, file.name(), prepared))),
                },
            };
            step.set(next);
        });
    };
    let choose_again = move |_| {
        if let Some(input) = input.get_untracked() {
            input.set_value("");
        }
        step.set(Step::Choose);
    };

    view! {
        <section class="screen import" data-testid="import-screen">
            <h1>{t!(i18n, import_title)}</h1>
            <ol class="steps">
                <li class:current=move || matches!(step.get(), Step::Choose | Step::Reading | Step::Failed(_))>{t!(i18n, import_step_file)}</li>
                <li class:current=move || matches!(step.get(), Step::Preview(_))>{t!(i18n, import_step_preview)}</li>
                <li class:current=move || matches!(step.get(), Step::Importing { .. } | Step::Done(_))>{t!(i18n, import_step_result)}</li>
            </ol>
            <div class="drop" class:hidden=move || !matches!(step.get(), Step::Choose | Step::Failed(_))>
                <p>{t!(i18n, import_drop)}</p>
                <label class="button primary file">
                    {t!(i18n, import_choose)}
                    <input
                        type="file"
                        accept=".csv,.txt,text/csv"
                        node_ref=input
                        data-testid="import-input"
                        on:change=on_file
                    />
                </label>
            </div>
            {move || match step.get() {
                Step::Choose => ().into_any(),
                Step::Reading => view! { <p>{t!(i18n, import_reading)}</p> }.into_any(),
                Step::Failed(message) => view! {
                    <p class="problem" role="alert" data-testid="import-error">{message}</p>
                }.into_any(),
                Step::Preview(plan) => view! { <Preview plan step choose_again /> }.into_any(),
                Step::Importing { done, total } => view! { <Progress done total /> }.into_any(),
                Step::Done(outcome) => view! { <Report outcome choose_again /> }.into_any(),
            }}
        </section>
    }
}

async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn context(state: AppState) -> ImportContext {
    ImportContext {
        now: now(),
        today: state.today.get_untracked(),
    }
}

fn plan(state: AppState, file_name: String, prepared: Prepared) -> Plan {
    let ctx = context(state);
    let table = &prepared.table;
    let preview = table
        .rows
        .iter()
        .filter_map(|row| map_row(row, &table.headers, &prepared.mapping, &ctx).ok())
        .take(PREVIEW_ROWS)
        .map(|mapped| mapped.contact)
        .collect();
    Plan {
        file_name,
        prepared,
        preview,
    }
}

fn import_error(i18n: I18nContext<Locale>, error: &ImportError) -> String {
    let reason = match error {
        ImportError::Empty => t_string!(i18n, import_error_empty).to_string(),
        ImportError::Csv { row, message } => t_string!(
            i18n,
            import_error_csv,
            row = *row,
            message = message.clone()
        )
        .to_string(),
        other => other.to_string(),
    };
    t_string!(i18n, import_failed, reason = reason).to_string()
}

/// Maps every row (yielding now and then), then stores them all in one
/// transaction.
async fn run_import(
    state: AppState,
    i18n: I18nContext<Locale>,
    plan: Rc<Plan>,
    step: RwSignal<Step, LocalStorage>,
) {
    let table = &plan.prepared.table;
    let total = table.rows.len();
    let ctx = context(state);
    let mut contacts = Vec::with_capacity(total);
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    for (i, rows) in table.rows.chunks(ROWS_PER_STEP).enumerate() {
        for row in rows {
            match map_row(row, &table.headers, &plan.prepared.mapping, &ctx) {
                Ok(mut mapped) => {
                    mapped.contact.id = new_id();
                    contacts.push(mapped.contact);
                    warnings.extend(mapped.warnings);
                }
                Err(issue) => skipped.push(issue),
            }
        }
        // Mapping is the first half of the bar, storing the second.
        step.set(Step::Importing {
            done: (i * ROWS_PER_STEP + rows.len()) / 2,
            total,
        });
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    let mapped = contacts.len();
    let stored = state
        .add_contacts(contacts, move |written, chunks| {
            step.set(Step::Importing {
                done: total / 2 + total * written / chunks.max(1) / 2,
                total,
            });
        })
        .await;
    match stored {
        Ok(stored) => {
            log(&format!(
                "import of {}: {stored} stored, {} skipped, {} warnings",
                plan.file_name,
                skipped.len(),
                warnings.len()
            ));
            step.set(Step::Done(Rc::new(Outcome {
                stored,
                skipped,
                warnings,
            })));
        }
        Err(error) => {
            log(&format!(
                "import of {} failed after mapping {mapped} rows: {error}",
                plan.file_name
            ));
            step.set(Step::Failed(storage_message(i18n, &error)));
        }
    }
}

fn field_label(i18n: I18nContext<Locale>, field: Option<Field>) -> String {
    let slot = |name: String, n: u8, part: SlotPart| match part {
        SlotPart::Value => format!("{name} {n}"),
        SlotPart::Kind => format!("{name} {n}: {}", t_string!(i18n, field_kind)),
        SlotPart::ConfirmedOn => format!("{name} {n}: {}", t_string!(i18n, field_confirmed_on)),
    };
    let Some(field) = field else {
        return t_string!(i18n, import_kept_extra).to_string();
    };
    match field {
        Field::Surname => t_string!(i18n, field_surname).to_string(),
        Field::Name => t_string!(i18n, field_name).to_string(),
        Field::Patronymic => t_string!(i18n, field_patronymic).to_string(),
        Field::FullName => format!(
            "{} + {} + {}",
            t_string!(i18n, field_surname),
            t_string!(i18n, field_name),
            t_string!(i18n, field_patronymic)
        ),
        Field::Kind => t_string!(i18n, field_kind).to_string(),
        Field::Company => t_string!(i18n, field_company).to_string(),
        Field::Position => t_string!(i18n, field_position).to_string(),
        Field::Phone(kind) => {
            format!(
                "{} ({})",
                t_string!(i18n, col_phone),
                labels::phone_kind(i18n, kind)
            )
        }
        Field::Email(kind) => {
            format!(
                "{} ({})",
                t_string!(i18n, col_email),
                labels::email_kind(i18n, kind)
            )
        }
        Field::Messenger(kind) => labels::messenger_kind(i18n, kind),
        Field::Address(kind) => {
            format!(
                "{} ({})",
                t_string!(i18n, field_addresses),
                labels::address_kind(i18n, kind)
            )
        }
        Field::Source => t_string!(i18n, field_source).to_string(),
        Field::Status => t_string!(i18n, field_status).to_string(),
        Field::ConfirmedOn => t_string!(i18n, field_confirmed_on).to_string(),
        Field::AddedOn => t_string!(i18n, field_added_on).to_string(),
        Field::Inn => t_string!(i18n, field_inn).to_string(),
        Field::Kpp => t_string!(i18n, field_kpp).to_string(),
        Field::Notes => t_string!(i18n, field_notes).to_string(),
        Field::Tags => t_string!(i18n, field_tags).to_string(),
        Field::CreatedAt | Field::UpdatedAt => t_string!(i18n, field_added_on).to_string(),
        Field::PhoneSlot { n, part } => slot(t_string!(i18n, col_phone).to_string(), n, part),
        Field::EmailSlot { n, part } => slot(t_string!(i18n, col_email).to_string(), n, part),
        Field::MessengerSlot { n, part } => {
            slot(t_string!(i18n, field_messengers).to_string(), n, part)
        }
        Field::AddressSlot { n, part } => {
            slot(t_string!(i18n, field_addresses).to_string(), n, part)
        }
        Field::Extra => t_string!(i18n, import_kept_extra).to_string(),
        Field::Derived => t_string!(i18n, import_ignored).to_string(),
    }
}

#[component]
fn Preview(
    plan: Rc<Plan>,
    step: RwSignal<Step, LocalStorage>,
    choose_again: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let prepared = &plan.prepared;
    let rows = prepared.table.rows.len();
    let delimiter = match prepared.delimiter {
        b';' => t_string!(i18n, delimiter_semicolon).to_string(),
        b',' => t_string!(i18n, delimiter_comma).to_string(),
        b'\t' => t_string!(i18n, delimiter_tab).to_string(),
        b'|' => t_string!(i18n, delimiter_pipe).to_string(),
        other => format!("«{}»", other as char),
    };
    let layout = match prepared.mapping.layout {
        Layout::Kartoteka => t_string!(i18n, layout_kartoteka),
        Layout::RussianExcel => t_string!(i18n, layout_russianexcel),
        _ => t_string!(i18n, layout_unknown),
    };
    let columns = prepared
        .table
        .headers
        .iter()
        .zip(&prepared.mapping.columns)
        .enumerate()
        .map(|(i, (header, field))| {
            let examples = prepared
                .table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .filter(|c| !c.is_empty())
                .take(3)
                .map(|c| c.replace('\n', " ⏎ "))
                .collect::<Vec<_>>()
                .join(" | ");
            let label = field_label(i18n, *field);
            view! {
                <tr data-testid="mapping-row">
                    <td>{header.clone()}</td>
                    <td class:muted=field.is_none()>{label}</td>
                    <td class="examples">{examples}</td>
                </tr>
            }
        })
        .collect_view();
    let preview = plan
        .preview
        .iter()
        .map(|c| {
            let phones = c
                .phones
                .iter()
                .map(|p| p.value.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let emails = c
                .emails
                .iter()
                .map(|e| e.value.clone())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr data-testid="preview-row">
                    <td>{c.display_name()}</td>
                    <td>{c.company.clone()}</td>
                    <td>{phones}</td>
                    <td>{emails}</td>
                    <td>{labels::status(i18n, c.status)}</td>
                    <td>{c.source.clone()}</td>
                    <td>{c.confirmed_on.map(format_date).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let state = use_app();
    let start = {
        let plan = plan.clone();
        move |_| {
            step.set(Step::Importing {
                done: 0,
                total: rows,
            });
            leptos::task::spawn_local(run_import(state, i18n, plan.clone(), step));
        }
    };
    view! {
        <div class="preview" data-testid="import-preview">
            <dl class="facts">
                <dt>{t!(i18n, import_encoding)}</dt><dd data-testid="import-encoding">{prepared.decoded_encoding}</dd>
                <dt>{t!(i18n, import_delimiter)}</dt><dd data-testid="import-delimiter">{delimiter}</dd>
                <dt>{t!(i18n, import_layout)}</dt><dd data-testid="import-layout">{layout}</dd>
                <dt>{t!(i18n, import_rows)}</dt><dd data-testid="import-rows" data-count=rows.to_string()>{rows}</dd>
            </dl>
            <h2>{t!(i18n, import_preview)}</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, col_name)}</th><th>{t!(i18n, col_company)}</th><th>{t!(i18n, col_phone)}</th>
                        <th>{t!(i18n, col_email)}</th><th>{t!(i18n, col_status)}</th><th>{t!(i18n, col_source)}</th>
                        <th>{t!(i18n, field_confirmed_on)}</th>
                    </tr></thead>
                    <tbody>{preview}</tbody>
                </table>
            </div>
            <div class="actions">
                <button class="button primary" data-testid="import-confirm" on:click=start>
                    {t!(i18n, import_confirm, count = format::count(i18n.get_locale(), rows))}
                </button>
                <button class="button" on:click=choose_again>{t!(i18n, import_other_file)}</button>
            </div>
            <h2>{t!(i18n, import_mapping)}</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, import_column)}</th><th>{t!(i18n, import_field)}</th><th>{t!(i18n, import_examples)}</th>
                    </tr></thead>
                    <tbody>{columns}</tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn Progress(done: usize, total: usize) -> impl IntoView {
    let i18n = use_i18n();
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    view! {
        <div class="progress" data-testid="import-progress">
            <progress max="100" value=percent.to_string()></progress>
            <span>{t!(i18n, import_progress, done = done, total = total)}</span>
        </div>
    }
}

pub fn issue_text(i18n: I18nContext<Locale>, issue: &RowIssue) -> String {
    let value = issue.value.clone();
    let column = issue.column.clone().unwrap_or_default();
    match issue.kind {
        RowIssueKind::EmptyRow => t_string!(i18n, issue_empty_row).to_string(),
        RowIssueKind::BadDate => {
            t_string!(i18n, issue_bad_date, value = value, column = column).to_string()
        }
        RowIssueKind::BadEmail => t_string!(i18n, issue_bad_email, value = value).to_string(),
        RowIssueKind::UnknownStatus => {
            t_string!(i18n, issue_unknown_status, value = value).to_string()
        }
        RowIssueKind::BadInn => t_string!(i18n, issue_bad_inn, value = value).to_string(),
        RowIssueKind::ExtraCells => t_string!(i18n, issue_extra_cells).to_string(),
        _ => t_string!(i18n, issue_other, value = value).to_string(),
    }
}

#[component]
fn Report(
    outcome: Rc<Outcome>,
    choose_again: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = |issues: &[RowIssue], testid: &'static str| {
        issues
            .iter()
            .map(|issue| {
                let row = issue.row;
                let text = issue_text(i18n, issue);
                view! {
                    <li data-testid=testid data-row=row.to_string()>
                        <b>{t!(i18n, import_row, row = row)}</b>": "{text}
                    </li>
                }
            })
            .collect_view()
    };
    let download_report = {
        let outcome = outcome.clone();
        move |_| {
            let mut csv = format!(
                "\u{feff}{};{}\r\n",
                t_string!(i18n, report_row),
                t_string!(i18n, report_reason)
            );
            for issue in outcome.skipped.iter().chain(&outcome.warnings) {
                let text = issue_text(i18n, issue).replace('"', "\"\"");
                csv.push_str(&format!("{};\"{text}\"\r\n", issue.row));
            }
            let _ = download(
                csv.as_bytes(),
                "kartoteka-import-report.csv",
                "text/csv;charset=utf-8",
            );
        }
    };
    let has_issues = !outcome.skipped.is_empty() || !outcome.warnings.is_empty();
    view! {
        <div class="report" data-testid="import-report" data-stored=outcome.stored.to_string() data-skipped=outcome.skipped.len().to_string()>
            <h2>{t!(i18n, import_done)}</h2>
            <ul class="totals">
                <li data-testid="import-stored">{t!(i18n, import_stored, count = outcome.stored)}</li>
                <li data-testid="import-skipped">{t!(i18n, import_skipped, count = outcome.skipped.len())}</li>
                <li>{t!(i18n, import_warnings, count = outcome.warnings.len())}</li>
            </ul>
            <ul class="issues">{list(&outcome.skipped, "import-skipped-row")}</ul>
            <ul class="issues warnings">{list(&outcome.warnings, "import-warning-row")}</ul>
            <div class="actions">
                <a class="button primary" href=Route::List.href() data-testid="import-to-list">{t!(i18n, import_to_list)}</a>
                {has_issues.then(|| view! { <button class="button" on:click=download_report.clone()>{t!(i18n, import_download_report)}</button> })}
                <button class="button" on:click=choose_again>{t!(i18n, import_other_file)}</button>
            </div>
        </div>
    }
}
