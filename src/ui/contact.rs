//! One record: the card that shows it and the form that edits it.

use kartoteka_core::{Contact, EmailKind, KindKey, MessengerKind, PhoneKind, Status};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::route::{navigate, Route};
use crate::state::{new_id, use_app, Notice};
use crate::ui::badge::FreshnessBadge;
use crate::ui::form::{Draft, FieldError};
use crate::ui::{format, labels};

#[component]
pub fn ContactPanel(id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let body = match id {
        None => {
            let draft = Draft::new_contact(state.today.get_untracked());
            let original = Contact {
                id: new_id(),
                ..Contact::default()
            };
            view! { <Editor original draft is_new=true on_done=Callback::new(|_| ()) /> }.into_any()
        }
        Some(id) => {
            let contact = Memo::new(move |_| state.with_base(|b| b.by_id(&id).cloned()));
            let editing = RwSignal::new(false);
            (move || match contact.get() {
                None => view! { <p class="problem" data-testid="not-found">{t!(i18n, not_found)}</p> }
                    .into_any(),
                Some(contact) if editing.get() => {
                    let draft = Draft::of(&contact);
                    view! {
                        <Editor original=contact draft is_new=false on_done=Callback::new(move |_| editing.set(false)) />
                    }
                    .into_any()
                }
                Some(contact) => view! { <Card contact editing /> }.into_any(),
            })
            .into_any()
        }
    };
    view! {
        <aside class="panel" data-testid="contact-panel">
            <a class="button ghost close" href=Route::List.href() data-testid="close-panel">
                {t!(i18n, close)}
            </a>
            {body}
        </aside>
    }
}

/// `tel:` wants the number in E.164; a number we could not normalise is
/// dialled as typed.
fn tel_href(normalized: &str, typed: &str) -> String {
    if normalized.len() >= 10 {
        format!("tel:+{normalized}")
    } else {
        format!("tel:{}", typed.replace(' ', ""))
    }
}

#[component]
fn Card(contact: Contact, editing: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let asking_delete = RwSignal::new(false);
    let id = contact.id.clone();
    let freshness = Signal::derive({
        let confirmed = contact.confirmed_on;
        move || {
            state
                .settings
                .get()
                .freshness
                .state(confirmed, state.today.get())
        }
    });
    let confirm_today = {
        let contact = contact.clone();
        move |_| {
            let mut contact = contact.clone();
            contact.confirmed_on = Some(state.today.get_untracked());
            leptos::task::spawn_local(async move {
                let outcome = state.save_contact(contact).await.map(|_| Notice::Saved);
                state.report(outcome);
            });
        }
    };
    let delete = move |_| {
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let outcome = state.delete_contact(&id).await.map(|()| Notice::Deleted);
            if outcome.is_ok() {
                navigate(&Route::List);
            }
            state.report(outcome);
        });
    };
    let name = contact.display_name();
    let subtitle = [contact.company.as_str(), contact.position.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let confirmed_text = move || match contact.confirmed_on {
        Some(date) => t_string!(
            i18n,
            confirmed_on_value,
            date = format::date(i18n.get_locale(), date)
        )
        .to_string(),
        None => t_string!(i18n, never_confirmed).to_string(),
    };
    let call = contact
        .main_phone()
        .map(|p| tel_href(&p.normalized, &p.value));
    let write = contact.main_email().map(|e| format!("mailto:{}", e.value));
    let status = contact.status;
    let delete_name = name.clone();
    view! {
        <header class="card-header">
            <h2 data-testid="card-name">{name.clone()}</h2>
            <p class="secondary" data-testid="card-company">{subtitle}</p>
            <div class="badges">
                <span class="status" data-testid="card-status">{move || labels::status(i18n, status)}</span>
                <FreshnessBadge state=freshness />
                <span class="secondary" data-testid="card-confirmed">{confirmed_text}</span>
            </div>
            <div class="actions">
                <button class="button primary" data-testid="confirm-today" on:click=confirm_today>
                    {t!(i18n, confirmed_today)}
                </button>
                {call.map(|href| view! { <a class="button" href=href data-testid="call">{t!(i18n, call)}</a> })}
                {write.map(|href| view! { <a class="button" href=href data-testid="write">{t!(i18n, write)}</a> })}
                <button class="button" data-testid="edit" on:click=move |_| editing.set(true)>
                    {t!(i18n, edit)}
                </button>
                <button class="button danger" data-testid="delete" on:click=move |_| asking_delete.set(true)>
                    {t!(i18n, delete)}
                </button>
            </div>
            <Show when=move || asking_delete.get()>
                <div class="confirm" role="alertdialog" data-testid="delete-dialog">
                    <p>{t!(i18n, delete_confirm, name = delete_name.clone())}</p>
                    <button class="button danger" data-testid="delete-confirm" on:click=delete.clone()>
                        {t!(i18n, delete_yes)}
                    </button>
                    <button class="button" on:click=move |_| asking_delete.set(false)>{t!(i18n, cancel)}</button>
                </div>
            </Show>
        </header>
        <dl class="sections">
            <Section title=move || t_string!(i18n, field_phones).to_string() show=!contact.phones.is_empty()>
                {contact.phones.iter().map(|p| {
                    let kind = p.kind;
                    let href = tel_href(&p.normalized, &p.value);
                    let unrecognised = p.normalized.len() < 10;
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::phone_kind(i18n, kind)}</span>
                            <a href=href data-testid="card-phone">{p.value.clone()}</a>
                            {unrecognised.then(|| view! { <span class="flag">{t!(i18n, phone_unrecognised)}</span> })}
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_emails).to_string() show=!contact.emails.is_empty()>
                {contact.emails.iter().map(|e| {
                    let kind = e.kind;
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::email_kind(i18n, kind)}</span>
                            <a href=format!("mailto:{}", e.value) data-testid="card-email">{e.value.clone()}</a>
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_messengers).to_string() show=!contact.messengers.is_empty()>
                {contact.messengers.iter().map(|m| {
                    let kind = m.kind;
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::messenger_kind(i18n, kind)}</span>
                            <span data-testid="card-messenger">{m.handle.clone()}</span>
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_addresses).to_string() show=!contact.addresses.is_empty()>
                {contact.addresses.iter().map(|a| {
                    let kind = a.kind;
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::address_kind(i18n, kind)}</span>
                            <span data-testid="card-address">{a.value.clone()}</span>
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_source).to_string() show=!contact.source.is_empty()>
                <span data-testid="card-source">{contact.source.clone()}</span>
            </Section>
            <Section title=move || t_string!(i18n, field_added_on).to_string() show=contact.added_on.is_some()>
                {contact.added_on.map(|d| move || format::date(i18n.get_locale(), d))}
            </Section>
            <Section title=move || t_string!(i18n, field_tags).to_string() show=!contact.tags.is_empty()>
                {contact.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_inn).to_string() show=!contact.inn.is_empty()>
                <span data-testid="card-inn">{contact.inn.clone()}</span>
            </Section>
            <Section title=move || t_string!(i18n, field_kpp).to_string() show=!contact.kpp.is_empty()>
                <span data-testid="card-kpp">{contact.kpp.clone()}</span>
            </Section>
            <Section title=move || t_string!(i18n, field_notes).to_string() show=!contact.notes.is_empty()>
                <p class="notes" data-testid="card-notes">{contact.notes.clone()}</p>
            </Section>
            <Section title=move || t_string!(i18n, field_extra).to_string() show=!contact.extra.is_empty()>
                {contact.extra.iter().map(|(k, v)| view! {
                    <div class="value"><span class="kind">{k.clone()}</span><span>{v.clone()}</span></div>
                }).collect_view()}
            </Section>
        </dl>
    }
}

#[component]
fn Section(
    title: impl Fn() -> String + Send + Sync + 'static,
    show: bool,
    children: Children,
) -> impl IntoView {
    show.then(|| {
        view! {
            <dt>{title}</dt>
            <dd>{children()}</dd>
        }
    })
}

#[component]
fn Editor(original: Contact, draft: Draft, is_new: bool, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let initial = draft.clone();
    let draft = RwSignal::new(draft);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let has = move |e: FieldError| errors.with(|errs| errs.contains(&e));

    // Closing or reloading the tab with unsaved changes asks first.
    let unchanged = initial.clone();
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if draft.with_untracked(|d| *d != unchanged) {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || handle.remove());

    let save = {
        let original = original.clone();
        move || match draft.with_untracked(|d| d.apply(&original, state.today.get_untracked())) {
            Err(found) => {
                errors.set(found);
                focus_first_invalid();
            }
            Ok(contact) => {
                errors.set(Vec::new());
                leptos::task::spawn_local(async move {
                    match state.save_contact(contact).await {
                        Ok(saved) => {
                            state.report(Ok(Notice::Saved));
                            if is_new {
                                navigate(&Route::Contact(saved.id));
                            } else {
                                on_done.run(());
                            }
                        }
                        Err(error) => state.report(Err(error)),
                    }
                });
            }
        }
    };
    let cancel = move || {
        let changed = draft.with_untracked(|d| *d != initial);
        let discard = !changed
            || window()
                .confirm_with_message(t_string!(i18n, discard_confirm))
                .unwrap_or(false);
        if discard {
            if is_new {
                navigate(&Route::List);
            } else {
                on_done.run(());
            }
        }
    };
    let on_submit = {
        let save = save.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save();
        }
    };
    let on_keydown = {
        let cancel = cancel.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                ev.prevent_default();
                cancel();
            }
        }
    };

    let text = move |testid: &'static str,
                     label: String,
                     get: fn(&Draft) -> &String,
                     set: fn(&mut Draft) -> &mut String| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    data-testid=testid
                    prop:value=move || draft.with(|d| get(d).clone())
                    on:input=move |ev| draft.update(|d| *set(d) = event_target_value(&ev))
                />
            </label>
        }
    };

    view! {
        <form class="editor" data-testid="contact-form" on:submit=on_submit on:keydown=on_keydown novalidate>
            <Show when=move || !errors.with(Vec::is_empty)>
                <p class="form-error" role="alert" data-testid="form-error">
                    {move || if has(FieldError::Identity) { t_string!(i18n, error_identity) } else { t_string!(i18n, error_form) }}
                </p>
            </Show>
            <div class="grid">
                {text("field-surname", t_string!(i18n, field_surname).to_string(), |d| &d.surname, |d| &mut d.surname)}
                {text("field-name", t_string!(i18n, field_name).to_string(), |d| &d.name, |d| &mut d.name)}
                {text("field-patronymic", t_string!(i18n, field_patronymic).to_string(), |d| &d.patronymic, |d| &mut d.patronymic)}
                {text("field-company", t_string!(i18n, field_company).to_string(), |d| &d.company, |d| &mut d.company)}
                {text("field-position", t_string!(i18n, field_position).to_string(), |d| &d.position, |d| &mut d.position)}
                <label class="field">
                    <span>{t!(i18n, field_status)}</span>
                    <select
                        data-testid="field-status"
                        prop:value=move || draft.with(|d| d.status.key())
                        on:change=move |ev| {
                            if let Some(s) = Status::from_key(&event_target_value(&ev)) {
                                draft.update(|d| d.status = s);
                            }
                        }
                    >
                        {Status::ALL.into_iter().map(|s| view! {
                            <option value=s.key()>{move || labels::status(i18n, s)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>

            <fieldset>
                <legend>{t!(i18n, field_phones)}</legend>
                <For each=move || 0..draft.with(|d| d.phones.len()) key=|i| *i let:i>
                    <div class="list-item">
                        <select
                            aria-label=move || t_string!(i18n, field_phones)
                            prop:value=move || draft.with(|d| d.phones.get(i).map(|p| p.kind.key()).unwrap_or_default())
                            on:change=move |ev| {
                                if let Some(kind) = PhoneKind::from_key(&event_target_value(&ev)) {
                                    draft.update(|d| d.phones[i].kind = kind);
                                }
                            }
                        >
                            {PhoneKind::ALL.iter().map(|&k| view! { <option value=k.key()>{move || labels::phone_kind(i18n, k)}</option> }).collect_view()}
                        </select>
                        <input
                            type="tel"
                            inputmode="tel"
                            autocomplete="tel"
                            data-testid="field-phone"
                            aria-invalid=move || has(FieldError::Phone(i)).to_string()
                            prop:value=move || draft.with(|d| d.phones.get(i).map(|p| p.value.clone()).unwrap_or_default())
                            on:input=move |ev| draft.update(|d| d.phones[i].value = event_target_value(&ev))
                        />
                        <button type="button" class="button ghost" data-testid="remove-phone" on:click=move |_| draft.update(|d| { d.phones.remove(i); })>
                            {t!(i18n, remove)}
                        </button>
                        <Show when=move || has(FieldError::Phone(i))>
                            <span class="field-error" data-testid="error-phone">{t!(i18n, error_phone)}</span>
                        </Show>
                    </div>
                </For>
                <button type="button" class="button ghost" data-testid="add-phone" on:click=move |_| draft.update(Draft::add_phone)>
                    {t!(i18n, add_phone)}
                </button>
            </fieldset>

            <fieldset>
                <legend>{t!(i18n, field_emails)}</legend>
                <For each=move || 0..draft.with(|d| d.emails.len()) key=|i| *i let:i>
                    <div class="list-item" class:invalid=move || has(FieldError::Email(i))>
                        <select
                            aria-label=move || t_string!(i18n, field_emails)
                            prop:value=move || draft.with(|d| d.emails.get(i).map(|e| e.kind.key()).unwrap_or_default())
                            on:change=move |ev| {
                                if let Some(kind) = EmailKind::from_key(&event_target_value(&ev)) {
                                    draft.update(|d| d.emails[i].kind = kind);
                                }
                            }
                        >
                            {EmailKind::ALL.iter().map(|&k| view! { <option value=k.key()>{move || labels::email_kind(i18n, k)}</option> }).collect_view()}
                        </select>
                        <input
                            type="email"
                            inputmode="email"
                            autocomplete="email"
                            data-testid="field-email"
                            aria-invalid=move || has(FieldError::Email(i)).to_string()
                            prop:value=move || draft.with(|d| d.emails.get(i).map(|e| e.value.clone()).unwrap_or_default())
                            on:input=move |ev| draft.update(|d| d.emails[i].value = event_target_value(&ev))
                        />
                        <button type="button" class="button ghost" data-testid="remove-email" on:click=move |_| draft.update(|d| { d.emails.remove(i); })>
                            {t!(i18n, remove)}
                        </button>
                        <Show when=move || has(FieldError::Email(i))>
                            <span class="field-error" data-testid="error-email">{t!(i18n, error_email)}</span>
                        </Show>
                    </div>
                </For>
                <button type="button" class="button ghost" data-testid="add-email" on:click=move |_| draft.update(Draft::add_email)>
                    {t!(i18n, add_email)}
                </button>
            </fieldset>

            <fieldset>
                <legend>{t!(i18n, field_messengers)}</legend>
                <For each=move || 0..draft.with(|d| d.messengers.len()) key=|i| *i let:i>
                    <div class="list-item">
                        <select
                            aria-label=move || t_string!(i18n, field_messengers)
                            prop:value=move || draft.with(|d| d.messengers.get(i).map(|m| m.kind.key()).unwrap_or_default())
                            on:change=move |ev| {
                                if let Some(kind) = MessengerKind::from_key(&event_target_value(&ev)) {
                                    draft.update(|d| d.messengers[i].kind = kind);
                                }
                            }
                        >
                            {MessengerKind::ALL.iter().map(|&k| view! { <option value=k.key()>{move || labels::messenger_kind(i18n, k)}</option> }).collect_view()}
                        </select>
                        <input
                            data-testid="field-messenger"
                            prop:value=move || draft.with(|d| d.messengers.get(i).map(|m| m.handle.clone()).unwrap_or_default())
                            on:input=move |ev| draft.update(|d| d.messengers[i].handle = event_target_value(&ev))
                        />
                        <button type="button" class="button ghost" on:click=move |_| draft.update(|d| { d.messengers.remove(i); })>
                            {t!(i18n, remove)}
                        </button>
                    </div>
                </For>
                <button type="button" class="button ghost" data-testid="add-messenger" on:click=move |_| draft.update(|d| d.messengers.push(Default::default()))>
                    {t!(i18n, add_messenger)}
                </button>
            </fieldset>

            <fieldset>
                <legend>{t!(i18n, field_addresses)}</legend>
                <For each=move || 0..draft.with(|d| d.addresses.len()) key=|i| *i let:i>
                    <div class="list-item">
                        <input
                            class="wide"
                            data-testid="field-address"
                            prop:value=move || draft.with(|d| d.addresses.get(i).map(|a| a.value.clone()).unwrap_or_default())
                            on:input=move |ev| draft.update(|d| d.addresses[i].value = event_target_value(&ev))
                        />
                        <button type="button" class="button ghost" on:click=move |_| draft.update(|d| { d.addresses.remove(i); })>
                            {t!(i18n, remove)}
                        </button>
                    </div>
                </For>
                <button type="button" class="button ghost" data-testid="add-address" on:click=move |_| draft.update(|d| d.addresses.push(Default::default()))>
                    {t!(i18n, add_address)}
                </button>
            </fieldset>

            <div class="grid">
                {text("field-source", t_string!(i18n, field_source).to_string(), |d| &d.source, |d| &mut d.source)}
                <label class="field" class:invalid=move || has(FieldError::ConfirmedOn) || has(FieldError::FutureConfirmedOn)>
                    <span>{t!(i18n, field_confirmed_on)}</span>
                    <input
                        inputmode="numeric"
                        data-testid="field-confirmed-on"
                        placeholder=move || t_string!(i18n, date_hint)
                        aria-invalid=move || (has(FieldError::ConfirmedOn) || has(FieldError::FutureConfirmedOn)).to_string()
                        prop:value=move || draft.with(|d| d.confirmed_on.clone())
                        on:input=move |ev| draft.update(|d| d.confirmed_on = event_target_value(&ev))
                    />
                    <Show when=move || has(FieldError::ConfirmedOn)>
                        <span class="field-error" data-testid="error-confirmed-on">{t!(i18n, error_date)}</span>
                    </Show>
                    <Show when=move || has(FieldError::FutureConfirmedOn)>
                        <span class="field-error" data-testid="error-confirmed-on">{t!(i18n, error_future_date)}</span>
                    </Show>
                </label>
                <label class="field" class:invalid=move || has(FieldError::AddedOn)>
                    <span>{t!(i18n, field_added_on)}</span>
                    <input
                        inputmode="numeric"
                        data-testid="field-added-on"
                        placeholder=move || t_string!(i18n, date_hint)
                        aria-invalid=move || has(FieldError::AddedOn).to_string()
                        prop:value=move || draft.with(|d| d.added_on.clone())
                        on:input=move |ev| draft.update(|d| d.added_on = event_target_value(&ev))
                    />
                    <Show when=move || has(FieldError::AddedOn)>
                        <span class="field-error" data-testid="error-added-on">{t!(i18n, error_date)}</span>
                    </Show>
                </label>
                {text("field-tags", format!("{} ({})", t_string!(i18n, field_tags), t_string!(i18n, field_tags_hint)), |d| &d.tags, |d| &mut d.tags)}
                {text("field-inn", t_string!(i18n, field_inn).to_string(), |d| &d.inn, |d| &mut d.inn)}
                {text("field-kpp", t_string!(i18n, field_kpp).to_string(), |d| &d.kpp, |d| &mut d.kpp)}
            </div>
            <label class="field">
                <span>{t!(i18n, field_notes)}</span>
                <textarea
                    data-testid="field-notes"
                    rows="4"
                    prop:value=move || draft.with(|d| d.notes.clone())
                    on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))
                ></textarea>
            </label>
            <div class="actions sticky">
                <button type="submit" class="button primary" data-testid="save">{t!(i18n, save)}</button>
                <button type="button" class="button" data-testid="cancel" on:click=move |_| cancel()>
                    {t!(i18n, cancel)}
                </button>
            </div>
        </form>
    }
}

/// After a refused save, the first field with a problem gets the focus and
/// comes into view, so its message is not hidden below the fold.
fn focus_first_invalid() {
    // The error state renders on the next tick; look after it.
    gloo_timers::callback::Timeout::new(0, || {
        let found = document()
            .query_selector(".editor [aria-invalid=\"true\"]")
            .ok()
            .flatten();
        if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
            // Centred, so neither the top bar nor the sticky Save bar covers it.
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    })
    .forget();
}
