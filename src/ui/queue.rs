//! The re-confirmation queue: the records whose data is stale, never
//! confirmed or due, in the order they should be called, worked through one
//! after another with one tap per outcome.

use kartoteka_core::links::{messenger_href, tel_href};
use kartoteka_core::phone::phone_view;
use kartoteka_core::queue::{
    cities, is_invalid_phone, progress, queue, queue_group, record_outcome, Outcome, QueueFilter,
    QueueGroup,
};
use kartoteka_core::Status;
use leptos::prelude::*;

use crate::i18n::*;
use crate::route::{navigate, Route};
use crate::state::{new_id, use_app, Notice};
use crate::ui::badge::FreshnessBadge;
use crate::ui::{format, labels};

/// How many records the list under the current one shows; the queue of a
/// large base runs to thousands, and nobody scrolls through them in a day.
const SHOWN: usize = 50;

/// The default wait before a record that did not answer comes back.
const RETRY_DAYS: u32 = 3;

/// The queue's filters as the selects hold them; empty means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Filters {
    source: String,
    tag: String,
    status: String,
    city: String,
    responsible: String,
}

impl Filters {
    fn to_filter(&self) -> QueueFilter {
        let some = |s: &String| (!s.is_empty()).then(|| s.clone());
        QueueFilter {
            source: some(&self.source),
            tag: some(&self.tag),
            status: Status::from_key(&self.status),
            city: some(&self.city),
            responsible: some(&self.responsible),
        }
    }
}

#[component]
pub fn QueueScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let filters = RwSignal::new(Filters::default());
    let ids = Memo::new(move |_| {
        let filter = filters.with(Filters::to_filter);
        let today = state.today.get();
        state.settings.with(|settings| {
            state.with_base(|base| {
                queue(base.iter().map(|(_, c)| c), &settings.freshness, today)
                    .into_iter()
                    .filter(|c| filter.matches(c))
                    .map(|c| c.id.clone())
                    .collect::<Vec<String>>()
            })
        })
    });
    let done = Memo::new(move |_| {
        let today = state.today.get();
        state.settings.with(|settings| {
            state
                .with_base(|base| progress(base.iter().map(|(_, c)| c), &settings.freshness, today))
        })
    });
    // Working through: the record on screen; the next one follows each outcome.
    let working = RwSignal::new(false);
    let current = Memo::new(move |_| ids.with(|ids| ids.first().cloned()));
    let options = Memo::new(move |_| {
        state.with_base(|base| {
            let live = || {
                base.iter()
                    .map(|(_, c)| c)
                    .filter(|c| c.deleted_at.is_none())
            };
            let mut sources: Vec<String> = live()
                .map(|c| c.source.clone())
                .filter(|s| !s.is_empty())
                .collect();
            sources.sort_unstable();
            sources.dedup();
            let mut tags: Vec<String> = live().flat_map(|c| c.tags.iter().cloned()).collect();
            tags.sort_unstable();
            tags.dedup();
            let cities: Vec<String> = cities(live())
                .into_iter()
                .map(|(c, _)| c)
                .filter(|c| !c.is_empty())
                .collect();
            (sources, tags, cities)
        })
    });
    let select = move |testid: &'static str,
                       label: String,
                       values: Signal<Vec<(String, String)>>,
                       get: fn(&Filters) -> String,
                       set: fn(&mut Filters, String)| {
        view! {
            <label class="chip">
                <span>{label}</span>
                <select
                    data-testid=testid
                    prop:value=move || filters.with(get)
                    on:change=move |ev| filters.update(|f| set(f, event_target_value(&ev)))
                >
                    <option value="">{t!(i18n, filter_any)}</option>
                    {move || values.get().into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let plain = |list: Vec<String>| list.into_iter().map(|v| (v.clone(), v)).collect::<Vec<_>>();
    view! {
        <section class="screen queue" data-testid="queue-screen">
            <h1>{t!(i18n, queue_title)}</h1>
            <p class="secondary">{t!(i18n, queue_text)}</p>
            <div class="queue-progress" data-testid="queue-progress"
                data-done=move || done.get().done_today.to_string() data-left=move || ids.with(Vec::len).to_string()>
                <b>{move || t_string!(i18n, queue_done_today, count = done.get().done_today).to_string()}</b>
                <span>{move || t_string!(i18n, queue_left, count = ids.with(Vec::len)).to_string()}</span>
                <progress
                    max=move || (done.get().done_today + ids.with(Vec::len)).max(1).to_string()
                    value=move || done.get().done_today.to_string()
                ></progress>
            </div>
            <div class="toolbar-row filters">
                {select("queue-source", t_string!(i18n, filter_source).to_string(), Signal::derive(move || plain(options.get().0)), |f| f.source.clone(), |f, v| f.source = v)}
                {select("queue-tag", t_string!(i18n, field_tags).to_string(), Signal::derive(move || plain(options.get().1)), |f| f.tag.clone(), |f, v| f.tag = v)}
                {select("queue-status", t_string!(i18n, filter_status).to_string(), Signal::derive(move || {
                    [Status::Potential, Status::InWork, Status::Client].into_iter().map(|s| (s.key().to_owned(), labels::status(i18n, s))).collect()
                }), |f| f.status.clone(), |f, v| f.status = v)}
                {select("queue-city", t_string!(i18n, queue_city).to_string(), Signal::derive(move || plain(options.get().2)), |f| f.city.clone(), |f, v| f.city = v)}
                {select("queue-responsible", t_string!(i18n, field_responsible).to_string(), Signal::derive(move || plain(state.settings.with(|s| s.managers.clone()))), |f| f.responsible.clone(), |f, v| f.responsible = v)}
            </div>
            <div class="actions">
                <button class="button primary" data-testid="queue-start" disabled=move || current.get().is_none()
                    on:click=move |_| working.set(true)>
                    {t!(i18n, queue_start)}
                </button>
                <a class="button" href=Route::NewCold.href() data-testid="queue-new-contact">{t!(i18n, queue_new_contact)}</a>
            </div>
            <Show when=move || working.get() && current.get().is_some()>
                {move || current.get().map(|id| view! { <Caller id working /> })}
            </Show>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="nothing" data-testid="queue-empty">{t!(i18n, queue_empty)}</p>
            </Show>
            <ol class="queue-list" data-testid="queue-list">
                {move || ids.with(|ids| ids.iter().take(SHOWN).cloned().collect::<Vec<_>>()).into_iter().map(|id| view! { <QueueRow id /> }).collect_view()}
            </ol>
            <Show when=move || { ids.with(Vec::len) > SHOWN }>
                <p class="secondary">{move || t_string!(i18n, queue_more, count = ids.with(Vec::len) - SHOWN).to_string()}</p>
            </Show>
        </section>
    }
}

#[component]
fn QueueRow(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let contact = state.with_base_untracked(|b| b.by_id(&id).cloned());
    let Some(contact) = contact else {
        return ().into_any();
    };
    let today = state.today.get_untracked();
    let (group, freshness) = state.settings.with_untracked(|s| {
        (
            queue_group(&contact, &s.freshness, today),
            s.freshness.of(&contact, today),
        )
    });
    let confirmed = contact
        .confirmed_on
        .map(|d| format::date(i18n.get_locale(), d))
        .unwrap_or_else(|| t_string!(i18n, never_confirmed).to_string());
    view! {
        <li class="queue-row" data-testid="queue-row" data-group=group.map(group_key).unwrap_or_default()>
            <a href=Route::Contact(contact.id.clone()).href()>
                <span class="primary bidi" data-testid="queue-name">{contact.display_name()}</span>
                <span class="secondary">{labels::status(i18n, contact.status)}" · "{confirmed}</span>
            </a>
            <FreshnessBadge state=Signal::derive(move || freshness) />
        </li>
    }
    .into_any()
}

fn group_key(group: QueueGroup) -> &'static str {
    match group {
        QueueGroup::StaleClient => "stale_client",
        QueueGroup::Stale => "stale",
        QueueGroup::Never => "never",
        QueueGroup::Due => "due",
    }
}

/// One record being called: how to reach them, what to check, and one tap
/// per outcome. Each outcome lands in the record's timeline.
#[component]
fn Caller(id: String, working: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let Some(contact) = state.with_base_untracked(|b| b.by_id(&id).cloned()) else {
        return ().into_any();
    };
    let retry = RwSignal::new(RETRY_DAYS.to_string());
    let wrong_phone = RwSignal::new(
        contact
            .phones
            .first()
            .map(|p| p.value.clone())
            .unwrap_or_default(),
    );
    let apply = {
        let contact = contact.clone();
        move |outcome: Outcome| {
            let mut contact = contact.clone();
            let today = state.today.get_untracked();
            let opens_editor = matches!(outcome, Outcome::ConfirmedWithChanges);
            record_outcome(&mut contact, &outcome, today, new_id());
            let id = contact.id.clone();
            leptos::task::spawn_local(async move {
                let saved = state.save_contact(contact).await;
                let ok = saved.is_ok();
                state.report(saved.map(|_| Notice::Saved));
                if ok && opens_editor {
                    working.set(false);
                    navigate(&Route::Contact(id));
                }
            });
        }
    };
    let last = contact.activities.iter().max_by_key(|a| a.on).map(|a| {
        let when =
            a.on.map(|d| format::date(i18n.get_locale(), d))
                .unwrap_or_default();
        format!(
            "{} {} — {}",
            labels::activity_kind(i18n, a.kind),
            when,
            labels::activity_outcome(i18n, a)
        )
    });
    let name = contact.display_name();
    let phones = contact
        .phones
        .iter()
        .map(|p| {
            let view = phone_view(&p.value);
            let invalid = is_invalid_phone(&contact, p);
            let href = tel_href(&p.value);
            let kind = p.kind;
            let freshness = state.settings.with_untracked(|s| s.freshness.state(p.confirmed_on, state.today.get_untracked()));
            view! {
                <div class="value" class:invalid=invalid>
                    <span class="kind">{move || labels::phone_kind(i18n, kind)}</span>
                    {match href {
                        Some(href) => view! { <a class="button" href=href data-testid="caller-call">{view.display.clone()}</a> }.into_any(),
                        None => view! { <span class="bidi">{p.value.clone()}</span> }.into_any(),
                    }}
                    <FreshnessBadge state=Signal::derive(move || freshness) />
                    {invalid.then(|| view! { <span class="flag">{t!(i18n, phone_marked_invalid)}</span> })}
                </div>
            }
        })
        .collect_view();
    let messengers = contact
        .messengers
        .iter()
        .filter_map(|m| {
            let kind = m.kind;
            messenger_href(kind, &m.handle).map(|href| view! {
                <a class="button ghost" href=href target="_blank" rel="noopener noreferrer" data-testid="caller-messenger">
                    {move || labels::messenger_kind(i18n, kind)}
                </a>
            })
        })
        .collect_view();
    let emails = contact
        .emails
        .iter()
        .map(|e| view! { <div class="value bidi">{e.value.clone()}</div> })
        .collect_view();
    let phone_choices: Vec<String> = contact.phones.iter().map(|p| p.value.clone()).collect();
    let has_phones = !phone_choices.is_empty();
    let (a1, a2, a3, a4, a5, a6) = (
        apply.clone(),
        apply.clone(),
        apply.clone(),
        apply.clone(),
        apply.clone(),
        apply,
    );
    view! {
        <article class="caller" data-testid="caller" aria-live="polite">
            <header>
                <h2 class="bidi" data-testid="caller-name">{name}</h2>
                <span class="secondary">{labels::status(i18n, contact.status)}" · "{contact.source.clone()}</span>
                <button class="button ghost close" on:click=move |_| working.set(false)>{t!(i18n, close)}</button>
            </header>
            <div class="caller-values">
                {phones}
                {emails}
                <div class="actions">{messengers}</div>
            </div>
            {last.map(|text| view! { <p class="secondary" data-testid="caller-last">{t!(i18n, queue_last_activity)}": "{text}</p> })}
            <div class="outcomes">
                <button class="button primary" data-testid="outcome-confirmed" on:click=move |_| a1(Outcome::ConfirmedUnchanged)>
                    {t!(i18n, outcome_confirmed)}
                </button>
                <button class="button" data-testid="outcome-changed" on:click=move |_| a2(Outcome::ConfirmedWithChanges)>
                    {t!(i18n, outcome_changed)}
                </button>
                <span class="outcome-group">
                    <button class="button" data-testid="outcome-no-answer" on:click=move |_| {
                        let days = retry.get_untracked().trim().parse().unwrap_or(RETRY_DAYS).clamp(1, 365);
                        a3(Outcome::NoAnswer { retry_in_days: days })
                    }>
                        {t!(i18n, outcome_no_answer)}
                    </button>
                    <label class="inline">
                        {t!(i18n, outcome_retry_in)}
                        <input class="short" inputmode="numeric" data-testid="outcome-retry-days"
                            prop:value=move || retry.get() on:input=move |ev| retry.set(event_target_value(&ev)) />
                        {t!(i18n, outcome_days)}
                    </label>
                </span>
                <Show when=move || has_phones>
                    <span class="outcome-group">
                        <button class="button" data-testid="outcome-wrong-number" on:click={
                            let a4 = a4.clone();
                            move |_| a4(Outcome::WrongNumber { phone: wrong_phone.get_untracked() })
                        }>
                            {t!(i18n, outcome_wrong_number)}
                        </button>
                        <select data-testid="outcome-phone" aria-label=move || t_string!(i18n, field_phones)
                            prop:value=move || wrong_phone.get() on:change=move |ev| wrong_phone.set(event_target_value(&ev))>
                            {phone_choices.clone().into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                        </select>
                    </span>
                </Show>
                <button class="button danger" data-testid="outcome-former" on:click=move |_| a5(Outcome::NotRelevant { status: Status::Former })>
                    {t!(i18n, outcome_former)}
                </button>
                <button class="button danger" data-testid="outcome-do-not-contact" on:click=move |_| a6(Outcome::NotRelevant { status: Status::DoNotContact })>
                    {t!(i18n, outcome_do_not_contact)}
                </button>
            </div>
        </article>
    }
    .into_any()
}
