//! Records of the base entered twice: the pairs, a field-by-field merge,
//! and the recent merges with "undo".

use kartoteka_core::merge::{choices, merge, pairs, Choice, Pair};
use kartoteka_core::Contact;
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{use_app, Notice};
use crate::ui::journal::{Journal, Show as JournalShow};
use crate::ui::labels;

/// How many pairs the screen lists at once: a base with more has a
/// systematic problem that an import's duplicate policy fixes better.
const LISTED: usize = 100;

#[component]
pub fn DuplicatesScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let found = Memo::new(move |_| state.with_base(|b| pairs(b.iter().map(|(_, c)| c))));
    let open = RwSignal::new(None::<Pair>);
    let names = move |pair: &Pair| {
        state.with_base_untracked(|b| {
            let name = |id: &str| b.by_id(id).map(Contact::display_name).unwrap_or_default();
            (name(&pair.first), name(&pair.second))
        })
    };
    view! {
        <section class="screen duplicates" data-testid="duplicates-screen">
            <h1>{t!(i18n, duplicates_title)}</h1>
            <p class="secondary">{t!(i18n, duplicates_text)}</p>
            {move || open.get().map(|pair| view! { <MergeView pair open /> })}
            <Show
                when=move || found.with(|f| !f.is_empty())
                fallback=move || view! { <p data-testid="duplicates-none">{t!(i18n, duplicates_none)}</p> }
            >
                <p data-testid="duplicates-count">
                    {move || t_string!(i18n, duplicates_count, count = found.with(Vec::len)).to_string()}
                </p>
                <ul class="pair-list">
                    <For
                        each=move || found.get().into_iter().take(LISTED)
                        key=|pair| (pair.first.clone(), pair.second.clone())
                        let:pair
                    >
                        {
                            let (first, second) = names(&pair);
                            let reason = labels::match_reason(i18n, pair.reason);
                            view! {
                                <li class="pair-row" data-testid="pair-row">
                                    <span class="primary bidi">{first}</span>
                                    " ⇄ "
                                    <span class="primary bidi">{second}</span>
                                    <span class="secondary">{reason}</span>
                                    <button class="button" data-testid="pair-compare" on:click=move |_| open.set(Some(pair.clone()))>
                                        {t!(i18n, duplicates_compare)}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <Journal show=JournalShow::Merges />
        </section>
    }
}

/// The two records side by side: a choice for each field they disagree on,
/// and what the merged record will hold.
#[component]
fn MergeView(pair: Pair, open: RwSignal<Option<Pair>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let Some((first, second)) = state.with_base_untracked(|b| {
        Some((
            b.by_id(&pair.first)?.clone(),
            b.by_id(&pair.second)?.clone(),
        ))
    }) else {
        return ().into_any();
    };
    // Which record stays (its id, links and history go on); the first by default.
    let swapped = RwSignal::new(false);
    let records = move || {
        if swapped.get() {
            (second.clone(), first.clone())
        } else {
            (first.clone(), second.clone())
        }
    };
    let take_other = RwSignal::new(Vec::<&'static str>::new());
    let rows = {
        let records = records.clone();
        move || {
            let (kept, other) = records();
            choices(&kept, &other)
                .into_iter()
                .map(|choice| view! { <ChoiceRow choice take_other /> })
                .collect_view()
        }
    };
    let preview = {
        let records = records.clone();
        move || {
            let (kept, other) = records();
            let merged = merge(&kept, &other, &take_other.get());
            t_string!(
                i18n,
                merge_preview,
                phones = merged.phones.len(),
                emails = merged.emails.len(),
                activities = merged.activities.len(),
                invoices = merged.invoices.len()
            )
            .to_string()
        }
    };
    let kept_name = {
        let records = records.clone();
        move || records().0.display_name()
    };
    let run = move |_| {
        let (kept, other) = records();
        let picks = take_other.get_untracked();
        leptos::task::spawn_local(async move {
            match state.merge_records(&kept.id, &other.id, &picks).await {
                Ok(_) => {
                    open.set(None);
                    state.report(Ok(Notice::Merged));
                }
                Err(error) => state.report(Err(error)),
            }
        });
    };
    view! {
        <div class="merge" data-testid="merge-view">
            <h2>{t!(i18n, merge_title)}</h2>
            <p>
                {t!(i18n, merge_stays)}" "<b class="bidi" data-testid="merge-kept">{kept_name}</b>" "
                <button class="button ghost" data-testid="merge-swap" on:click=move |_| {
                    take_other.set(Vec::new());
                    swapped.update(|s| *s = !*s);
                }>{t!(i18n, merge_swap)}</button>
            </p>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, history_field)}</th>
                        <th>{t!(i18n, merge_kept_value)}</th>
                        <th>{t!(i18n, merge_other_value)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="secondary" data-testid="merge-preview">{preview}</p>
            <div class="actions">
                <button class="button primary" data-testid="merge-run" on:click=run>{t!(i18n, merge_run)}</button>
                <button class="button" on:click=move |_| open.set(None)>{t!(i18n, cancel)}</button>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn ChoiceRow(choice: Choice, take_other: RwSignal<Vec<&'static str>>) -> impl IntoView {
    let i18n = use_i18n();
    let field = choice.field;
    let name = format!("merge-{field}");
    let label = labels::history_field(i18n, field);
    let shown = move |value: &str| labels::history_value(i18n, field, value);
    let (kept, other) = (shown(&choice.kept), shown(&choice.other));
    let is_other = move || take_other.with(|t| t.contains(&field));
    let pick = move |other: bool| {
        take_other.update(|t| {
            t.retain(|f| *f != field);
            if other {
                t.push(field);
            }
        });
    };
    view! {
        <tr data-testid="merge-choice" data-field=field>
            <td>{label}</td>
            <td>
                <label class="check">
                    <input type="radio" name=name.clone() prop:checked=move || !is_other() on:change=move |_| pick(false) />
                    <span class="bidi">{kept}</span>
                </label>
            </td>
            <td>
                <label class="check">
                    <input type="radio" name=name data-testid="merge-take-other" prop:checked=is_other on:change=move |_| pick(true) />
                    <span class="bidi">{other}</span>
                </label>
            </td>
        </tr>
    }
}
