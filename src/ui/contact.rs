//! One record: the card that shows it, with its deals, timeline and
//! history one tab away, and the way into the editor.

use kartoteka_core::companies::people_of;
use kartoteka_core::completeness::completeness;
use kartoteka_core::custom::CustomKind;
use kartoteka_core::freshness::confirm;
use kartoteka_core::links::{mailto_href, messenger_href, tel_href, website_href};
use kartoteka_core::phone::phone_view;
use kartoteka_core::{
    format_birthday, ConfirmedHow, ConfirmedWhat, Contact, ContactKind, KindKey, Status,
};
use leptos::prelude::*;

use crate::i18n::*;
use crate::route::{navigate, Route};
use crate::state::{new_id, use_app, Notice};
use crate::ui::badge::FreshnessBadge;
use crate::ui::deals::Deals;
use crate::ui::editor::Editor;
use crate::ui::form::Draft;
use crate::ui::timeline::{History, Timeline};
use crate::ui::{format, labels};

#[component]
pub fn ContactPanel(
    id: Option<String>,
    /// For a new person: the company record they work for.
    #[prop(optional)]
    company: Option<String>,
    /// For a new contact from a cold call: its source is preset.
    #[prop(optional)]
    cold_call: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let body = match id {
        None => {
            let mut draft = Draft::new_contact(state.today.get_untracked());
            if cold_call {
                draft.source = t_string!(i18n, source_cold_call).to_string();
            }
            if let Some(company) =
                company.and_then(|id| state.with_base_untracked(|b| b.by_id(&id).cloned()))
            {
                draft.company = company.company.clone();
                draft.company_id = Some(company.id);
                draft.source = company.source;
            }
            let original = Contact {
                id: new_id(),
                ..Contact::default()
            };
            view! { <Editor original draft is_new=true on_done=Callback::new(|_| ()) /> }.into_any()
        }
        Some(id) => {
            let contact = Memo::new(move |_| state.with_base(|b| b.by_id(&id).cloned()));
            let editing = RwSignal::new(false);
            // Outside the card, so a save from one tab (a new invoice) keeps it open.
            let tab = RwSignal::new(Tab::Data);
            // While the form is open it keeps the record it started from, even
            // when another tab saves it meanwhile: replacing the form would
            // drop what was typed, and the save shows both versions instead.
            (move || match if editing.get() { contact.get_untracked() } else { contact.get() } {
                None => view! { <p class="problem" data-testid="not-found">{t!(i18n, not_found)}</p> }
                    .into_any(),
                Some(contact) if editing.get() => {
                    let draft = Draft::of(&contact);
                    view! {
                        <Editor original=contact draft is_new=false on_done=Callback::new(move |_| editing.set(false)) />
                    }
                    .into_any()
                }
                Some(contact) => view! { <Card contact editing tab /> }.into_any(),
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

/// The card's tabs; the record's own data first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Data,
    Deals,
    Activity,
    History,
}

#[component]
fn Card(contact: Contact, editing: RwSignal<bool>, tab: RwSignal<Tab>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // The record's own threshold: a tag or status rule may shorten it.
    let freshness = Signal::derive({
        let contact = contact.clone();
        move || {
            let today = state.today.get();
            state.settings.with(|s| s.freshness.of(&contact, today))
        }
    });
    let how = RwSignal::new(ConfirmedHow::Call);
    let confirm_today = {
        let contact = contact.clone();
        move |_| {
            let mut contact = contact.clone();
            // Through the domain, so the confirmation, and how it was made,
            // is also in the record's history.
            confirm(
                &mut contact,
                ConfirmedWhat::Record,
                how.get_untracked(),
                state.today.get_untracked(),
            );
            leptos::task::spawn_local(async move {
                let outcome = state.save_contact(contact).await.map(|_| Notice::Saved);
                state.report(outcome);
            });
        }
    };
    let name = contact.display_name();
    let subtitle = match contact.kind {
        ContactKind::Person => [contact.company.as_str(), contact.position.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        ContactKind::Company => [contact.legal_form.as_str(), contact.industry.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
    };
    let company_link = contact
        .company_id
        .clone()
        .map(|id| Route::Contact(id).href());
    let confirmed_text = move || match contact.confirmed_on {
        Some(date) => t_string!(
            i18n,
            confirmed_on_value,
            date = format::date(i18n.get_locale(), date)
        )
        .to_string(),
        None => t_string!(i18n, never_confirmed).to_string(),
    };
    // Nobody is offered a call to a record that asked not to be contacted.
    let reachable = contact.status != Status::DoNotContact && contact.deleted_at.is_none();
    let call = contact
        .main_phone()
        .and_then(|p| tel_href(&p.value))
        .filter(|_| reachable);
    let write = contact
        .main_email()
        .and_then(|e| mailto_href(&e.value))
        .filter(|_| reachable);
    let binned = contact.deleted_at.is_some();
    let restore = {
        let id = contact.id.clone();
        move |_| {
            let ids = vec![id.clone()];
            leptos::task::spawn_local(async move {
                let outcome = state
                    .restore_contacts(&ids)
                    .await
                    .map(|()| Notice::Restored);
                state.report(outcome);
            });
        }
    };
    let status = contact.status;
    let score = completeness(&contact);
    let percent = score.percent();
    let missing = score
        .missing
        .iter()
        .map(|&item| labels::completeness_item(i18n, item))
        .collect::<Vec<_>>()
        .join(", ");
    let tab_button = move |target: Tab, label: String, testid: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                class:active=move || tab.get() == target
                aria-selected=move || (tab.get() == target).to_string()
                data-testid=testid
                on:click=move |_| tab.set(target)
            >
                {label}
            </button>
        }
    };
    view! {
        <header class="card-header">
            {binned.then(|| view! {
                <p class="problem" role="status" data-testid="card-binned">
                    {t!(i18n, card_in_bin)}" "
                    <button class="button" data-testid="card-restore" on:click=restore.clone()>{t!(i18n, bin_restore)}</button>
                </p>
            })}
            <h2 data-testid="card-name">{name.clone()}</h2>
            <p class="secondary" data-testid="card-company">
                {match company_link {
                    Some(href) => view! { <a href=href data-testid="card-company-link">{subtitle.clone()}</a> }.into_any(),
                    None => subtitle.clone().into_any(),
                }}
            </p>
            <div class="badges">
                <span class="status" data-testid="card-status">{move || labels::status(i18n, status)}</span>
                <FreshnessBadge state=freshness />
                <span class="secondary" data-testid="card-confirmed">{confirmed_text}</span>
            </div>
            <div class="completeness" data-testid="completeness" data-percent=percent.to_string()>
                <meter min="0" max="100" low="50" high="80" optimum="100" value=percent.to_string()
                    aria-label=move || t_string!(i18n, completeness_label)></meter>
                <span>{move || t_string!(i18n, completeness_value, percent = percent)}</span>
                {(!missing.is_empty()).then(|| view! {
                    <span class="secondary" data-testid="completeness-missing">
                        {move || t_string!(i18n, completeness_missing, items = missing.clone())}
                    </span>
                })}
            </div>
            <div class="actions">
                <span class="confirm-how">
                    <button class="button primary" data-testid="confirm-today" on:click=confirm_today>
                        {t!(i18n, confirmed_today)}
                    </button>
                    <select
                        data-testid="confirm-how"
                        aria-label=move || t_string!(i18n, confirm_how)
                        prop:value=move || how.get().key()
                        on:change=move |ev| {
                            if let Some(chosen) = ConfirmedHow::from_key(&event_target_value(&ev)) {
                                how.set(chosen);
                            }
                        }
                    >
                        {ConfirmedHow::ALL.iter().map(|&h| view! {
                            <option value=h.key()>{move || labels::confirmed_how(i18n, h)}</option>
                        }).collect_view()}
                    </select>
                </span>
                {call.map(|href| view! { <a class="button" href=href data-testid="call">{t!(i18n, call)}</a> })}
                {write.map(|href| view! { <a class="button" href=href data-testid="write">{t!(i18n, write)}</a> })}
                <button class="button" data-testid="edit" on:click=move |_| editing.set(true)>
                    {t!(i18n, edit)}
                </button>
                <DeleteActions contact=contact.clone() />
            </div>
        </header>
        <div class="card-tabs" role="tablist">
            {tab_button(Tab::Data, t_string!(i18n, tab_data).to_string(), "tab-data")}
            {tab_button(Tab::Deals, t_string!(i18n, tab_deals).to_string(), "tab-deals")}
            {tab_button(Tab::Activity, t_string!(i18n, tab_activity).to_string(), "tab-activity")}
            {tab_button(Tab::History, t_string!(i18n, tab_history).to_string(), "tab-history")}
        </div>
        {move || match tab.get() {
            Tab::Data => view! { <DataTab contact=contact.clone() /> }.into_any(),
            Tab::Deals => view! { <Deals contact=contact.clone() /> }.into_any(),
            Tab::Activity => view! { <Timeline contact=contact.clone() /> }.into_any(),
            Tab::History => view! { <History contact=contact.clone() /> }.into_any(),
        }}
    }
}

/// Delete (to the recycle bin; a company asks about its people) and erase
/// on request (gone for good, with a fingerprint kept against re-import).
#[component]
fn DeleteActions(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let asking = RwSignal::new(None::<Ask>);
    let id = contact.id.clone();
    let name = contact.display_name();
    let people: Vec<String> = if contact.kind == ContactKind::Company {
        state.with_base_untracked(|b| {
            people_of(b.iter().map(|(_, c)| c), &id)
                .into_iter()
                .map(|c| c.id.clone())
                .collect()
        })
    } else {
        Vec::new()
    };
    let people_count = people.len();
    let run = move |what: Ask| {
        let id = id.clone();
        let people = people.clone();
        leptos::task::spawn_local(async move {
            let outcome = match what {
                Ask::Delete => state.delete_contact(&id).await.map(|()| Notice::Deleted),
                Ask::DeleteWithPeople => {
                    let mut ids = people;
                    ids.push(id);
                    state.delete_contacts(&ids).await.map(|()| Notice::Deleted)
                }
                Ask::DeleteKeepPeople => {
                    state.unlink_and_delete(&id).await.map(|()| Notice::Deleted)
                }
                Ask::Erase => state.erase_contact(&id).await.map(|()| Notice::Erased),
            };
            if outcome.is_ok() {
                navigate(&Route::List);
            }
            state.report(outcome);
        });
    };
    let ask_delete = move |_| {
        asking.set(Some(if people_count > 0 {
            Ask::DeleteKeepPeople
        } else {
            Ask::Delete
        }))
    };
    let is_person = contact.kind == ContactKind::Person;
    view! {
        <button class="button danger" data-testid="delete" on:click=ask_delete>
            {t!(i18n, delete)}
        </button>
        {is_person.then(|| view! {
            <button class="button ghost danger" data-testid="erase" on:click=move |_| asking.set(Some(Ask::Erase))>
                {t!(i18n, erase)}
            </button>
        })}
        {move || asking.get().map(|what| {
            let name = name.clone();
            let run = run.clone();
            let question = match what {
                Ask::Erase => t_string!(i18n, erase_confirm, name = name).to_string(),
                Ask::DeleteKeepPeople | Ask::DeleteWithPeople => {
                    t_string!(i18n, delete_company_confirm, name = name, count = people_count).to_string()
                }
                Ask::Delete => t_string!(i18n, delete_confirm, name = name).to_string(),
            };
            view! {
                <div class="confirm" role="alertdialog" data-testid=if what == Ask::Erase { "erase-dialog" } else { "delete-dialog" }>
                    <p>{question}</p>
                    {(what == Ask::Erase).then(|| view! { <p class="secondary">{t!(i18n, erase_backups)}</p> })}
                    {match what {
                        Ask::DeleteKeepPeople | Ask::DeleteWithPeople => {
                            let run2 = run.clone();
                            view! {
                                <button class="button danger" data-testid="delete-keep-people" on:click=move |_| run(Ask::DeleteKeepPeople)>
                                    {t!(i18n, delete_keep_people)}
                                </button>
                                <button class="button danger" data-testid="delete-with-people" on:click=move |_| run2(Ask::DeleteWithPeople)>
                                    {t!(i18n, delete_with_people)}
                                </button>
                            }.into_any()
                        }
                        Ask::Erase => view! {
                            <button class="button danger" data-testid="erase-confirm" on:click=move |_| run(Ask::Erase)>
                                {t!(i18n, erase_yes)}
                            </button>
                        }.into_any(),
                        Ask::Delete => view! {
                            <button class="button danger" data-testid="delete-confirm" on:click=move |_| run(Ask::Delete)>
                                {t!(i18n, delete_yes)}
                            </button>
                        }.into_any(),
                    }}
                    <button class="button" on:click=move |_| asking.set(None)>{t!(i18n, cancel)}</button>
                </div>
            }
        })}
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ask {
    Delete,
    DeleteKeepPeople,
    DeleteWithPeople,
    Erase,
}

#[component]
fn DataTab(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let people = if contact.kind == ContactKind::Company {
        let id = contact.id.clone();
        state.with_base_untracked(|b| {
            people_of(b.iter().map(|(_, c)| c), &id)
                .into_iter()
                .map(|c| (c.id.clone(), c.display_name(), c.position.clone()))
                .collect::<Vec<_>>()
        })
    } else {
        Vec::new()
    };
    let fields = state.settings.get_untracked().custom_fields;
    let locale = i18n.get_locale();
    let custom: Vec<(String, String)> = fields
        .iter()
        .filter_map(|f| {
            contact
                .custom
                .get(&f.id)
                .map(|v| (f.label.clone(), custom_text(locale, &f.kind, v)))
        })
        .collect();
    let r = contact.requisites.clone();
    let requisites: Vec<(String, String)> = [
        (t_string!(i18n, req_full_name).to_string(), r.full_name),
        (t_string!(i18n, field_inn).to_string(), contact.inn.clone()),
        (t_string!(i18n, field_kpp).to_string(), contact.kpp.clone()),
        (t_string!(i18n, req_ogrn).to_string(), r.ogrn),
        (
            t_string!(i18n, req_legal_address).to_string(),
            r.legal_address,
        ),
        (
            t_string!(i18n, req_postal_address).to_string(),
            r.postal_address,
        ),
        (t_string!(i18n, req_bank).to_string(), r.bank),
        (t_string!(i18n, req_bik).to_string(), r.bik),
        (
            t_string!(i18n, req_corr_account).to_string(),
            r.corr_account,
        ),
        (t_string!(i18n, req_account).to_string(), r.account),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let billing = [
        (
            t_string!(i18n, field_payment_terms).to_string(),
            contact.billing.payment_terms.clone(),
        ),
        (
            t_string!(i18n, field_edo).to_string(),
            contact.billing.edo_operator.clone(),
        ),
        (
            t_string!(i18n, field_signer).to_string(),
            contact.billing.signer.clone(),
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect::<Vec<_>>();
    let consent = contact.consent.clone();
    let company_id = contact.id.clone();
    let is_company = contact.kind == ContactKind::Company;
    // The values' own confirm buttons save the whole record.
    let (for_phones, for_emails) = (contact.clone(), contact.clone());
    view! {
        <dl class="sections">
            <Section title=move || t_string!(i18n, field_phones).to_string() show=!contact.phones.is_empty()>
                {contact.phones.iter().enumerate().map(|(i, p)| {
                    let kind = p.kind;
                    let view = phone_view(&p.value);
                    let href = tel_href(&p.value);
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::phone_kind(i18n, kind)}</span>
                            {match href {
                                Some(href) => view! { <a href=href data-testid="card-phone">{view.display.clone()}</a> }.into_any(),
                                None => view! { <span class="bidi" data-testid="card-phone">{p.value.clone()}</span> }.into_any(),
                            }}
                            {(i == 0 && contact.phones.len() > 1).then(|| view! { <span class="primary-mark">{t!(i18n, primary)}</span> })}
                            {(!view.valid).then(|| view! { <span class="flag" data-testid="phone-flag">{t!(i18n, phone_unrecognised)}</span> })}
                            <ValueFreshness contact=for_phones.clone() what=ConfirmedWhat::Phone(p.value.clone()) confirmed=p.confirmed_on />
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_emails).to_string() show=!contact.emails.is_empty()>
                {contact.emails.iter().map(|e| {
                    let kind = e.kind;
                    let value = e.value.clone();
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::email_kind(i18n, kind)}</span>
                            {match mailto_href(&value) {
                                Some(href) => view! { <a href=href data-testid="card-email">{value.clone()}</a> }.into_any(),
                                None => view! { <span class="bidi" data-testid="card-email">{value.clone()}</span> }.into_any(),
                            }}
                            <ValueFreshness contact=for_emails.clone() what=ConfirmedWhat::Email(value.clone()) confirmed=e.confirmed_on />
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_messengers).to_string() show=!contact.messengers.is_empty()>
                {contact.messengers.iter().map(|m| {
                    let kind = m.kind;
                    let handle = m.handle.clone();
                    view! {
                        <div class="value">
                            <span class="kind">{move || labels::messenger_kind(i18n, kind)}</span>
                            {match messenger_href(kind, &handle) {
                                Some(href) => view! {
                                    <a href=href target="_blank" rel="noopener noreferrer" data-testid="card-messenger">{handle.clone()}</a>
                                }.into_any(),
                                None => view! { <span class="bidi" data-testid="card-messenger">{handle.clone()}</span> }.into_any(),
                            }}
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
                            <span class="bidi" data-testid="card-address">{a.value.clone()}</span>
                        </div>
                    }
                }).collect_view()}
            </Section>
            <Section title=move || t_string!(i18n, field_website).to_string() show=!contact.website.is_empty()>
                {match website_href(&contact.website) {
                    Some(href) => view! {
                        <a href=href target="_blank" rel="noopener noreferrer" data-testid="card-website">{contact.website.clone()}</a>
                    }.into_any(),
                    None => view! { <span class="bidi" data-testid="card-website">{contact.website.clone()}</span> }.into_any(),
                }}
            </Section>
            <Section title=move || t_string!(i18n, company_people).to_string() show=is_company>
                <div data-testid="company-people" class="people">
                    {people.into_iter().map(|(id, name, position)| view! {
                        <div class="value">
                            <a href=Route::Contact(id).href() data-testid="company-person">{name}</a>
                            <span class="secondary">{position}</span>
                        </div>
                    }).collect_view()}
                    <a class="button ghost" href=Route::NewPerson(company_id.clone()).href() data-testid="add-person">
                        {t!(i18n, add_person)}
                    </a>
                </div>
            </Section>
            <Section title=move || t_string!(i18n, field_source).to_string() show=!contact.source.is_empty()>
                <span data-testid="card-source">{contact.source.clone()}</span>
            </Section>
            <Section title=move || t_string!(i18n, field_responsible).to_string() show=!contact.responsible.is_empty()>
                <span data-testid="card-responsible">{contact.responsible.clone()}</span>
            </Section>
            <Section title=move || t_string!(i18n, field_added_on).to_string() show=contact.added_on.is_some()>
                {contact.added_on.map(|d| move || format::date(i18n.get_locale(), d))}
            </Section>
            <Section title=move || t_string!(i18n, field_birthday).to_string() show=contact.birthday.is_some()>
                <span data-testid="card-birthday">{contact.birthday.map(format_birthday)}</span>
            </Section>
            <Section title=move || t_string!(i18n, field_tags).to_string() show=!contact.tags.is_empty()>
                <div>{contact.tags.iter().map(|t| view! { <span class="tag" data-testid="card-tag">{t.clone()}</span> }).collect_view()}</div>
            </Section>
            <Section title=move || t_string!(i18n, section_requisites).to_string() show=!requisites.is_empty()>
                <dl class="facts" data-testid="card-requisites">
                    {requisites.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd class="bidi">{v}</dd> }).collect_view()}
                </dl>
            </Section>
            <Section title=move || t_string!(i18n, section_billing).to_string() show=!billing.is_empty()>
                <dl class="facts">
                    {billing.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd class="bidi">{v}</dd> }).collect_view()}
                </dl>
            </Section>
            <Section title=move || t_string!(i18n, section_custom).to_string() show=!custom.is_empty()>
                <dl class="facts" data-testid="card-custom">
                    {custom.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd class="bidi">{v}</dd> }).collect_view()}
                </dl>
            </Section>
            <Section title=move || t_string!(i18n, section_consent).to_string() show=!is_company>
                <span data-testid="card-consent">
                    {move || match (consent.given, consent.on) {
                        (true, Some(on)) if consent.purpose.is_empty() => t_string!(i18n, consent_given_on_plain, date = format::date(i18n.get_locale(), on)).to_string(),
                        (true, Some(on)) => t_string!(i18n, consent_given_on, date = format::date(i18n.get_locale(), on), purpose = consent.purpose.clone()).to_string(),
                        (true, None) if consent.purpose.is_empty() => t_string!(i18n, consent_given_plain).to_string(),
                        (true, None) => t_string!(i18n, consent_given_undated, purpose = consent.purpose.clone()).to_string(),
                        (false, _) => t_string!(i18n, consent_none).to_string(),
                    }}
                </span>
            </Section>
            <Section title=move || t_string!(i18n, field_notes).to_string() show=!contact.notes.is_empty()>
                <p class="notes bidi" data-testid="card-notes">{contact.notes.clone()}</p>
            </Section>
            <Section title=move || t_string!(i18n, field_extra).to_string() show=!contact.extra.is_empty()>
                {contact.extra.iter().map(|(k, v)| view! {
                    <div class="value"><span class="kind">{k.clone()}</span><span class="bidi">{v.clone()}</span></div>
                }).collect_view()}
            </Section>
        </dl>
    }
}

/// A phone's or e-mail's own freshness, and a tap to confirm that value
/// alone (a call got through; a letter was answered).
#[component]
fn ValueFreshness(
    contact: Contact,
    what: ConfirmedWhat,
    confirmed: Option<chrono::NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let freshness = Signal::derive(move || {
        let today = state.today.get();
        state.settings.with(|s| s.freshness.state(confirmed, today))
    });
    let how = match what {
        ConfirmedWhat::Email(_) => ConfirmedHow::Email,
        _ => ConfirmedHow::Call,
    };
    let confirm_value = move |_| {
        let mut contact = contact.clone();
        if confirm(&mut contact, what.clone(), how, state.today.get_untracked()) {
            leptos::task::spawn_local(async move {
                let outcome = state.save_contact(contact).await.map(|_| Notice::Saved);
                state.report(outcome);
            });
        }
    };
    view! {
        <span class="value-freshness">
            <FreshnessBadge state=freshness />
            <button class="button ghost small" data-testid="confirm-value" on:click=confirm_value
                title=move || t_string!(i18n, confirm_value)>
                {t!(i18n, confirm_value)}
            </button>
        </span>
    }
}

#[component]
pub fn Section(
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

/// A custom field's stored value as the reader's language writes it: dates
/// are kept as `yyyy-mm-dd` and numbers with a point, so they sort and filter.
fn custom_text(locale: Locale, kind: &CustomKind, value: &str) -> String {
    match kind {
        CustomKind::Date => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map_or_else(|_| value.to_owned(), |d| format::date(locale, d)),
        CustomKind::Number if locale == Locale::ru => value.replace('.', ","),
        _ => value.to_owned(),
    }
}
