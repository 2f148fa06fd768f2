//! The import wizard: file → preview → result, on one screen.

use std::rc::Rc;

use kartoteka_core::companies::link_companies;
use kartoteka_core::custom::{adopt_extras, CustomField, CustomKind};
use kartoteka_core::undo::ChangeKind;
use kartoteka_core::{
    history, is_vcard, map_row, prepare, prepare_vcard, prepare_xlsx, resolve, Contact,
    ContactKind, Duplicate, DuplicateOutcome, DuplicatePolicy, Field, ImportContext, ImportError,
    MatchIndex, Prepared, RowIssue, RowIssueKind,
};
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::state::{log, new_id, now, use_app, AppState};
use crate::ui::import_channel::BatchChannel;
use crate::ui::import_mapping::{first_plan, Reading};
use crate::ui::import_preview::Preview;
use crate::ui::import_report::Report;
use crate::ui::journal::{Journal, Show as JournalShow};
use crate::ui::notice::storage_message;

/// What the preview knows about a file: every row already mapped, so the
/// counts it shows are the ones the import will have.
pub struct Plan {
    pub file_name: String,
    pub prepared: Prepared,
    /// Mapped rows with the row number the file gives them.
    pub mapped: Vec<(usize, Contact)>,
    pub skipped: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    /// Rows matching a stored record, and rows repeating an earlier row.
    pub in_base: usize,
    pub in_file: usize,
    /// Columns no field took, by header: each can become a user-defined
    /// field. `true` for those offered ticked: the "Поле: …" columns of
    /// Kartoteka's own export, and columns named like an existing field.
    pub custom_candidates: Vec<(String, bool)>,
    /// How the file was read and its columns mapped.
    pub reading: Reading,
}

pub struct Outcome {
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    /// Company records created for the people's company names.
    pub companies: usize,
    pub skipped: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    pub duplicates: Vec<Duplicate>,
}

impl Outcome {
    /// Rows that ended up in the base, as new records or merged into one.
    pub fn stored_rows(&self) -> usize {
        let left_out = self
            .duplicates
            .iter()
            .filter(|d| d.outcome == DuplicateOutcome::Skipped)
            .count();
        self.rows - self.skipped.len() - left_out
    }
}

#[derive(Clone)]
pub enum Step {
    Choose,
    Reading,
    Preview(Rc<Plan>),
    Importing { done: usize, total: usize },
    Done(Rc<Outcome>),
    Failed(String),
}

/// An .xlsx workbook is a zip archive; its first bytes say so whatever the
/// file is called.
fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || name.to_lowercase().ends_with(".xlsx")
}

/// A vCard file by its name, or by its first line whatever it is called.
fn is_vcard_file(name: &str, bytes: &[u8]) -> bool {
    let name = name.to_lowercase();
    name.ends_with(".vcf") || name.ends_with(".vcard") || is_vcard(bytes)
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
        // Choosing the same file again must start over, and a file input
        // only reports a change of its value.
        if let Some(input) = input.get_untracked() {
            input.set_value("");
        }
        step.set(Step::Reading);
        leptos::task::spawn_local(async move {
            // Let "Reading…" paint before the work starts.
            gloo_timers::future::TimeoutFuture::new(0).await;
            let name = file.name();
            let next = match read_file(&file).await {
                Err(()) => Step::Failed(t_string!(i18n, import_error_read).to_string()),
                Ok(bytes) => {
                    let prepared = if is_workbook(&name, &bytes) {
                        prepare_xlsx(&bytes, None)
                    } else if is_vcard_file(&name, &bytes) {
                        prepare_vcard(&bytes)
                    } else {
                        prepare(&bytes)
                    };
                    match prepared {
                        Err(error) => Step::Failed(import_error(i18n, &error)),
                        Ok(prepared) if prepared.table.rows.is_empty() => {
                            Step::Failed(t_string!(i18n, import_error_no_rows).to_string())
                        }
                        Ok(prepared) => {
                            Step::Preview(Rc::new(first_plan(state, name, bytes, prepared).await))
                        }
                    }
                }
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
                        accept=".csv,.txt,.tsv,.xlsx,.vcf,text/csv,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
            <Journal show=JournalShow::Imports />
        </section>
    }
}

async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Rows mapped between two yields to the event loop, so a large file does
/// not freeze the page while the preview is prepared.
const ROWS_PER_STEP: usize = 5_000;

/// Maps every row once, and counts the duplicates the default policies see.
pub(crate) async fn plan(
    state: AppState,
    file_name: String,
    prepared: Prepared,
    reading: Reading,
) -> Plan {
    let ctx = ImportContext {
        now: now(),
        today: state.today.get_untracked(),
    };
    let table = &prepared.table;
    let mut mapped = Vec::with_capacity(table.rows.len());
    let mut skipped = prepared.unreadable.clone();
    let mut warnings = Vec::new();
    let suppression = state.settings.with_untracked(|s| s.suppression.clone());
    for rows in table.rows.chunks(ROWS_PER_STEP) {
        for row in rows {
            match map_row(row, &table.headers, &prepared.mapping, &ctx) {
                // A person erased on request is not brought back by an old file.
                Ok(row_result) if suppression.matches(&row_result.contact) => {
                    skipped.push(RowIssue {
                        row: row.number,
                        column: None,
                        value: row_result.contact.display_name(),
                        kind: RowIssueKind::Erased,
                    });
                }
                Ok(mut row_result) => {
                    row_result.contact.id = new_id();
                    mapped.push((row.number, row_result.contact));
                    warnings.extend(row_result.warnings);
                }
                Err(issue) => skipped.push(issue),
            }
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    let custom_candidates = custom_candidates(state, &prepared);
    let index = state.with_base_untracked(|b| MatchIndex::new(b.iter().map(|(_, c)| c)));
    let counted = resolve(
        index,
        |_| None,
        mapped.iter().cloned(),
        DuplicatePolicy::Skip,
        DuplicatePolicy::AddNew,
    );
    let in_file = counted
        .duplicates
        .iter()
        .filter(|d| d.earlier_row.is_some())
        .count();
    Plan {
        file_name,
        prepared,
        in_base: counted.duplicates.len() - in_file,
        in_file,
        mapped,
        skipped,
        warnings,
        custom_candidates,
        reading,
    }
}

/// The columns that can become user-defined fields (see [`Plan::custom_candidates`]).
fn custom_candidates(state: AppState, prepared: &Prepared) -> Vec<(String, bool)> {
    let known: Vec<String> = state.settings.with_untracked(|s| {
        s.custom_fields
            .iter()
            .map(|f| f.label.trim().to_lowercase())
            .collect()
    });
    let mut candidates: Vec<(String, bool)> = Vec::new();
    for (header, field) in prepared.table.headers.iter().zip(&prepared.mapping.columns) {
        let (name, ticked) = match field {
            None => (header.trim().to_owned(), false),
            Some(Field::Custom) => (custom_label(header), true),
            Some(_) => continue,
        };
        let ticked = ticked || known.contains(&name.to_lowercase());
        if !name.is_empty() && !candidates.iter().any(|(n, _)| *n == name) {
            candidates.push((name, ticked));
        }
    }
    candidates
}

/// "Поле: Размер парка" → "Размер парка".
fn custom_label(header: &str) -> String {
    header
        .split_once(':')
        .map_or(header, |(_, name)| name)
        .trim()
        .to_owned()
}

/// The user-defined fields for the chosen columns: existing ones by label,
/// new text fields for the rest (returned separately, to be stored first).
fn fields_for(state: AppState, chosen: &[String]) -> (Vec<CustomField>, Vec<CustomField>) {
    let existing = state.settings.with_untracked(|s| s.custom_fields.clone());
    let mut all = existing.clone();
    let mut created = Vec::new();
    for name in chosen {
        let key = name.trim().to_lowercase();
        if !all.iter().any(|f| f.label.trim().to_lowercase() == key) {
            let field = CustomField {
                id: new_id(),
                label: name.trim().to_owned(),
                kind: CustomKind::Text,
            };
            all.push(field.clone());
            created.push(field);
        }
    }
    let used = all
        .into_iter()
        .filter(|f| {
            chosen
                .iter()
                .any(|n| n.trim().to_lowercase() == f.label.trim().to_lowercase())
        })
        .collect();
    (used, created)
}

fn import_error(i18n: I18nContext<Locale>, error: &ImportError) -> String {
    let reason = import_error_reason(i18n, error);
    t_string!(i18n, import_failed, reason = reason).to_string()
}

/// Why the file cannot be read, as a clause for a sentence of the caller's.
pub(crate) fn import_error_reason(i18n: I18nContext<Locale>, error: &ImportError) -> String {
    match error {
        ImportError::Empty => t_string!(i18n, import_error_empty).to_string(),
        ImportError::NotText => t_string!(i18n, import_error_not_text).to_string(),
        ImportError::UnclosedQuote {
            row,
            column,
            header,
        } => t_string!(
            i18n,
            import_error_quote,
            row = *row,
            column = *column,
            header = header.clone()
        )
        .to_string(),
        ImportError::Csv { row, message } => t_string!(
            i18n,
            import_error_csv,
            row = *row,
            message = message.clone()
        )
        .to_string(),
        ImportError::Workbook { .. } => t_string!(i18n, import_error_workbook).to_string(),
        ImportError::NoCards => t_string!(i18n, import_error_no_cards).to_string(),
        other => other.to_string(),
    }
}

/// Applies the chosen duplicate policies and stores everything in one
/// transaction. Runs outside the component, so it is handed what it needs.
pub async fn run_import(
    state: AppState,
    i18n: I18nContext<Locale>,
    plan: Rc<Plan>,
    policies: (DuplicatePolicy, DuplicatePolicy),
    chosen_columns: Vec<String>,
    channel: BatchChannel,
    step: RwSignal<Step, LocalStorage>,
) {
    let total = plan.prepared.record_count();
    step.set(Step::Importing { done: 0, total });
    gloo_timers::future::TimeoutFuture::new(0).await;

    // New user-defined fields and managers are stored before the records
    // that use them: should the import then fail, they are merely unused.
    let (fields, created) = fields_for(state, &chosen_columns);
    // Managers named in the file join the managed list, so records can be
    // filtered and reassigned by them.
    let managers: Vec<String> = state.settings.with_untracked(|s| {
        let mut names: Vec<String> = plan
            .mapped
            .iter()
            .map(|(_, c)| c.responsible.clone())
            .filter(|name| !name.is_empty() && !s.managers.contains(name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    });
    if !created.is_empty() || !managers.is_empty() {
        let mut settings = state.settings.get_untracked();
        settings.custom_fields.extend(created);
        settings.managers.extend(managers);
        if let Err(error) = state.save_settings(settings).await {
            step.set(Step::Failed(storage_message(i18n, &error)));
            return;
        }
    }
    let rows = plan.mapped.iter().cloned().map(|(row, mut contact)| {
        adopt_extras(&mut contact, &fields);
        channel.apply(&mut contact.source);
        (row, contact)
    });

    let index = state.with_base_untracked(|b| {
        MatchIndex::new(
            b.iter()
                .filter(|(_, c)| c.deleted_at.is_none())
                .map(|(_, c)| c),
        )
    });
    let lookup = |id: &str| state.with_base_untracked(|b| b.by_id(id).cloned());
    let mut resolution = resolve(index, lookup, rows, policies.0, policies.1);
    let (added, updated) = (resolution.added.len(), resolution.updated.len());
    let today = state.today.get_untracked();
    for contact in &mut resolution.added {
        history::new_record_history(contact, today);
    }
    link_imported_companies(state, &mut resolution.added, &mut resolution.updated);
    let companies = resolution.added.len() - added;
    step.set(Step::Importing {
        done: total / 4,
        total,
    });
    gloo_timers::future::TimeoutFuture::new(0).await;
    let kind = ChangeKind::Import {
        file_name: plan.file_name.clone(),
        channel: channel.name.trim().to_owned(),
    };
    let stored = state
        .store_import(
            kind,
            resolution.added,
            resolution.updated,
            move |written, chunks| {
                let done = total / 4 + total * 3 * written / chunks.max(1) / 4;
                step.set(Step::Importing { done, total });
            },
        )
        .await;
    match stored {
        Ok(()) => {
            log(&format!(
                "import of {}: {added} added, {updated} updated, {} duplicates, {} skipped, {} warnings",
                plan.file_name,
                resolution.duplicates.len(),
                plan.skipped.len(),
                plan.warnings.len()
            ));
            step.set(Step::Done(Rc::new(Outcome {
                rows: total,
                added,
                updated,
                companies,
                skipped: plan.skipped.clone(),
                warnings: plan.warnings.clone(),
                duplicates: resolution.duplicates,
            })));
        }
        Err(error) => {
            log(&format!("import of {} failed: {error}", plan.file_name));
            step.set(Step::Failed(storage_message(i18n, &error)));
        }
    }
}

/// Links the imported people to company records, as a save from the form
/// does: known companies by ИНН or name, new ones created and stored with
/// the import. Known companies that took over an ИНН are stored as updated.
fn link_imported_companies(state: AppState, added: &mut Vec<Contact>, updated: &mut Vec<Contact>) {
    let mut all: Vec<Contact> = state.with_base_untracked(|b| {
        b.iter()
            .filter(|(_, c)| c.kind == ContactKind::Company && c.deleted_at.is_none())
            .filter(|(_, c)| !updated.iter().any(|u| u.id == c.id))
            .map(|(_, c)| c.clone())
            .collect()
    });
    let known = all.len();
    let (n_added, n_updated) = (added.len(), updated.len());
    all.append(added);
    all.append(updated);
    let report = link_companies(&mut all, &mut new_id, now());
    let today = state.today.get_untracked();
    let mut new_companies = all.split_off(known + n_added + n_updated);
    for company in &mut new_companies {
        history::new_record_history(company, today);
    }
    *updated = all.split_off(known + n_added);
    *added = all.split_off(known);
    let touched = all.into_iter().filter(|c| report.updated.contains(&c.id));
    updated.extend(touched);
    added.extend(new_companies);
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
