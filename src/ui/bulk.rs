//! Bulk actions on the ticked records, or on everything the current
//! filter shows: set status, add a tag, set the source or the responsible
//! manager, delete. One transaction per action.

use kartoteka_core::{Contact, Status};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{use_app, Notice};
use crate::storage::SlotId;
use crate::ui::labels;
use crate::ui::list::Selection;

/// What a bulk action does to each record.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Action {
    Status(Status),
    AddTag(String),
    Source(String),
    Responsible(String),
    Delete,
}

impl Action {
    fn apply(&self, contact: &mut Contact) {
        match self {
            Action::Status(status) => contact.status = *status,
            Action::AddTag(tag) => {
                if !contact.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    contact.tags.push(tag.clone());
                }
            }
            Action::Source(source) => contact.source = source.clone(),
            Action::Responsible(name) => contact.responsible = name.clone(),
            Action::Delete => {}
        }
    }
}

#[component]
pub fn BulkBar(visible: Memo<Vec<SlotId>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let Selection(ticked) = expect_context::<Selection>();
    // "All shown" acts on the filter's result rather than on the ticks.
    let scope_all = RwSignal::new(false);
    let what = RwSignal::new(String::from("status"));
    let value = RwSignal::new(String::new());
    let count = move || {
        if scope_all.get() {
            visible.with(Vec::len)
        } else {
            ticked.with(|t| t.len())
        }
    };
    let targets = move || -> Vec<String> {
        if scope_all.get_untracked() {
            visible.with_untracked(|slots| {
                state.with_base_untracked(|b| {
                    slots
                        .iter()
                        .filter_map(|&s| b.get(s).map(|c| c.id.clone()))
                        .collect()
                })
            })
        } else {
            ticked.with_untracked(|t| t.iter().cloned().collect())
        }
    };
    let run = move |_| {
        let value_text = value.get_untracked().trim().to_owned();
        let action = match what.get_untracked().as_str() {
            "status" => Status::from_key(&value_text).map(Action::Status),
            "tag" if !value_text.is_empty() => Some(Action::AddTag(value_text)),
            "source" => Some(Action::Source(value_text)),
            "responsible" => Some(Action::Responsible(value_text)),
            "delete" => Some(Action::Delete),
            _ => None,
        };
        let Some(action) = action else { return };
        let ids = targets();
        if ids.is_empty() {
            return;
        }
        if action == Action::Delete {
            let sure = window()
                .confirm_with_message(&t_string!(i18n, bulk_delete_confirm, count = ids.len()))
                .unwrap_or(false);
            if !sure {
                return;
            }
        }
        leptos::task::spawn_local(async move {
            let n = ids.len();
            let outcome = if action == Action::Delete {
                state.delete_contacts(&ids).await
            } else {
                let changed: Vec<Contact> = state.with_base_untracked(|b| {
                    ids.iter()
                        .filter_map(|id| b.by_id(id).cloned())
                        .map(|mut c| {
                            action.apply(&mut c);
                            c
                        })
                        .collect()
                });
                state.save_contacts(changed).await
            };
            if outcome.is_ok() {
                ticked.set(Default::default());
                scope_all.set(false);
            }
            state.report(outcome.map(|()| Notice::Changed(n)));
        });
    };
    let active = move || scope_all.get() || ticked.with(|t| !t.is_empty());
    view! {
        <div class="bulk" data-testid="bulk-bar">
            <label class="chip toggle" class:on=move || scope_all.get()>
                <input type="checkbox" data-testid="bulk-all" prop:checked=move || scope_all.get()
                    on:change=move |ev| scope_all.set(event_target_checked(&ev)) />
                <span>{move || t_string!(i18n, bulk_all_shown, count = visible.with(Vec::len))}</span>
            </label>
            <Show when=active>
                <span class="count" data-testid="bulk-count">{move || t_string!(i18n, bulk_selected, count = count())}</span>
                <select data-testid="bulk-action" aria-label=move || t_string!(i18n, bulk_action)
                    prop:value=move || what.get()
                    on:change=move |ev| { what.set(event_target_value(&ev)); value.set(String::new()); }>
                    <option value="status">{t!(i18n, bulk_set_status)}</option>
                    <option value="tag">{t!(i18n, bulk_add_tag)}</option>
                    <option value="source">{t!(i18n, bulk_set_source)}</option>
                    <option value="responsible">{t!(i18n, bulk_set_responsible)}</option>
                    <option value="delete">{t!(i18n, bulk_delete)}</option>
                </select>
                {move || match what.get().as_str() {
                    "status" => view! {
                        <select data-testid="bulk-value" aria-label=move || t_string!(i18n, field_status)
                            prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {Status::ALL.into_iter().map(|s| view! { <option value=s.key()>{move || labels::status(i18n, s)}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    "responsible" => view! {
                        <select data-testid="bulk-value" aria-label=move || t_string!(i18n, field_responsible)
                            prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, responsible_none)}</option>
                            {state.settings.with_untracked(|s| s.managers.clone()).into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    "delete" => ().into_any(),
                    _ => view! {
                        <input data-testid="bulk-value" aria-label=move || t_string!(i18n, bulk_value)
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                    }.into_any(),
                }}
                <button class="button primary" data-testid="bulk-apply" on:click=run>{t!(i18n, bulk_apply)}</button>
                <button class="button ghost" on:click=move |_| { ticked.set(Default::default()); scope_all.set(false); }>
                    {t!(i18n, cancel)}
                </button>
            </Show>
        </div>
    }
}
