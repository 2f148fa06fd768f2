//! The channels as a list to tidy: one channel is soon spelt several ways
//! ("Yandex Direct", "Яндекс.Директ"), and the report is only as good as
//! its names. A channel is renamed, or several are ticked and merged into
//! one; either is one transaction, and can be undone from the line that
//! says what changed.

use std::collections::{HashMap, HashSet};

use kartoteka_core::{channel_key, channels, merge_channels, Contact};
use leptos::prelude::*;

use super::{channel_name, counted};
use crate::i18n::*;
use crate::state::{use_app, AppState, Notice};
use crate::storage::Base;
use crate::ui::format;

/// A channel of the list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Entry {
    /// Its most common spelling; `""` for records without a source.
    name: String,
    key: String,
    /// The records the report counts (see [`counted`]).
    records: usize,
    /// Company records whose people are counted instead, which renaming
    /// changes too.
    companies: usize,
}

fn entries(base: &Base) -> Vec<Entry> {
    let all: Vec<&Contact> = base.iter().map(|(_, c)| c).collect();
    let counts_as_record: HashSet<&str> = counted(&all).iter().map(|c| c.id.as_str()).collect();
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for contact in all.iter().filter(|c| c.deleted_at.is_none()) {
        let count = counts.entry(channel_key(&contact.source)).or_default();
        if counts_as_record.contains(contact.id.as_str()) {
            count.0 += 1;
        } else {
            count.1 += 1;
        }
    }
    let mut entries: Vec<Entry> = channels(all.iter().copied())
        .into_iter()
        .map(|(name, _)| {
            let key = channel_key(&name);
            let (records, companies) = counts.get(&key).copied().unwrap_or_default();
            Entry {
                name,
                key,
                records,
                companies,
            }
        })
        .collect();
    entries.sort_by(|a, b| b.records.cmp(&a.records).then_with(|| a.key.cmp(&b.key)));
    entries
}

/// What the last rename or merge changed, to put back.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    /// The source the records were given.
    to: String,
    /// Each record changed, with the source it had.
    previous: Vec<(String, String)>,
}

/// Gives every record of the channels `from` (by their key, records in the
/// recycle bin included, so that a restore does not bring an old name
/// back) the source `to`, in one transaction.
fn change_sources(state: AppState, from: Vec<String>, to: String, last: RwSignal<Option<Change>>) {
    let to = to.trim().to_owned();
    let (changed, previous) = state.with_base_untracked(|base| {
        let keys: HashSet<String> = from.iter().map(|f| channel_key(f)).collect();
        // Clones: the base itself changes only once storing succeeded.
        let mut affected: Vec<Contact> = base
            .iter()
            .map(|(_, c)| c)
            .filter(|c| keys.contains(&channel_key(&c.source)))
            .cloned()
            .collect();
        let before: HashMap<String, String> = affected
            .iter()
            .map(|c| (c.id.clone(), c.source.clone()))
            .collect();
        let from: Vec<&str> = from.iter().map(String::as_str).collect();
        let ids: HashSet<String> = merge_channels(&mut affected, &from, &to)
            .into_iter()
            .collect();
        affected.retain(|c| ids.contains(&c.id));
        let previous: Vec<(String, String)> = affected
            .iter()
            .map(|c| (c.id.clone(), before[&c.id].clone()))
            .collect();
        (affected, previous)
    });
    if changed.is_empty() {
        return;
    }
    let count = changed.len();
    leptos::task::spawn_local(async move {
        match state.save_contacts(changed).await {
            Ok(()) => {
                last.set(Some(Change { to, previous }));
                state.report(Ok(Notice::Changed(count)));
            }
            Err(error) => state.report(Err(error)),
        }
    });
}

/// Puts the sources of the last change back, on the records that still
/// have the source it gave them.
fn undo(state: AppState, last: RwSignal<Option<Change>>) {
    let Some(change) = last.get_untracked() else {
        return;
    };
    let restored: Vec<Contact> = state.with_base_untracked(|base| {
        change
            .previous
            .iter()
            .filter_map(|(id, source)| {
                let mut contact = base.by_id(id)?.clone();
                (contact.source == change.to).then(|| {
                    contact.source = source.clone();
                    contact
                })
            })
            .collect()
    });
    let count = restored.len();
    leptos::task::spawn_local(async move {
        match state.save_contacts(restored).await {
            Ok(()) => {
                last.set(None);
                state.report(Ok(Notice::Changed(count)));
            }
            Err(error) => state.report(Err(error)),
        }
    });
}

#[component]
pub fn ChannelList() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let list = Memo::new(move |_| state.with_base(entries));
    let ticked = RwSignal::new(HashSet::<String>::new());
    let renaming = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let merge_name = RwSignal::new(String::new());
    let last = RwSignal::new(None::<Change>);

    let ticked_entries = move || {
        ticked.with(|t| {
            list.with(|list| {
                list.iter()
                    .filter(|e| t.contains(&e.key))
                    .cloned()
                    .collect::<Vec<Entry>>()
            })
        })
    };
    // Of the ticked channels the largest gives its name unless one is typed.
    let merge_target = move || {
        let typed = merge_name.with(|n| n.trim().to_owned());
        if !typed.is_empty() {
            return typed;
        }
        ticked_entries()
            .first()
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    // Counted among the channels listed: a ticked one may have been merged away since.
    let can_merge = move || ticked_entries().len() >= 2;
    let merge = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !can_merge() {
            return;
        }
        let from: Vec<String> = ticked_entries().into_iter().map(|e| e.name).collect();
        change_sources(state, from, merge_target(), last);
        ticked.set(HashSet::new());
        merge_name.set(String::new());
    };
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(key) = renaming.get_untracked() else {
            return;
        };
        let from = list.with_untracked(|l| l.iter().find(|e| e.key == key).map(|e| e.name.clone()));
        if let Some(from) = from {
            change_sources(state, vec![from], new_name.get_untracked(), last);
        }
        renaming.set(None);
    };
    let changed_text = move || {
        last.get().map(|change| {
            let locale = i18n.get_locale();
            let count = change.previous.len();
            t_string!(
                i18n,
                channels_changed,
                count = count,
                shown = format::count(locale, count),
                name = channel_name(i18n, &change.to)
            )
            .to_string()
        })
    };

    view! {
        <section class="channel-list" data-testid="channel-list" aria-labelledby="channel-list-title">
            <h2 id="channel-list-title">{t!(i18n, channels_list_title)}</h2>
            <p class="secondary">{t!(i18n, channels_list_text)}</p>
            <Show when=move || last.with(Option::is_some)>
                <p class="changed-line" role="status" data-testid="channel-changed">
                    <span>{changed_text}</span>
                    <button class="button ghost" data-testid="channel-undo" on:click=move |_| undo(state, last)>
                        {t!(i18n, channels_undo)}
                    </button>
                </p>
            </Show>
            <p class="merge-label" data-testid="channel-merge-hint">
                {move || if can_merge() {
                    let count = ticked_entries().len();
                    t_string!(i18n, channels_merge_label, count = count).to_string()
                } else {
                    t_string!(i18n, channels_merge_hint).to_string()
                }}
            </p>
            <Show when=can_merge>
                <form class="inline-form merge" on:submit=merge>
                    <input
                        data-testid="channel-merge-name"
                        aria-label=move || t_string!(i18n, channels_merge_name)
                        list="channel-names"
                        placeholder=move || ticked_entries().first().map(|e| e.name.clone()).unwrap_or_default()
                        prop:value=move || merge_name.get()
                        on:input=move |ev| merge_name.set(event_target_value(&ev))
                    />
                    <datalist id="channel-names">
                        {move || list.get().into_iter().filter(|e| !e.name.is_empty()).map(|e| view! { <option value=e.name></option> }).collect_view()}
                    </datalist>
                    <button type="submit" class="button primary" data-testid="channel-merge">
                        {t!(i18n, channels_merge)}
                    </button>
                </form>
            </Show>
            <ul class="channel-items">
                <For each=move || list.get() key=|e| e.clone() let:entry>
                    {
                        let key = entry.key.clone();
                        let tick_key = key.clone();
                        let rename_key = key.clone();
                        let is_renaming = move || renaming.get().as_deref() == Some(key.as_str());
                        let name = channel_name(i18n, &entry.name);
                        let start_name = entry.name.clone();
                        let tick_label = name.clone();
                        let count = entry.records;
                        let companies = entry.companies;
                        let checked_key = tick_key.clone();
                        view! {
                            <li class="channel-item" data-testid="channel-item" data-channel=entry.name.clone() data-count=count>
                                <input
                                    type="checkbox"
                                    class="tick"
                                    data-testid="channel-tick"
                                    aria-label=move || t_string!(i18n, channels_tick, name = tick_label.clone()).to_string()
                                    prop:checked=move || ticked.with(|t| t.contains(&checked_key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ticked.update(|t| {
                                            if on {
                                                t.insert(tick_key.clone());
                                            } else {
                                                t.remove(&tick_key);
                                            }
                                        });
                                    }
                                />
                                <span class="name bidi" class:no-source=entry.name.is_empty()>{name}</span>
                                <span class="secondary count">
                                    {move || {
                                        let locale = i18n.get_locale();
                                        t_string!(i18n, channels_records, count = count, shown = format::count(locale, count)).to_string()
                                    }}
                                    {move || (companies > 0).then(|| {
                                        let locale = i18n.get_locale();
                                        t_string!(i18n, channels_also_companies, shown = format::count(locale, companies)).to_string()
                                    })}
                                </span>
                                <Show
                                    when=is_renaming
                                    fallback=move || {
                                        let rename_key = rename_key.clone();
                                        let start_name = start_name.clone();
                                        view! {
                                            <button class="button ghost" data-testid="channel-rename" on:click=move |_| {
                                                new_name.set(start_name.clone());
                                                renaming.set(Some(rename_key.clone()));
                                            }>
                                                {t!(i18n, channels_rename)}
                                            </button>
                                        }
                                    }
                                >
                                    {
                                    // The field takes the focus, so typing starts at once.
                                    let field = NodeRef::<leptos::html::Input>::new();
                                    field.on_load(|input| {
                                        let _ = input.focus();
                                        input.select();
                                    });
                                    view! {
                                    <form class="inline-form rename" on:submit=rename
                                        on:keydown=move |ev| if ev.key() == "Escape" { renaming.set(None) }>
                                        <input
                                            node_ref=field
                                            data-testid="channel-rename-input"
                                            aria-label=move || t_string!(i18n, channels_rename_label)
                                            prop:value=move || new_name.get()
                                            on:input=move |ev| new_name.set(event_target_value(&ev))
                                        />
                                        <button type="submit" class="button primary" data-testid="channel-rename-save">
                                            {t!(i18n, save)}
                                        </button>
                                        <button type="button" class="button ghost" on:click=move |_| renaming.set(None)>
                                            {t!(i18n, cancel)}
                                        </button>
                                    </form>
                                    }
                                    }
                                </Show>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}
