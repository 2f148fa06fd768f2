//! The base: search, filters, sort, export and the virtualised list.

use std::cmp::Ordering;
use std::collections::HashSet;

use chrono::NaiveDate;
use kartoteka_core::agenda::{birthday_within, next_step_overdue};
use kartoteka_core::completeness::completeness;
use kartoteka_core::custom::{self, CustomField};
use kartoteka_core::money::has_overdue_invoice;
use kartoteka_core::{Contact, ContactKind, Freshness, KindKey, Query, Status};
use leptos::html;
use leptos::prelude::*;

use crate::i18n::*;
use crate::route::Route;
use crate::state::use_app;
use crate::storage::prefs::{ExportFormat, Filters, Prefs, Segment, SortBy, BIRTHDAY_DAYS};
use crate::storage::{Base, BaseSettings, SlotId};
use crate::ui::badge::FreshnessBadge;
use crate::ui::bulk::BulkBar;
use crate::ui::export::{export_contacts, format_label, ExportProblem, ExportProblemView};
use crate::ui::segments::SegmentBar;
use crate::ui::vcard_export::VcardExport;
use crate::ui::{format, labels};

/// Every row has the same height, so the rows in view follow from the
/// scroll position alone, without measuring anything.
const ROW_HEIGHT: f64 = 60.0;
/// Rows rendered above and below the viewport, so fast scrolling does not
/// show blank space before the next frame.
const OVERSCAN: usize = 8;

#[component]
pub fn ListScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let saved = Prefs::load();
    let query = RwSignal::new(String::new());
    let filters = RwSignal::new(saved.filters.clone());
    let sort = RwSignal::new(saved.sort);
    let format = RwSignal::new(saved.export_format);
    let ListPrefs { me, segments } = expect_context::<ListPrefs>();
    Effect::new(move |_| {
        Prefs {
            sort: sort.get(),
            filters: filters.get(),
            export_format: format.get(),
            me: me.get(),
            segments: segments.get(),
        }
        .save();
    });
    let selection = RwSignal::new(HashSet::<String>::new());
    provide_context(Selection(selection));

    let sorted = Memo::new(move |_| {
        let by = sort.get();
        state.with_base(|base| sorted_slots(base, by))
    });
    let parsed = Memo::new(move |_| Query::parse(&query.get()));
    let visible = Memo::new(move |_| {
        let query = parsed.get();
        let filters = filters.get();
        let me = me.get();
        let today = state.today.get();
        state.settings.with(|settings| {
            let matcher = Matcher::new(&filters, settings, &me, today);
            sorted.with(|slots| {
                state.with_base(|base| {
                    slots
                        .iter()
                        .copied()
                        .filter(|&slot| {
                            let (Some(contact), Some(entry)) =
                                (base.get(slot), base.search_entry(slot))
                            else {
                                return false;
                            };
                            matcher.matches(contact) && query.matches(entry)
                        })
                        .collect::<Vec<SlotId>>()
                })
            })
        })
    });
    let total = Memo::new(move |_| {
        state.with_base(|base| base.iter().filter(|(_, c)| c.deleted_at.is_none()).count())
    });

    let problem = RwSignal::new(None::<ExportProblem>);
    let export_in = move |chosen: ExportFormat| {
        let today = state.today.get_untracked();
        let settings = state.settings.get_untracked();
        let written = visible.with_untracked(|slots| {
            state.with_base_untracked(|base| {
                let contacts: Vec<&Contact> = slots.iter().filter_map(|&s| base.get(s)).collect();
                export_contacts(chosen, &contacts, &settings, today)
            })
        });
        problem.set(written.err());
    };
    // UTF-8 for Excel holds every character Windows-1251 does not.
    let export_utf8 = Callback::new(move |()| export_in(ExportFormat::CsvExcel));

    view! {
        <Show when=move || { total.get() > 0 } fallback=|| view! { <EmptyBase /> }>
            <div class="toolbar">
                <SearchBox query />
                <FilterBar query filters sort />
                <div class="toolbar-row">
                    <BulkBar visible />
                    <Count shown=Signal::derive(move || visible.with(Vec::len)) total />
                    <span class="spacer"></span>
                    <label class="visually-hidden" for="export-preset">{t!(i18n, export_preset)}</label>
                    <select
                        id="export-preset"
                        data-testid="export-preset"
                        on:change=move |ev| if let Some(f) = ExportFormat::from_key(&event_target_value(&ev)) { format.set(f) }
                        prop:value=move || format.get().key()
                    >
                        {ExportFormat::ALL.into_iter().map(|f| view! {
                            <option value=f.key()>{move || format_label(i18n, f)}</option>
                        }).collect_view()}
                    </select>
                    <button class="button" data-testid="export-csv" on:click=move |_| export_in(format.get_untracked())>
                        {t!(i18n, export)}
                    </button>
                    <VcardExport visible />
                </div>
                <ExportProblemView problem on_utf8=export_utf8 />
            </div>
            <Show
                when=move || visible.with(|v| !v.is_empty())
                fallback=move || view! {
                    <div class="nothing" data-testid="nothing-found">
                        <p>{t!(i18n, nothing_found)}</p>
                        <button class="button" on:click=move |_| { query.set(String::new()); filters.set(Filters::default()); }>
                            {t!(i18n, reset_filters)}
                        </button>
                    </div>
                }
            >
                <VirtualList slots=visible />
            </Show>
        </Show>
    }
}

/// Device preferences the list and the settings share; created once by
/// the shell, so two screens never write back different copies.
#[derive(Clone, Copy)]
pub struct ListPrefs {
    pub me: RwSignal<String>,
    pub segments: RwSignal<Vec<Segment>>,
}

impl ListPrefs {
    pub fn load() -> Self {
        let saved = Prefs::load();
        ListPrefs {
            me: RwSignal::new(saved.me),
            segments: RwSignal::new(saved.segments),
        }
    }
}

/// The ids of the records ticked in the list.
#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<HashSet<String>>);

/// The list's filters, prepared once per change of the filters rather
/// than once per record.
struct Matcher<'a> {
    filters: &'a Filters,
    settings: &'a BaseSettings,
    status: Option<Status>,
    freshness: Option<Freshness>,
    kind: Option<ContactKind>,
    me: &'a str,
    today: NaiveDate,
    custom: Option<&'a CustomField>,
    tag: String,
}

impl<'a> Matcher<'a> {
    fn new(
        filters: &'a Filters,
        settings: &'a BaseSettings,
        me: &'a str,
        today: NaiveDate,
    ) -> Self {
        Matcher {
            filters,
            settings,
            status: Status::from_key(&filters.status),
            freshness: Freshness::from_key(&filters.freshness),
            kind: ContactKind::from_key(&filters.kind),
            me,
            today,
            custom: settings
                .custom_fields
                .iter()
                .find(|f| f.id == filters.custom_field)
                .filter(|_| !filters.custom_value.trim().is_empty()),
            tag: filters.tag.to_lowercase(),
        }
    }

    fn matches(&self, contact: &Contact) -> bool {
        let f = self.filters;
        contact.deleted_at.is_none()
            && self.status.is_none_or(|s| contact.status == s)
            && self.kind.is_none_or(|k| contact.kind == k)
            && (f.source.is_empty() || contact.source == f.source)
            && (f.responsible.is_empty() || contact.responsible == f.responsible)
            && (!f.mine || (!self.me.is_empty() && contact.responsible == self.me))
            && (self.tag.is_empty() || contact.tags.iter().any(|t| t.to_lowercase() == self.tag))
            && self
                .freshness
                .is_none_or(|fr| self.settings.freshness.of(contact, self.today) == fr)
            && (!f.overdue_invoices || has_overdue_invoice(&contact.invoices, self.today))
            && (!f.next_step_overdue || next_step_overdue(contact, self.today))
            && (!f.birthdays || birthday_within(contact, self.today, BIRTHDAY_DAYS).is_some())
            && (f.below_completeness == 0 || completeness(contact).percent() < f.below_completeness)
            && self.custom.is_none_or(|field| {
                contact
                    .custom
                    .get(&field.id)
                    .is_some_and(|v| custom::matches(&field.kind, v, &f.custom_value))
            })
    }
}

fn sorted_slots(base: &Base, by: SortBy) -> Vec<SlotId> {
    // Keys are built once per sort, not once per comparison.
    let mut keyed: Vec<(String, String, SlotId)> = base
        .iter()
        .filter(|(_, contact)| contact.deleted_at.is_none())
        .map(|(slot, contact)| {
            let name = contact.display_name().to_lowercase().replace('ё', "е");
            let primary = match by {
                SortBy::Name => name.clone(),
                SortBy::Company => contact.company.to_lowercase().replace('ё', "е"),
                // Never-confirmed first, then the oldest confirmations.
                SortBy::ConfirmedOn => contact
                    .confirmed_on
                    .map_or_else(String::new, |d| format!("1{}", d.format("%Y%m%d"))),
                SortBy::Completeness => format!("{:03}", completeness(contact).percent()),
            };
            (primary, name, slot)
        })
        .collect();
    keyed.sort_unstable_by(|a, b| match (a.0.is_empty(), b.0.is_empty()) {
        // Records without a company sort after those with one.
        (true, false) if by == SortBy::Company => Ordering::Greater,
        (false, true) if by == SortBy::Company => Ordering::Less,
        _ => {
            a.0.cmp(&b.0)
                .then_with(|| a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        }
    });
    keyed.into_iter().map(|(_, _, slot)| slot).collect()
}

#[component]
fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<html::Input>::new();
    // "/" focuses the search from anywhere but a text field.
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing {
            if let Some(input) = input.get() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });
    view! {
        <input
            class="search"
            type="search"
            node_ref=input
            data-testid="search"
            aria-label=move || t_string!(i18n, search_label)
            placeholder=move || t_string!(i18n, search_placeholder)
            prop:value=move || query.get()
            on:input=move |ev| query.set(event_target_value(&ev))
        />
    }
}

#[component]
fn FilterBar(
    query: RwSignal<String>,
    filters: RwSignal<Filters>,
    sort: RwSignal<SortBy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // The filters beyond status, source and freshness fold away; they open
    // by themselves when one of them is set.
    let extra_active = move || {
        filters.with(|f| {
            [
                !f.kind.is_empty(),
                !f.responsible.is_empty(),
                !f.tag.is_empty(),
                f.below_completeness > 0,
                !f.custom_value.trim().is_empty(),
                f.mine,
                f.overdue_invoices,
                f.next_step_overdue,
                f.birthdays,
            ]
            .iter()
            .filter(|on| **on)
            .count()
        })
    };
    let more = RwSignal::new(extra_active() > 0);
    let sources = Memo::new(move |_| {
        state.with_base(|base| {
            let mut sources: Vec<String> = base
                .iter()
                .filter(|(_, c)| c.deleted_at.is_none())
                .map(|(_, c)| c.source.clone())
                .filter(|s| !s.is_empty())
                .collect();
            sources.sort_unstable();
            sources.dedup();
            sources
        })
    });
    let tags = Memo::new(move |_| {
        state.with_base(|base| {
            let mut tags: Vec<String> = base
                .iter()
                .filter(|(_, c)| c.deleted_at.is_none())
                .flat_map(|(_, c)| c.tags.iter().cloned())
                .collect();
            tags.sort_unstable();
            tags.dedup();
            tags
        })
    });
    let status_label = move |s: Status| labels::status(i18n, s);
    let freshness_label = move |f: Freshness| labels::freshness(i18n, f);
    view! {
        <div class="toolbar-row filters">
            <label class="chip">
                <span>{t!(i18n, filter_status)}</span>
                <select
                    data-testid="filter-status"
                    prop:value=move || filters.with(|f| f.status.clone())
                    on:change=move |ev| filters.update(|f| f.status = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    {Status::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.key()>{move || status_label(s)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="chip">
                <span>{t!(i18n, filter_source)}</span>
                <select
                    data-testid="filter-source"
                    prop:value=move || filters.with(|f| f.source.clone())
                    on:change=move |ev| filters.update(|f| f.source = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    <For each=move || sources.get() key=|s| s.clone() let:source>
                        <option value=source.clone()>{source.clone()}</option>
                    </For>
                </select>
            </label>
            <label class="chip">
                <span>{t!(i18n, filter_freshness)}</span>
                <select
                    data-testid="filter-freshness"
                    prop:value=move || filters.with(|f| f.freshness.clone())
                    on:change=move |ev| filters.update(|f| f.freshness = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    {Freshness::ALL
                        .into_iter()
                        .map(|f| view! { <option value=f.key()>{move || freshness_label(f)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="chip">
                <span>{t!(i18n, sort_label)}</span>
                <select
                    data-testid="sort"
                    prop:value=move || sort.get().key()
                    on:change=move |ev| {
                        if let Some(by) = SortBy::from_key(&event_target_value(&ev)) {
                            sort.set(by);
                        }
                    }
                >
                    <option value="name">{t!(i18n, sort_name)}</option>
                    <option value="company">{t!(i18n, sort_company)}</option>
                    <option value="confirmed_on">{t!(i18n, sort_confirmed_on)}</option>
                    <option value="completeness">{t!(i18n, sort_completeness)}</option>
                </select>
            </label>
            <button
                type="button"
                class="button ghost"
                data-testid="more-filters"
                aria-expanded=move || more.get().to_string()
                on:click=move |_| more.update(|m| *m = !*m)
            >
                {move || t_string!(i18n, more_filters, count = extra_active())}
            </button>
            <SegmentBar query filters sort />
        </div>
        <div class="toolbar-row filters" class:hidden=move || !more.get() data-testid="extra-filters">
            <label class="chip">
                <span>{t!(i18n, filter_kind)}</span>
                <select
                    data-testid="filter-kind"
                    prop:value=move || filters.with(|f| f.kind.clone())
                    on:change=move |ev| filters.update(|f| f.kind = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    {ContactKind::ALL.iter().map(|&k| view! { <option value=k.key()>{move || labels::contact_kind(i18n, k)}</option> }).collect_view()}
                </select>
            </label>
            <label class="chip">
                <span>{t!(i18n, field_responsible)}</span>
                <select
                    data-testid="filter-responsible"
                    prop:value=move || filters.with(|f| f.responsible.clone())
                    on:change=move |ev| filters.update(|f| f.responsible = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    <For each=move || state.settings.with(|s| s.managers.clone()) key=|m| m.clone() let:manager>
                        <option value=manager.clone()>{manager.clone()}</option>
                    </For>
                </select>
            </label>
            <label class="chip">
                <span>{t!(i18n, field_tags)}</span>
                <select
                    data-testid="filter-tag"
                    prop:value=move || filters.with(|f| f.tag.clone())
                    on:change=move |ev| filters.update(|f| f.tag = event_target_value(&ev))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    <For each=move || tags.get() key=|t| t.clone() let:tag>
                        <option value=tag.clone()>{tag.clone()}</option>
                    </For>
                </select>
            </label>
            <label class="chip">
                <span>{t!(i18n, filter_completeness)}</span>
                <select
                    data-testid="filter-completeness"
                    prop:value=move || filters.with(|f| f.below_completeness.to_string())
                    on:change=move |ev| filters.update(|f| f.below_completeness = event_target_value(&ev).parse().unwrap_or(0))
                >
                    <option value="0">{t!(i18n, filter_any)}</option>
                    <option value="100">{t!(i18n, completeness_below_full)}</option>
                    <option value="80">{t!(i18n, completeness_below, percent = 80)}</option>
                    <option value="50">{t!(i18n, completeness_below, percent = 50)}</option>
                </select>
            </label>
            <Show when=move || state.settings.with(|s| !s.custom_fields.is_empty())>
                <label class="chip">
                    <span>{t!(i18n, filter_custom)}</span>
                    <select
                        data-testid="filter-custom-field"
                        prop:value=move || filters.with(|f| f.custom_field.clone())
                        on:change=move |ev| filters.update(|f| f.custom_field = event_target_value(&ev))
                    >
                        <option value="">"—"</option>
                        <For each=move || state.settings.with(|s| s.custom_fields.clone()) key=|f| f.id.clone() let:field>
                            <option value=field.id.clone()>{field.label.clone()}</option>
                        </For>
                    </select>
                    <input
                        class="short"
                        data-testid="filter-custom-value"
                        aria-label=move || t_string!(i18n, filter_custom_value)
                        prop:value=move || filters.with(|f| f.custom_value.clone())
                        on:input=move |ev| filters.update(|f| f.custom_value = event_target_value(&ev))
                    />
                </label>
            </Show>
            {toggle(filters, "filter-mine", t_string!(i18n, filter_mine).to_string(), |f| &mut f.mine, |f| f.mine)}
            {toggle(filters, "filter-overdue-invoices", t_string!(i18n, filter_overdue_invoices).to_string(), |f| &mut f.overdue_invoices, |f| f.overdue_invoices)}
            {toggle(filters, "filter-next-step-overdue", t_string!(i18n, filter_next_step_overdue).to_string(), |f| &mut f.next_step_overdue, |f| f.next_step_overdue)}
            {toggle(filters, "filter-birthdays", t_string!(i18n, filter_birthdays, days = BIRTHDAY_DAYS).to_string(), |f| &mut f.birthdays, |f| f.birthdays)}
        </div>
    }
}

/// A filter that is on or off, as a chip with a checkbox.
fn toggle(
    filters: RwSignal<Filters>,
    testid: &'static str,
    label: String,
    set: fn(&mut Filters) -> &mut bool,
    get: fn(&Filters) -> bool,
) -> impl IntoView {
    view! {
        <label class="chip toggle" class:on=move || filters.with(get)>
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || filters.with(get)
                on:change=move |ev| filters.update(|f| *set(f) = event_target_checked(&ev))
            />
            <span>{label}</span>
        </label>
    }
}

#[component]
fn Count(shown: Signal<usize>, total: Memo<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let locale = i18n.get_locale();
        let n = shown.get();
        let mut text =
            t_string!(i18n, count, count = n, shown = format::count(locale, n)).to_string();
        if n != total.get() {
            text.push(' ');
            text.push_str(&t_string!(
                i18n,
                of_total,
                total = format::count(locale, total.get())
            ));
        }
        text
    };
    view! {
        <span class="count" data-testid="contact-count" data-count=move || shown.get().to_string()>
            {text}
        </span>
    }
}

#[component]
fn VirtualList(slots: Memo<Vec<SlotId>>) -> impl IntoView {
    let viewport = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let height = RwSignal::new(800.0_f64);
    let measure = move || {
        if let Some(el) = viewport.get_untracked() {
            height.set(f64::from(el.client_height().max(1)));
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };
    Effect::new(move |_| {
        if viewport.get().is_some() {
            measure();
        }
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || handle.remove());

    // When the list shrinks under the scroll position (a new search), go
    // back to the top instead of showing an empty stretch.
    Effect::new(move |previous: Option<usize>| {
        let len = slots.with(Vec::len);
        if previous.is_some_and(|p| p != len) {
            if let Some(el) = viewport.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
        len
    });

    let window_rows = move || {
        let top = scroll_top.get();
        let first = ((top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let count = (height.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        slots.with(|slots| {
            slots
                .iter()
                .enumerate()
                .skip(first)
                .take(count)
                .map(|(i, &s)| (i, s))
                .collect::<Vec<_>>()
        })
    };
    let total_height = move || format!("{}px", slots.with(Vec::len) as f64 * ROW_HEIGHT);
    view! {
        <div
            class="viewport"
            node_ref=viewport
            data-testid="contact-list"
            on:scroll=move |_| {
                if let Some(el) = viewport.get_untracked() {
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            }
        >
            <div class="rows" style:height=total_height>
                <For
                    each=window_rows
                    key=|(index, slot)| (*index, *slot)
                    children=move |(index, slot)| view! { <Row index slot_id=slot /> }
                />
            </div>
        </div>
    }
}

#[component]
fn Row(index: usize, slot_id: SlotId) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let contact = Memo::new(move |_| state.with_base(|base| base.get(slot_id).cloned()));
    let field = move |f: fn(&Contact) -> String| {
        move || contact.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    let freshness = Signal::derive(move || {
        let policy = state.settings.get().freshness;
        let today = state.today.get();
        contact.with(|c| c.as_ref().map_or(Freshness::Never, |c| policy.of(c, today)))
    });
    let status = move || {
        labels::status(
            i18n,
            contact.with(|c| c.as_ref().map(|c| c.status).unwrap_or_default()),
        )
    };
    let href = move || {
        contact.with(|c| {
            c.as_ref()
                .map(|c| Route::Contact(c.id.clone()).href())
                .unwrap_or_default()
        })
    };
    let company = field(|c| {
        let parts = match c.kind {
            ContactKind::Person => [c.company.as_str(), c.position.as_str()],
            // A company's own name is already the row's title.
            ContactKind::Company => [c.legal_form.as_str(), c.industry.as_str()],
        };
        parts
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let route = expect_context::<ReadSignal<Route>>();
    let selected = move || {
        route.with(|r| match r {
            Route::Contact(id) => contact.with(|c| c.as_ref().is_some_and(|c| &c.id == id)),
            _ => false,
        })
    };
    let Selection(ticked) = expect_context::<Selection>();
    let id = move || contact.with(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    let is_ticked = move || ticked.with(|t| t.contains(&id()));
    view! {
        <div
            class="row"
            class:selected=selected
            class:ticked=is_ticked
            data-testid="contact-row"
            style:transform=format!("translateY({}px)", index as f64 * ROW_HEIGHT)
        >
            <input
                type="checkbox"
                class="select"
                data-testid="row-select"
                aria-label=move || t_string!(i18n, select_row, name = field(Contact::display_name)())
                prop:checked=is_ticked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    let id = id();
                    ticked.update(|t| {
                        if on {
                            t.insert(id);
                        } else {
                            t.remove(&id);
                        }
                    });
                }
            />
            <a class="row-link" href=href>
                <span class="cell name">
                    <span class="primary" data-testid="row-name">{field(Contact::display_name)}</span>
                    <span class="secondary" data-testid="row-company">{company}</span>
                </span>
                <span class="cell phone" data-testid="row-phone">
                    {field(|c| c.main_phone().map(|p| p.value.clone()).unwrap_or_default())}
                </span>
                <span class="cell email" data-testid="row-email">
                    {field(|c| c.main_email().map(|e| e.value.clone()).unwrap_or_default())}
                </span>
                <span class="cell status">{status}</span>
                <span class="cell source">{field(|c| c.source.clone())}</span>
                <span class="cell fresh"><FreshnessBadge state=freshness /></span>
            </a>
        </div>
    }
}

#[component]
fn EmptyBase() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty" data-testid="empty-state">
            <h1>{t!(i18n, empty_title)}</h1>
            <p>{t!(i18n, empty_text)}</p>
            <div class="actions">
                <a class="button primary" href=Route::Import.href() data-testid="empty-import">
                    {t!(i18n, empty_import)}
                </a>
                <a class="button" href=Route::NewContact.href() data-testid="empty-add">
                    {t!(i18n, empty_add)}
                </a>
            </div>
        </div>
    }
}
