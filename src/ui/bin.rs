//! The recycle bin: deleted records stay here for a month and can be
//! restored, or removed for good before that.

use kartoteka_core::agenda::BIN_DAYS;
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{now, use_app, Notice};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[component]
pub fn BinScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let binned = Memo::new(move |_| {
        state.with_base(|base| {
            let mut rows: Vec<(String, String, i64)> = base
                .iter()
                .filter_map(|(_, c)| c.deleted_at.map(|at| (c.id.clone(), c.display_name(), at)))
                .collect();
            rows.sort_by_key(|row| std::cmp::Reverse(row.2));
            rows
        })
    });
    let restore = move |ids: Vec<String>| {
        leptos::task::spawn_local(async move {
            let outcome = state
                .restore_contacts(&ids)
                .await
                .map(|()| Notice::Restored);
            state.report(outcome);
        });
    };
    let purge = move |ids: Vec<String>| {
        leptos::task::spawn_local(async move {
            let outcome = state.remove_contacts(ids).await.map(|()| Notice::Deleted);
            state.report(outcome);
        });
    };
    let empty_bin = move |_| {
        let ids: Vec<String> = binned
            .get_untracked()
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        let sure = window()
            .confirm_with_message(&t_string!(i18n, bin_empty_confirm, count = ids.len()))
            .unwrap_or(false);
        if sure {
            purge(ids);
        }
    };
    view! {
        <section class="screen bin" data-testid="bin-screen">
            <h1>{t!(i18n, bin_title)}</h1>
            <p class="secondary">{t!(i18n, bin_text, days = BIN_DAYS)}</p>
            <Show
                when=move || binned.with(|b| !b.is_empty())
                fallback=move || view! { <p data-testid="bin-empty">{t!(i18n, bin_none)}</p> }
            >
                <div class="actions">
                    <button class="button danger" data-testid="bin-empty-all" on:click=empty_bin>{t!(i18n, bin_empty)}</button>
                </div>
                <ul class="bin-list">
                    <For each=move || binned.get() key=|(id, _, at)| (id.clone(), *at) let:row>
                        {
                            let (id, name, at) = row;
                            let left = (BIN_DAYS - (now() - at) / DAY_MS).max(0);
                            let restore_id = id.clone();
                            view! {
                                <li class="bin-row" data-testid="bin-row">
                                    <span class="primary bidi">{name}</span>
                                    <span class="secondary">{move || t_string!(i18n, bin_days_left, count = left)}</span>
                                    <button class="button" data-testid="bin-restore" on:click=move |_| restore(vec![restore_id.clone()])>
                                        {t!(i18n, bin_restore)}
                                    </button>
                                    <button class="button ghost danger" data-testid="bin-purge" on:click=move |_| purge(vec![id.clone()])>
                                        {t!(i18n, bin_purge)}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
