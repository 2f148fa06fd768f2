//! The recent imports and merges, each with "undo" — and what an undo left
//! as it was because it was edited since.

use kartoteka_core::undo::{ChangeKind, ChangeSummary, Kept, KeptEdit};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{use_app, Notice, Undone};
use crate::ui::{format, labels};

/// Which changes a screen lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    Imports,
    Merges,
}

impl Show {
    fn lists(self, kind: &ChangeKind) -> bool {
        match self {
            Show::Imports => matches!(kind, ChangeKind::Import { .. }),
            Show::Merges => matches!(kind, ChangeKind::Merge { .. }),
        }
    }
}

/// Stored fields that follow another one (the status history follows the
/// status, the company link the company's name): not worth naming twice.
const FOLLOWERS: [&str; 4] = [
    "status_history",
    "company_id",
    "created_at",
    "invalid_phones",
];

/// What was undone last, shown under the list until the next undo.
pub type LastUndo = RwSignal<Option<Undone>, LocalStorage>;

#[component]
pub fn Journal(show: Show, #[prop(optional)] last: Option<LastUndo>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let last = last.unwrap_or_else(|| RwSignal::new_local(None));
    let entries = move || {
        state
            .journal
            .get()
            .into_iter()
            .filter(|summary| show.lists(&summary.kind))
            .collect::<Vec<_>>()
    };
    let undo = move |summary: ChangeSummary| {
        let question = match &summary.kind {
            ChangeKind::Import { file_name, .. } => {
                t_string!(i18n, undo_import_confirm, file = file_name.clone()).to_string()
            }
            ChangeKind::Merge { kept, merged } => t_string!(
                i18n,
                undo_merge_confirm,
                kept = kept.clone(),
                merged = merged.clone()
            )
            .to_string(),
        };
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            match state.undo_change(&summary.id).await {
                Ok(undone) => {
                    last.set(Some(undone));
                    state.report(Ok(Notice::Undone));
                }
                Err(error) => state.report(Err(error)),
            }
        });
    };
    view! {
        <section class="journal" data-testid="journal">
            <Show when=move || !entries().is_empty()>
                <h2>{move || match show {
                    Show::Imports => t_string!(i18n, journal_imports),
                    Show::Merges => t_string!(i18n, journal_merges),
                }}</h2>
                <ul class="journal-list">
                    <For each=entries key=|s| (s.id.clone(), s.undone_at) let:summary>
                        {
                            let locale = i18n.get_locale_untracked();
                            let what = match &summary.kind {
                                ChangeKind::Import { file_name, channel } if channel.is_empty() => {
                                    t_string!(i18n, journal_import, file = file_name.clone()).to_string()
                                }
                                ChangeKind::Import { file_name, channel } => t_string!(
                                    i18n,
                                    journal_import_channel,
                                    file = file_name.clone(),
                                    channel = channel.clone()
                                )
                                .to_string(),
                                ChangeKind::Merge { kept, merged } => t_string!(
                                    i18n,
                                    journal_merge,
                                    kept = kept.clone(),
                                    merged = merged.clone()
                                )
                                .to_string(),
                            };
                            let counts = t_string!(
                                i18n,
                                journal_counts,
                                created = summary.created,
                                changed = summary.changed
                            )
                            .to_string();
                            let when = format::moment(locale, summary.at);
                            let undone = summary.undone_at.map(|at| format::moment(locale, at));
                            let entry = summary.clone();
                            let is_undone = undone.is_some();
                            view! {
                                <li class="journal-row" data-testid="journal-row" class:undone=is_undone>
                                    <span class="primary bidi">{what}</span>
                                    <span class="secondary">{when}" · "{counts}</span>
                                    {match undone {
                                        Some(at) => view! {
                                            <span class="secondary" data-testid="journal-undone">
                                                {t!(i18n, journal_undone, at = at)}
                                            </span>
                                        }.into_any(),
                                        None => view! {
                                            <button class="button" data-testid="journal-undo" on:click=move |_| undo(entry.clone())>
                                                {t!(i18n, journal_undo)}
                                            </button>
                                        }.into_any(),
                                    }}
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            {move || last.get().map(|undone| view! { <UndoneReport undone /> })}
        </section>
    }
}

/// The outcome of an undo, naming what stayed because it was edited since.
#[component]
fn UndoneReport(undone: Undone) -> impl IntoView {
    let i18n = use_i18n();
    let kept = undone
        .kept
        .iter()
        .map(|edit| {
            let text = kept_text(i18n, edit);
            let name = edit.name.clone();
            view! {
                <li data-testid="undo-kept">
                    <a class="bidi" href=crate::route::Route::Contact(edit.id.clone()).href()>{name}</a>
                    ": "{text}
                </li>
            }
        })
        .collect_view();
    let any_kept = !undone.kept.is_empty();
    view! {
        <div class="undone" role="status" data-testid="undo-report">
            <p>{t!(i18n, undo_done, reverted = undone.reverted, removed = undone.removed)}</p>
            <Show when=move || any_kept>
                <p>{t!(i18n, undo_kept_intro)}</p>
            </Show>
            <ul>{kept}</ul>
        </div>
    }
}

fn kept_text(i18n: leptos_i18n::I18nContext<Locale>, edit: &KeptEdit) -> String {
    match &edit.kept {
        Kept::Record => t_string!(i18n, undo_kept_record).to_string(),
        Kept::Fields(fields) => {
            let names: Vec<String> = fields
                .iter()
                .filter(|field| !FOLLOWERS.contains(&field.as_str()))
                .map(|field| field_name(i18n, field))
                .collect();
            t_string!(i18n, undo_kept_fields, fields = names.join(", ")).to_string()
        }
    }
}

/// A stored field's name for a person; the blocks the history splits into
/// their parts are named as the card's sections.
fn field_name(i18n: leptos_i18n::I18nContext<Locale>, field: &str) -> String {
    match field {
        "requisites" => t_string!(i18n, section_requisites).to_string(),
        "billing" => t_string!(i18n, section_billing).to_string(),
        "consent" => t_string!(i18n, section_consent).to_string(),
        "activities" => t_string!(i18n, tab_activity).to_string(),
        "confirmations" => t_string!(i18n, history_confirmations).to_string(),
        "custom" => t_string!(i18n, field_extra).to_string(),
        other => labels::history_field(i18n, other),
    }
}
