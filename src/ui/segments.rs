//! Saved segments: a named search, filters and sort, one tap away. They
//! live on this device, beside the other list preferences.

use leptos::prelude::*;

use crate::i18n::*;
use crate::storage::prefs::{Filters, Segment, SortBy};
use crate::ui::list::ListPrefs;

#[component]
pub fn SegmentBar(
    query: RwSignal<String>,
    filters: RwSignal<Filters>,
    sort: RwSignal<SortBy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ListPrefs { segments, .. } = expect_context::<ListPrefs>();
    let naming = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let current = move || Segment {
        name: String::new(),
        query: query.get(),
        filters: filters.get(),
        sort: sort.get(),
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = name.get_untracked().trim().to_owned();
        if title.is_empty() {
            return;
        }
        let segment = Segment {
            name: title.clone(),
            ..current()
        };
        segments.update(|all| {
            // The same name again replaces the old segment.
            all.retain(|s| s.name != title);
            all.push(segment);
        });
        name.set(String::new());
        naming.set(false);
    };
    view! {
        <div class="segments" data-testid="segments">
            <For each=move || segments.get() key=|s| s.name.clone() let:segment>
                {
                    let open = segment.clone();
                    let title = segment.name.clone();
                    let active = {
                        let segment = segment.clone();
                        move || { let c = current(); c.query == segment.query && c.filters == segment.filters && c.sort == segment.sort }
                    };
                    view! {
                        <span class="segment-chip" class:active=active>
                            <button class="button ghost" data-testid="segment" on:click=move |_| {
                                query.set(open.query.clone());
                                filters.set(open.filters.clone());
                                sort.set(open.sort);
                            }>{segment.name.clone()}</button>
                            <button class="button ghost remove" data-testid="segment-remove"
                                aria-label=move || t_string!(i18n, segment_remove, name = title.clone())
                                on:click={
                                    let title = segment.name.clone();
                                    move |_| segments.update(|all| all.retain(|s| s.name != title))
                                }>"×"</button>
                        </span>
                    }
                }
            </For>
            <Show
                when=move || naming.get()
                fallback=move || view! {
                    <button class="button ghost" data-testid="segment-save" on:click=move |_| naming.set(true)>
                        {t!(i18n, segment_save)}
                    </button>
                }
            >
                <form class="inline-form" on:submit=save>
                    <input data-testid="segment-name" aria-label=move || t_string!(i18n, segment_name)
                        placeholder=move || t_string!(i18n, segment_name)
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                    <button type="submit" class="button" data-testid="segment-confirm">{t!(i18n, save)}</button>
                </form>
            </Show>
        </div>
    }
}
