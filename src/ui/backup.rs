//! Settings' backup section: the whole base downloaded as one file, and a
//! restore that shows what a file holds and what it replaces before it
//! replaces anything.

use std::rc::Rc;

use kartoteka_core::backup::{read_backup, Backup, BackupError, BackupPart, BaseSummary};
use kartoteka_core::Contact;
use leptos::html;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::state::{now, use_app};
use crate::storage::prefs::Prefs;
use crate::storage::{BaseSettings, SCHEMA_VERSION};
use crate::ui::download::download;
use crate::ui::format;
use crate::ui::list::ListPrefs;
use crate::ui::notice::storage_message;

type AppBackup = Backup<BaseSettings, Prefs>;

#[derive(Clone)]
enum Step {
    Idle,
    Reading,
    /// A file that passed every check, waiting for the user's yes.
    Ready(Rc<AppBackup>),
    Restoring,
    Restored {
        records: usize,
        written_at: i64,
    },
    Failed(String),
}

#[component]
pub fn BackupSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let list_prefs = expect_context::<ListPrefs>();
    let step = RwSignal::new_local(Step::Idle);
    let input = NodeRef::<html::Input>::new();

    let save = move |_| {
        let contacts: Vec<Contact> =
            state.with_base_untracked(|base| base.iter().map(|(_, c)| c.clone()).collect());
        let backup = Backup::new(
            SCHEMA_VERSION,
            now(),
            state.settings.get_untracked(),
            current_prefs(list_prefs),
            contacts,
        );
        let name = format!(
            "kartoteka-backup-{}.json",
            state.today.get_untracked().format("%Y-%m-%d")
        );
        if let Err(error) = download(&backup.to_json(), &name, "application/json") {
            crate::state::log(&format!("backup failed: {error}"));
        }
    };

    let on_file = move |_| {
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(input) = input.get_untracked() {
            input.set_value("");
        }
        step.set(Step::Reading);
        leptos::task::spawn_local(async move {
            let next = match read_file(&file).await {
                Err(()) => Step::Failed(t_string!(i18n, import_error_read).to_string()),
                Ok(bytes) => match read_backup::<BaseSettings, Prefs>(&bytes, SCHEMA_VERSION) {
                    Ok(backup) => Step::Ready(Rc::new(backup)),
                    Err(error) => Step::Failed(backup_message(i18n, &error)),
                },
            };
            step.set(next);
        });
    };

    let restore = move |backup: Rc<AppBackup>| {
        step.set(Step::Restoring);
        leptos::task::spawn_local(async move {
            let backup = Rc::unwrap_or_clone(backup);
            let (records, written_at) = (backup.contacts.len(), backup.written_at);
            let prefs = backup.prefs;
            match state.replace_base(backup.contacts, backup.settings).await {
                Ok(()) => {
                    prefs.save();
                    list_prefs.me.set(prefs.me.clone());
                    list_prefs.segments.set(prefs.segments.clone());
                    step.set(Step::Restored {
                        records,
                        written_at,
                    });
                }
                Err(error) => step.set(Step::Failed(storage_message(i18n, &error))),
            }
        });
    };

    view! {
        <h2>{t!(i18n, backup_title)}</h2>
        <p class="secondary">{t!(i18n, backup_text)}</p>
        <div class="actions">
            <button class="button" data-testid="backup-download" on:click=save>
                {t!(i18n, backup_download)}
            </button>
            <label class="button file">
                {t!(i18n, backup_choose)}
                <input type="file" accept=".json,application/json" node_ref=input
                    data-testid="backup-input" on:change=on_file />
            </label>
        </div>
        {move || {
            let locale = i18n.get_locale();
            match step.get() {
                Step::Idle => ().into_any(),
                Step::Reading => view! { <p>{t!(i18n, import_reading)}</p> }.into_any(),
                Step::Restoring => view! { <p>{t!(i18n, backup_restoring)}</p> }.into_any(),
                Step::Failed(message) => view! {
                    <p class="problem" role="alert" data-testid="backup-error">{message}</p>
                }.into_any(),
                Step::Restored { records, written_at } => view! {
                    <p class="banner" role="status" data-testid="backup-restored">
                        {t_string!(i18n, backup_restored,
                            date = format::moment(locale, written_at),
                            records = format::count(locale, records))}
                    </p>
                }.into_any(),
                Step::Ready(backup) => {
                    let incoming = BaseSummary::of(&backup.contacts);
                    let current = state.with_base_untracked(|b| BaseSummary::of(b.iter().map(|(_, c)| c)));
                    let written = format::moment(locale, backup.written_at);
                    let confirmed = backup.clone();
                    view! {
                        <div class="confirm" data-testid="backup-preview">
                            <p>{t_string!(i18n, backup_written, date = written)}</p>
                            <Comparison incoming current />
                            <p><b>{t!(i18n, backup_replaces)}</b></p>
                            <div class="actions">
                                <button class="button danger" data-testid="backup-restore"
                                    on:click=move |_| restore(confirmed.clone())>
                                    {t!(i18n, backup_restore)}
                                </button>
                                <button class="button" data-testid="backup-cancel" on:click=move |_| step.set(Step::Idle)>
                                    {t!(i18n, cancel)}
                                </button>
                            </div>
                        </div>
                    }.into_any()
                }
            }
        }}
    }
}

/// What the backup holds beside what the base holds now.
#[component]
fn Comparison(incoming: BaseSummary, current: BaseSummary) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let rows: [(String, usize, usize, &str); 7] = [
        (
            t_string!(i18n, backup_records).to_string(),
            incoming.records,
            current.records,
            "records",
        ),
        (
            t_string!(i18n, backup_people).to_string(),
            incoming.people,
            current.people,
            "people",
        ),
        (
            t_string!(i18n, backup_companies).to_string(),
            incoming.companies,
            current.companies,
            "companies",
        ),
        (
            t_string!(i18n, backup_in_bin).to_string(),
            incoming.in_bin,
            current.in_bin,
            "in-bin",
        ),
        (
            t_string!(i18n, backup_activities).to_string(),
            incoming.activities,
            current.activities,
            "activities",
        ),
        (
            t_string!(i18n, backup_contracts).to_string(),
            incoming.contracts,
            current.contracts,
            "contracts",
        ),
        (
            t_string!(i18n, backup_invoices).to_string(),
            incoming.invoices,
            current.invoices,
            "invoices",
        ),
    ];
    view! {
        <div class="table-wrap">
            <table class="comparison">
                <thead>
                    <tr><th></th><th>{t!(i18n, backup_in_file)}</th><th>{t!(i18n, backup_now)}</th></tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, new, old, key)| view! {
                        <tr data-testid=format!("backup-{key}") data-incoming=new.to_string() data-current=old.to_string()>
                            <th scope="row">{label}</th>
                            <td>{format::count(locale, new)}</td>
                            <td>{format::count(locale, old)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The device preferences as they are now: the stored ones, with the
/// manager and segments the open screens may not have stored yet.
fn current_prefs(list_prefs: ListPrefs) -> Prefs {
    Prefs {
        me: list_prefs.me.get_untracked(),
        segments: list_prefs.segments.get_untracked(),
        ..Prefs::load()
    }
}

/// What is wrong with a file offered as a backup, as a sentence.
fn backup_message(i18n: I18nContext<Locale>, error: &BackupError) -> String {
    match error {
        BackupError::NotABackup => t_string!(i18n, backup_not_backup).to_string(),
        BackupError::Damaged {
            line,
            column,
            message,
        } => t_string!(
            i18n,
            backup_damaged,
            line = *line,
            column = *column,
            message = message.clone()
        )
        .to_string(),
        BackupError::BadPart { part, message } => {
            let part = match part {
                BackupPart::Schema => t_string!(i18n, backup_part_schema),
                BackupPart::WrittenAt => t_string!(i18n, backup_part_written_at),
                BackupPart::Settings => t_string!(i18n, backup_part_settings),
                BackupPart::Prefs => t_string!(i18n, backup_part_prefs),
            };
            t_string!(
                i18n,
                backup_bad_part,
                part = part.to_string(),
                message = message.clone()
            )
            .to_string()
        }
        BackupError::BadRecord { number, message } => t_string!(
            i18n,
            backup_bad_record,
            number = *number,
            message = message.clone()
        )
        .to_string(),
        BackupError::DuplicateId { number, id } => {
            t_string!(i18n, backup_duplicate_id, number = *number, id = id.clone()).to_string()
        }
        BackupError::TooNew { found, supported } => {
            t_string!(i18n, backup_too_new, found = *found, supported = *supported).to_string()
        }
        BackupError::TooOld { found, supported } => {
            t_string!(i18n, backup_too_old, found = *found, supported = *supported).to_string()
        }
        _ => error.to_string(),
    }
}

async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
