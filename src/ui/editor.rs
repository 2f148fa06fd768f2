//! The form that edits a record: a person or a company, with its lists of
//! phones, e-mails, messengers and addresses, its requisites, consent and
//! the user's own fields.

use kartoteka_core::companies::company_name_key;
use kartoteka_core::names::split_full_name;
use kartoteka_core::phone::phone_view;
use kartoteka_core::{
    Address, AddressKind, Contact, ContactKind, Email, EmailKind, KindKey, Messenger,
    MessengerKind, Phone, PhoneKind, Status,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use wasm_bindgen::JsCast;

use crate::i18n::*;
use crate::route::{navigate, Route};
use crate::state::{use_app, Notice};
use crate::storage::StorageError;
use crate::ui::conflict::{ConflictChoice, Versions};
use crate::ui::custom_fields::CustomFieldsEditor;
use crate::ui::duplicate_hints::DuplicateHints;
use crate::ui::form::{requisite_warning, Draft, FieldError, Requisite};
use crate::ui::labels;

type I18n = I18nContext<Locale>;

#[component]
pub fn Editor(
    original: Contact,
    draft: Draft,
    is_new: bool,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let initial = draft.clone();
    let draft = RwSignal::new(draft);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // The custom fields' inputs show their own errors from this list.
    provide_context(errors);
    let has = move |e: FieldError| errors.with(|errs| errs.contains(&e));
    // A save refused because another tab saved the record meanwhile.
    let conflict = RwSignal::new(None::<Versions>);

    // Closing or reloading the tab with unsaved changes asks first.
    let unchanged = initial.clone();
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if draft.with_untracked(|d| *d != unchanged) {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || handle.remove());

    let store = move |contact: Contact| {
        conflict.set(None);
        leptos::task::spawn_local(async move {
            match state.save_contact(contact.clone()).await {
                Ok(saved) => {
                    state.report(Ok(Notice::Saved));
                    if is_new {
                        navigate(&Route::Contact(saved.id));
                    } else {
                        on_done.run(());
                    }
                }
                Err(StorageError::Conflict(refused)) => conflict.set(Some(Versions {
                    stored: refused.stored,
                    mine: contact,
                })),
                Err(error) => state.report(Err(error)),
            }
        });
    };
    // Saving one's own version over the stored one is a choice made
    // seeing both, so it starts from the stored revision.
    let keep_mine = Callback::new(move |()| {
        if let Some(Versions { stored, mut mine }) = conflict.get_untracked() {
            mine.rev = stored.rev;
            store(mine);
        }
    });
    let take_stored = Callback::new(move |()| {
        conflict.set(None);
        on_done.run(());
    });
    let save = {
        let original = original.clone();
        move || match draft.with_untracked(|d| {
            let today = state.today.get_untracked();
            state
                .settings
                .with_untracked(|s| d.apply(&original, today, &s.custom_fields))
        }) {
            Err(found) => {
                errors.set(found);
                focus_first_invalid();
            }
            Ok(contact) if duplicates_a_company(&contact) => {
                errors.set(vec![FieldError::DuplicateCompany]);
                focus_first_invalid();
            }
            Ok(contact) => {
                errors.set(Vec::new());
                store(contact);
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
    let is_company = move || draft.with(|d| d.kind == ContactKind::Company);

    view! {
        <form class="editor" data-testid="contact-form" on:submit=on_submit on:keydown=on_keydown novalidate>
            {move || conflict.get().map(|versions| view! {
                <ConflictChoice versions on_keep_mine=keep_mine on_take_stored=take_stored />
            })}
            <Show when=move || !errors.with(Vec::is_empty)>
                <p class="form-error" role="alert" data-testid="form-error">
                    {move || if has(FieldError::Identity) {
                        t_string!(i18n, error_identity)
                    } else if has(FieldError::DuplicateCompany) {
                        t_string!(i18n, error_duplicate_company)
                    } else {
                        t_string!(i18n, error_form)
                    }}
                </p>
            </Show>
            <div class="segmented" role="radiogroup" aria-label=move || t_string!(i18n, field_kind)>
                {ContactKind::ALL.iter().map(|&kind| view! {
                    <label class="segment" class:active=move || draft.with(|d| d.kind == kind)>
                        <input
                            type="radio"
                            name="record-kind"
                            value=kind.key()
                            data-testid=format!("kind-{}", kind.key())
                            prop:checked=move || draft.with(|d| d.kind == kind)
                            on:change=move |_| draft.update(|d| d.kind = kind)
                        />
                        {move || labels::contact_kind(i18n, kind)}
                    </label>
                }).collect_view()}
            </div>
            <Show when=move || !is_company() fallback=move || view! { <CompanyFields draft /> }>
                <PersonFields draft />
            </Show>

            <ValueList spec=phones() draft errors />
            <ValueList spec=emails() draft errors />
            <DuplicateHints draft own_id=original.id.clone() />
            <ValueList spec=messengers() draft errors />
            <ValueList spec=addresses() draft errors />

            <div class="grid">
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
                {text_field(draft, "field-source", move || t_string!(i18n, field_source).to_string(), |d| &d.source, |d| &mut d.source)}
                <ResponsibleField draft />
                {date_field(draft, errors, "confirmed-on", move || t_string!(i18n, field_confirmed_on).to_string(), |d| &d.confirmed_on, |d| &mut d.confirmed_on, &[FieldError::ConfirmedOn, FieldError::FutureConfirmedOn])}
                {date_field(draft, errors, "added-on", move || t_string!(i18n, field_added_on).to_string(), |d| &d.added_on, |d| &mut d.added_on, &[FieldError::AddedOn])}
                <Show when=move || !is_company()>
                    {date_field(draft, errors, "birthday", move || t_string!(i18n, field_birthday).to_string(), |d| &d.birthday, |d| &mut d.birthday, &[FieldError::Birthday])}
                </Show>
            </div>
            <TagsField draft />

            <details class="group" open=original.kind == ContactKind::Company || !original.requisites.is_empty() || !original.inn.is_empty()>
                <summary>{t!(i18n, section_requisites)}</summary>
                <div class="grid">
                    {Requisite::ALL.iter().map(|&field| requisite_input(i18n, draft, field)).collect_view()}
                </div>
            </details>

            <details class="group" open=original.billing != Default::default()>
                <summary>{t!(i18n, section_billing)}</summary>
                <div class="grid">
                    {text_field(draft, "field-payment-terms", move || t_string!(i18n, field_payment_terms).to_string(), |d| &d.billing.payment_terms, |d| &mut d.billing.payment_terms)}
                    {text_field(draft, "field-edo", move || t_string!(i18n, field_edo).to_string(), |d| &d.billing.edo_operator, |d| &mut d.billing.edo_operator)}
                    {text_field(draft, "field-signer", move || t_string!(i18n, field_signer).to_string(), |d| &d.billing.signer, |d| &mut d.billing.signer)}
                </div>
            </details>

            <CustomFieldsEditor draft />

            <Show when=move || !is_company()>
                <fieldset class="group" data-testid="consent">
                    <legend>{t!(i18n, section_consent)}</legend>
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="field-consent"
                            prop:checked=move || draft.with(|d| d.consent_given)
                            on:change=move |ev| draft.update(|d| d.consent_given = event_target_checked(&ev))
                        />
                        {t!(i18n, field_consent_given)}
                    </label>
                    <div class="grid">
                        {date_field(draft, errors, "consent-on", move || t_string!(i18n, field_consent_on).to_string(), |d| &d.consent_on, |d| &mut d.consent_on, &[FieldError::ConsentOn])}
                        {text_field(draft, "field-consent-purpose", move || t_string!(i18n, field_consent_purpose).to_string(), |d| &d.consent_purpose, |d| &mut d.consent_purpose)}
                    </div>
                </fieldset>
            </Show>

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

/// Whether a company being saved has the name or ИНН of another live
/// company record: two cards of one company split its people and deals.
fn duplicates_a_company(contact: &Contact) -> bool {
    if contact.kind != ContactKind::Company {
        return false;
    }
    let key = company_name_key(&contact.company);
    let inn = kartoteka_core::digits(&contact.inn);
    use_app().with_base_untracked(|base| {
        base.iter().any(|(_, other)| {
            other.kind == ContactKind::Company
                && other.deleted_at.is_none()
                && other.id != contact.id
                && ((!key.is_empty() && company_name_key(&other.company) == key)
                    || (inn.len() == 10 && kartoteka_core::digits(&other.inn) == inn))
        })
    })
}

/// A labelled text input bound to one string of the draft.
fn text_field(
    draft: RwSignal<Draft>,
    testid: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
) -> impl IntoView {
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
}

/// A date typed as text (dd.mm.yyyy), with the errors that concern it.
fn date_field(
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
    name: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
    concerns: &'static [FieldError],
) -> impl IntoView {
    let i18n = use_i18n();
    let failing = move || errors.with(|errs| concerns.iter().find(|e| errs.contains(e)).copied());
    view! {
        <label class="field" class:invalid=move || failing().is_some()>
            <span>{label}</span>
            <input
                inputmode="numeric"
                data-testid=format!("field-{name}")
                placeholder=move || if name == "birthday" { t_string!(i18n, birthday_hint) } else { t_string!(i18n, date_hint) }
                aria-invalid=move || failing().is_some().to_string()
                prop:value=move || draft.with(|d| get(d).clone())
                on:input=move |ev| draft.update(|d| *set(d) = event_target_value(&ev))
            />
            {move || failing().map(|error| view! {
                <span class="field-error" data-testid=format!("error-{name}")>{field_error_text(i18n, error)}</span>
            })}
        </label>
    }
}

fn field_error_text(i18n: I18n, error: FieldError) -> String {
    match error {
        FieldError::FutureConfirmedOn => t_string!(i18n, error_future_date).to_string(),
        FieldError::Birthday => t_string!(i18n, error_birthday).to_string(),
        FieldError::ConsentOn => t_string!(i18n, error_consent_on).to_string(),
        _ => t_string!(i18n, error_date).to_string(),
    }
}

/// Surname, name and patronymic, typed one by one or as one line that is
/// split for the user to check before it is used.
#[component]
fn PersonFields(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let proposal = Memo::new(move |_| {
        let typed = draft.with(|d| d.full_name.clone());
        (!typed.trim().is_empty()).then(|| split_full_name(&typed))
    });
    let apply = move |_| {
        if let Some(parts) = proposal.get_untracked() {
            draft.update(|d| {
                d.surname = parts.surname;
                d.name = parts.name;
                d.patronymic = parts.patronymic;
                d.full_name.clear();
            });
        }
    };
    view! {
        <div class="full-name">
            <label class="field">
                <span>{t!(i18n, field_full_name)}</span>
                <input
                    data-testid="field-full-name"
                    placeholder=move || t_string!(i18n, full_name_hint)
                    autocomplete="name"
                    prop:value=move || draft.with(|d| d.full_name.clone())
                    on:input=move |ev| draft.update(|d| d.full_name = event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            apply(());
                        }
                    }
                />
            </label>
            {move || proposal.get().map(|parts| view! {
                <div class="proposal" data-testid="name-proposal" role="status">
                    <span>{t!(i18n, field_surname)}": "<b data-testid="proposal-surname">{parts.surname.clone()}</b></span>
                    <span>{t!(i18n, field_name)}": "<b data-testid="proposal-name">{parts.name.clone()}</b></span>
                    <span>{t!(i18n, field_patronymic)}": "<b data-testid="proposal-patronymic">{parts.patronymic.clone()}</b></span>
                    <button type="button" class="button" data-testid="apply-full-name" on:click=move |_| apply(())>
                        {t!(i18n, apply_full_name)}
                    </button>
                </div>
            })}
        </div>
        <div class="grid">
            {text_field(draft, "field-surname", move || t_string!(i18n, field_surname).to_string(), |d| &d.surname, |d| &mut d.surname)}
            {text_field(draft, "field-name", move || t_string!(i18n, field_name).to_string(), |d| &d.name, |d| &mut d.name)}
            {text_field(draft, "field-patronymic", move || t_string!(i18n, field_patronymic).to_string(), |d| &d.patronymic, |d| &mut d.patronymic)}
            <CompanyPicker draft />
            {text_field(draft, "field-position", move || t_string!(i18n, field_position).to_string(), |d| &d.position, |d| &mut d.position)}
        </div>
    }
}

/// The company a person works for: typed freely, suggested from the
/// company records; a name no record has becomes a new company on save.
#[component]
fn CompanyPicker(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let companies = Memo::new(move |_| {
        state.with_base(|base| {
            let mut names: Vec<String> = base
                .iter()
                .filter(|(_, c)| c.kind == ContactKind::Company && c.deleted_at.is_none())
                .map(|(_, c)| c.company.clone())
                .filter(|n| !n.is_empty())
                .collect();
            names.sort_unstable();
            names.dedup();
            names
        })
    });
    view! {
        <label class="field">
            <span>{t!(i18n, field_company)}</span>
            <input
                data-testid="field-company"
                list="company-names"
                autocomplete="organization"
                prop:value=move || draft.with(|d| d.company.clone())
                on:input=move |ev| draft.update(|d| {
                    d.company = event_target_value(&ev);
                    // The link follows the name: a changed name links anew on save.
                    d.company_id = None;
                })
            />
            <datalist id="company-names">
                <For each=move || companies.get() key=|n| n.clone() let:name>
                    <option value=name.clone()></option>
                </For>
            </datalist>
        </label>
    }
}

#[component]
fn CompanyFields(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="grid">
            {text_field(draft, "field-company", move || t_string!(i18n, field_company_name).to_string(), |d| &d.company, |d| &mut d.company)}
            {text_field(draft, "field-legal-form", move || t_string!(i18n, field_legal_form).to_string(), |d| &d.legal_form, |d| &mut d.legal_form)}
            {text_field(draft, "field-industry", move || t_string!(i18n, field_industry).to_string(), |d| &d.industry, |d| &mut d.industry)}
            <label class="field">
                <span>{t!(i18n, field_website)}</span>
                <input
                    type="url"
                    inputmode="url"
                    data-testid="field-website"
                    prop:value=move || draft.with(|d| d.website.clone())
                    on:input=move |ev| draft.update(|d| d.website = event_target_value(&ev))
                />
            </label>
        </div>
    }
}

/// The responsible manager, chosen from the managed list (a name that is
/// no longer on the list stays selectable, so nothing is lost on save).
#[component]
fn ResponsibleField(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let options = move || {
        let mut names = state.settings.with(|s| s.managers.clone());
        let current = draft.with(|d| d.responsible.clone());
        if !current.is_empty() && !names.contains(&current) {
            names.push(current);
        }
        names
    };
    view! {
        <label class="field">
            <span>{t!(i18n, field_responsible)}</span>
            <select
                data-testid="field-responsible"
                prop:value=move || draft.with(|d| d.responsible.clone())
                on:change=move |ev| draft.update(|d| d.responsible = event_target_value(&ev))
            >
                <option value="">{t!(i18n, responsible_none)}</option>
                <For each=options key=|n| n.clone() let:name>
                    <option value=name.clone()>{name.clone()}</option>
                </For>
            </select>
        </label>
    }
}

/// Tags typed with commas; the tags already in the base that start like
/// the last word typed are offered one tap away.
#[component]
fn TagsField(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let known = Memo::new(move |_| {
        state.with_base(|base| {
            let mut tags: Vec<String> = base.iter().flat_map(|(_, c)| c.tags.clone()).collect();
            tags.sort_unstable();
            tags.dedup();
            tags
        })
    });
    let suggestions = move || {
        let typed = draft.with(|d| d.tags.clone());
        let (done, last) = match typed.rsplit_once(',') {
            Some((done, last)) => (done.to_owned(), last.trim().to_lowercase()),
            None => (String::new(), typed.trim().to_lowercase()),
        };
        let chosen: Vec<String> = done.split(',').map(|t| t.trim().to_lowercase()).collect();
        known.with(|tags| {
            tags.iter()
                .filter(|t| !chosen.contains(&t.to_lowercase()))
                .filter(|t| last.is_empty() || t.to_lowercase().starts_with(&last))
                .take(8)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let pick = move |tag: String| {
        draft.update(|d| {
            let kept = match d.tags.rsplit_once(',') {
                Some((done, _)) => format!("{done}, "),
                None => String::new(),
            };
            d.tags = format!("{kept}{tag}, ");
        });
    };
    view! {
        <div class="field">
            <label class="field">
                <span>{t!(i18n, field_tags)}" ("{t!(i18n, field_tags_hint)}")"</span>
                <input
                    data-testid="field-tags"
                    prop:value=move || draft.with(|d| d.tags.clone())
                    on:input=move |ev| draft.update(|d| d.tags = event_target_value(&ev))
                />
            </label>
            <div class="suggestions" data-testid="tag-suggestions">
                <For each=suggestions key=|t| t.clone() let:tag>
                    <button type="button" class="tag suggestion" on:click={
                        let tag = tag.clone();
                        move |_| pick(tag.clone())
                    }>{tag.clone()}</button>
                </For>
            </div>
        </div>
    }
}

fn requisite_input(i18n: I18n, draft: RwSignal<Draft>, field: Requisite) -> impl IntoView {
    let warning = move || draft.with(|d| requisite_warning(d, field));
    view! {
        <label class="field" class:warning=move || warning().is_some()>
            <span>{move || labels::requisite(i18n, field)}</span>
            <input
                data-testid=format!("field-{}", field.key())
                inputmode=if field.is_numeric() { "numeric" } else { "text" }
                aria-describedby=format!("warning-{}", field.key())
                prop:value=move || draft.with(|d| field.get(d).to_owned())
                on:input=move |ev| draft.update(|d| *field.get_mut(d) = event_target_value(&ev))
            />
            <span class="field-warning" id=format!("warning-{}", field.key()) data-testid=format!("warning-{}", field.key())>
                {move || warning().map(|w| labels::requisite_error(i18n, field, &w))}
            </span>
        </label>
    }
}

/// How one kind of typed value list is edited.
#[derive(Clone, Copy)]
pub struct ListSpec<T: 'static, K: 'static> {
    /// `phone` gives `field-phone`, `add-phone`, `remove-phone`, `primary-phone`.
    name: &'static str,
    legend: fn(I18n) -> String,
    add: fn(I18n) -> String,
    items: fn(&Draft) -> &Vec<T>,
    items_mut: fn(&mut Draft) -> &mut Vec<T>,
    kind: fn(&T) -> K,
    set_kind: fn(&mut T, K),
    value: fn(&T) -> &String,
    value_mut: fn(&mut T) -> &mut String,
    kind_label: fn(I18n, K) -> String,
    input_type: &'static str,
    inputmode: &'static str,
    /// What is wrong with the value at an index, as a form error.
    error: Option<fn(usize) -> FieldError>,
    error_text: fn(I18n) -> String,
    /// A hint under the value as it is typed (how a phone will be read).
    hint: Option<fn(I18n, &str) -> Option<String>>,
    /// Adds an empty line, of the kind a second value usually is.
    add_item: fn(&mut Draft),
}

fn phones() -> ListSpec<Phone, PhoneKind> {
    ListSpec {
        name: "phone",
        legend: |i18n| t_string!(i18n, field_phones).to_string(),
        add: |i18n| t_string!(i18n, add_phone).to_string(),
        items: |d| &d.phones,
        items_mut: |d| &mut d.phones,
        kind: |p| p.kind,
        set_kind: |p, k| p.kind = k,
        value: |p| &p.value,
        value_mut: |p| &mut p.value,
        kind_label: labels::phone_kind,
        input_type: "tel",
        inputmode: "tel",
        error: Some(FieldError::Phone),
        error_text: |i18n| t_string!(i18n, error_phone).to_string(),
        add_item: Draft::add_phone,
        hint: Some(|i18n, typed| {
            if typed.trim().is_empty() {
                return None;
            }
            if kartoteka_core::digits(typed).len() < kartoteka_core::MIN_DIALLABLE_DIGITS {
                return Some(t_string!(i18n, error_phone).to_string());
            }
            let view = phone_view(typed);
            Some(if view.valid {
                t_string!(i18n, phone_reads_as, number = view.display).to_string()
            } else {
                t_string!(i18n, phone_invalid_kept).to_string()
            })
        }),
    }
}

fn emails() -> ListSpec<Email, EmailKind> {
    ListSpec {
        name: "email",
        legend: |i18n| t_string!(i18n, field_emails).to_string(),
        add: |i18n| t_string!(i18n, add_email).to_string(),
        items: |d| &d.emails,
        items_mut: |d| &mut d.emails,
        kind: |e| e.kind,
        set_kind: |e, k| e.kind = k,
        value: |e| &e.value,
        value_mut: |e| &mut e.value,
        kind_label: labels::email_kind,
        input_type: "email",
        inputmode: "email",
        error: Some(FieldError::Email),
        error_text: |i18n| t_string!(i18n, error_email).to_string(),
        hint: None,
        add_item: Draft::add_email,
    }
}

fn messengers() -> ListSpec<Messenger, MessengerKind> {
    ListSpec {
        name: "messenger",
        legend: |i18n| t_string!(i18n, field_messengers).to_string(),
        add: |i18n| t_string!(i18n, add_messenger).to_string(),
        items: |d| &d.messengers,
        items_mut: |d| &mut d.messengers,
        kind: |m| m.kind,
        set_kind: |m, k| m.kind = k,
        value: |m| &m.handle,
        value_mut: |m| &mut m.handle,
        kind_label: labels::messenger_kind,
        input_type: "text",
        inputmode: "text",
        error: None,
        error_text: |_| String::new(),
        hint: None,
        add_item: |d| d.messengers.push(Messenger::default()),
    }
}

fn addresses() -> ListSpec<Address, AddressKind> {
    ListSpec {
        name: "address",
        legend: |i18n| t_string!(i18n, field_addresses).to_string(),
        add: |i18n| t_string!(i18n, add_address).to_string(),
        items: |d| &d.addresses,
        items_mut: |d| &mut d.addresses,
        kind: |a| a.kind,
        set_kind: |a, k| a.kind = k,
        value: |a| &a.value,
        value_mut: |a| &mut a.value,
        kind_label: labels::address_kind,
        input_type: "text",
        inputmode: "text",
        error: None,
        error_text: |_| String::new(),
        hint: None,
        add_item: |d| d.addresses.push(Address::default()),
    }
}

/// One typed list of the record: a kind and a value per line, the first
/// line is the primary one; lines are added, removed and made primary.
#[component]
fn ValueList<T, K>(
    spec: ListSpec<T, K>,
    draft: RwSignal<Draft>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    K: KindKey + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let len = move || draft.with(|d| (spec.items)(d).len());
    let failing = move |i: usize| {
        spec.error
            .is_some_and(|e| errors.with(|errs| errs.contains(&e(i))))
    };
    let name = spec.name;
    view! {
        <fieldset data-testid=format!("list-{name}")>
            <legend>{move || (spec.legend)(i18n)}</legend>
            <For each=move || 0..len() key=|i| *i let:i>
                <div class="list-item" class:invalid=move || failing(i)>
                    <select
                        aria-label=move || (spec.legend)(i18n)
                        data-testid=format!("kind-{name}")
                        prop:value=move || draft.with(|d| (spec.items)(d).get(i).map(|v| (spec.kind)(v).key()).unwrap_or_default())
                        on:change=move |ev| {
                            if let Some(kind) = K::from_key(&event_target_value(&ev)) {
                                draft.update(|d| {
                                    if let Some(v) = (spec.items_mut)(d).get_mut(i) {
                                        (spec.set_kind)(v, kind);
                                    }
                                });
                            }
                        }
                    >
                        {K::ALL.iter().map(|&k| view! { <option value=k.key()>{move || (spec.kind_label)(i18n, k)}</option> }).collect_view()}
                    </select>
                    <input
                        type=spec.input_type
                        inputmode=spec.inputmode
                        data-testid=format!("field-{name}")
                        aria-invalid=move || failing(i).to_string()
                        prop:value=move || draft.with(|d| (spec.items)(d).get(i).map(|v| (spec.value)(v).clone()).unwrap_or_default())
                        on:input=move |ev| draft.update(|d| {
                            if let Some(v) = (spec.items_mut)(d).get_mut(i) {
                                *(spec.value_mut)(v) = event_target_value(&ev);
                            }
                        })
                    />
                    {move || (i == 0 && len() > 1).then(|| view! {
                        <span class="primary-mark" data-testid=format!("primary-{name}")>{t!(i18n, primary)}</span>
                    })}
                    {move || (i > 0).then(|| view! {
                        <button type="button" class="button ghost" data-testid=format!("make-primary-{name}")
                            on:click=move |_| draft.update(|d| Draft::make_primary((spec.items_mut)(d), i))>
                            {t!(i18n, make_primary)}
                        </button>
                    })}
                    <button type="button" class="button ghost" data-testid=format!("remove-{name}")
                        on:click=move |_| draft.update(|d| {
                            let items = (spec.items_mut)(d);
                            if i < items.len() {
                                items.remove(i);
                            }
                        })>
                        {t!(i18n, remove)}
                    </button>
                    {move || spec.hint.and_then(|hint| {
                        let typed = draft.with(|d| (spec.items)(d).get(i).map(|v| (spec.value)(v).clone()).unwrap_or_default());
                        hint(i18n, &typed)
                    }).map(|text| view! { <span class="hint" data-testid=format!("hint-{name}")>{text}</span> })}
                    <Show when=move || failing(i)>
                        <span class="field-error" data-testid=format!("error-{name}")>{move || (spec.error_text)(i18n)}</span>
                    </Show>
                </div>
            </For>
            <button type="button" class="button ghost" data-testid=format!("add-{name}")
                on:click=move |_| draft.update(spec.add_item)>
                {move || (spec.add)(i18n)}
            </button>
        </fieldset>
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
