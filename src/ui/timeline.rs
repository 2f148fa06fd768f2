//! What happened with a record: the activity timeline (calls, meetings,
//! e-mails, notes with their next steps) and the history of its changes.

use kartoteka_core::agenda::next_step;
use kartoteka_core::{
    format_date, parse_date, Activity, ActivityKind, ConfirmedWhat, Contact, KindKey,
};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{new_id, use_app, Notice};
use crate::ui::form::date_field;
use crate::ui::{format, labels};

#[component]
pub fn Timeline(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.today.get_untracked();
    let locale = i18n.get_locale();
    let next = next_step(&contact);
    let overdue = next.is_some_and(|d| d < today);
    let mut activities: Vec<Activity> = contact.activities.clone();
    // Newest first; activities logged on the same day keep the order they were logged in.
    activities.reverse();
    activities.sort_by_key(|a| std::cmp::Reverse(a.on));
    let items = activities
        .into_iter()
        .map(|a| {
            let kind = a.kind;
            view! {
                <li class="activity" data-testid="activity" data-kind=kind.key()>
                    <div class="activity-head">
                        <span class="kind">{move || labels::activity_kind(i18n, kind)}</span>
                        <span class="secondary">{a.on.map(|d| format::date(locale, d))}</span>
                    </div>
                    {(!a.text.is_empty()).then(|| view! { <p class="notes bidi">{a.text.clone()}</p> })}
                    {(!a.outcome.is_empty()).then(|| view! {
                        <p class="secondary">{t!(i18n, activity_outcome)}": "<span class="bidi" data-testid="activity-outcome">{labels::activity_outcome(i18n, &a)}</span></p>
                    })}
                    {a.next_step_on.map(|d| view! {
                        <p class="secondary" data-testid="activity-next">{t_string!(i18n, activity_next_on, date = format::date(locale, d))}</p>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="timeline" data-testid="timeline">
            {next.map(|d| view! {
                <p class="next-step" class:overdue=overdue data-testid="next-step" data-overdue=overdue.to_string()>
                    {if overdue {
                        t_string!(i18n, next_step_overdue_on, date = format::date(locale, d)).to_string()
                    } else {
                        t_string!(i18n, next_step_on, date = format::date(locale, d)).to_string()
                    }}
                </p>
            })}
            <ActivityForm contact=contact.clone() />
            <ol class="activities">{items}</ol>
        </section>
    }
}

#[component]
fn ActivityForm(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let kind = RwSignal::new(ActivityKind::Call);
    let on = RwSignal::new(format_date(state.today.get_untracked()));
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let day = parse_date(&on.get_untracked());
        let next_on = next.with_untracked(|text| date_field(text));
        let (Some(day), Ok(next_on)) = (day, next_on) else {
            error.set(true);
            return;
        };
        error.set(false);
        let mut contact = contact.clone();
        contact.activities.push(Activity {
            id: new_id(),
            kind: kind.get_untracked(),
            on: Some(day),
            text: text.get_untracked().trim().to_owned(),
            outcome: outcome.get_untracked().trim().to_owned(),
            next_step_on: next_on,
        });
        leptos::task::spawn_local(async move {
            let result = state.save_contact(contact).await.map(|_| Notice::Saved);
            state.report(result);
        });
    };
    view! {
        <form class="activity-form" on:submit=add data-testid="activity-form" novalidate>
            <div class="segmented" role="radiogroup" aria-label=move || t_string!(i18n, activity_kind_label)>
                {ActivityKind::ALL.iter().map(|&k| view! {
                    <label class="segment" class:active=move || kind.get() == k>
                        <input type="radio" name="activity-kind" value=k.key() data-testid=format!("activity-{}", k.key())
                            prop:checked=move || kind.get() == k on:change=move |_| kind.set(k) />
                        {move || labels::activity_kind(i18n, k)}
                    </label>
                }).collect_view()}
            </div>
            <div class="grid">
                <label class="field">
                    <span>{t!(i18n, activity_on)}</span>
                    <input inputmode="numeric" data-testid="activity-on" prop:value=move || on.get() on:input=move |ev| on.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t!(i18n, activity_outcome)}</span>
                    <input data-testid="activity-outcome-input" prop:value=move || outcome.get() on:input=move |ev| outcome.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t!(i18n, activity_next)}</span>
                    <input inputmode="numeric" data-testid="activity-next-on" placeholder=move || t_string!(i18n, date_hint)
                        prop:value=move || next.get() on:input=move |ev| next.set(event_target_value(&ev)) />
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, activity_text)}</span>
                <textarea rows="2" data-testid="activity-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <Show when=move || error.get()>
                <p class="field-error" role="alert" data-testid="activity-error">{t!(i18n, error_date)}</p>
            </Show>
            <div class="actions"><button type="submit" class="button primary" data-testid="activity-save">{t!(i18n, activity_log)}</button></div>
        </form>
    }
}

/// Status changes (when a lead became a client) and every field change.
#[component]
pub fn History(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let statuses = contact
        .status_history
        .iter()
        .rev()
        .map(|change| {
            let (from, to) = (change.from, change.to);
            view! {
                <li data-testid="status-change">
                    <span class="secondary">{change.on.map(|d| format::date(locale, d))}</span>" "
                    {move || match from {
                        Some(from) => format!("{} → {}", labels::status(i18n, from), labels::status(i18n, to)),
                        None => t_string!(i18n, history_created_as, status = labels::status(i18n, to)).to_string(),
                    }}
                </li>
            }
        })
        .collect_view();
    let changes = contact
        .history
        .iter()
        .rev()
        .map(|change| {
            let field = change.field.clone();
            view! {
                <tr data-testid="field-change">
                    <td class="secondary">{format::moment(locale, change.at)}</td>
                    <td>{move || labels::history_field(i18n, &field)}</td>
                    <td class="bidi old">{labels::history_value(i18n, &change.field, &change.from)}</td>
                    <td class="bidi">{labels::history_value(i18n, &change.field, &change.to)}</td>
                </tr>
            }
        })
        .collect_view();
    let no_changes = contact.history.is_empty();
    let confirmations = contact
        .confirmations
        .iter()
        .rev()
        .map(|c| {
            let what = match &c.what {
                ConfirmedWhat::Record => t_string!(i18n, confirmed_what_record).to_string(),
                ConfirmedWhat::Phone(v) | ConfirmedWhat::Email(v) => v.clone(),
            };
            let how = c.how;
            view! {
                <li data-testid="confirmation">
                    <span class="secondary">{format::date(locale, c.on)}</span>" "
                    <span class="bidi">{what}</span>" — "{move || labels::confirmed_how(i18n, how)}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="history" data-testid="history">
            <h3>{t!(i18n, history_statuses)}</h3>
            <ol class="status-history">{statuses}</ol>
            <h3>{t!(i18n, history_confirmations)}</h3>
            <ol class="status-history" data-testid="confirmations">{confirmations}</ol>
            <h3>{t!(i18n, history_changes)}</h3>
            <Show when=move || !no_changes fallback=move || view! { <p class="secondary">{t!(i18n, history_none)}</p> }>
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th>{t!(i18n, history_when)}</th>
                            <th>{t!(i18n, history_field)}</th>
                            <th>{t!(i18n, history_from)}</th>
                            <th>{t!(i18n, history_to)}</th>
                        </tr></thead>
                        <tbody>{changes.clone()}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
