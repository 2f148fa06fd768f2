//! Contracts and invoices of a record, with totals per currency: what was
//! invoiced, what was paid and what is overdue.

use kartoteka_core::money::{format_money, invoice_totals, parse_money, Totals};
use kartoteka_core::Lang;
use kartoteka_core::{format_date, Contact, Contract, ContractStatus, Invoice, KindKey};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{new_id, use_app, Notice};
use crate::ui::form::date_field;
use crate::ui::{format, labels};

/// Currencies offered first; any ISO code typed is accepted too.
const CURRENCIES: [&str; 5] = ["RUB", "USD", "EUR", "CNY", "KZT"];

pub fn lang(locale: Locale) -> Lang {
    match locale {
        Locale::ru => Lang::Ru,
        Locale::en => Lang::En,
    }
}

/// "1 000,00 ₽ · 50,00 $", one amount per currency, never summed across.
pub fn totals_text(totals: &Totals, locale: Locale) -> String {
    if totals.is_empty() {
        return "—".into();
    }
    totals
        .iter()
        .map(|money| format_money(&money, lang(locale)))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn Deals(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.today.get_untracked();
    let locale = move || i18n.get_locale();
    // Sums beyond i64 kopecks cannot be shown; say so rather than show a wrong
    // figure, and keep the invoices below so the wrong one can be removed.
    let totals = match invoice_totals(&contact.invoices, today) {
        Ok(totals) => {
            let invoiced = totals.invoiced.clone();
            let paid = totals.paid.clone();
            let overdue = totals.overdue.clone();
            let has_overdue = !overdue.is_empty();
            view! {
                <dl class="facts totals-grid">
                    <dt>{t!(i18n, invoices_invoiced)}</dt>
                    <dd data-testid="total-invoiced">{move || totals_text(&invoiced, locale())}</dd>
                    <dt>{t!(i18n, invoices_paid)}</dt>
                    <dd data-testid="total-paid">{move || totals_text(&paid, locale())}</dd>
                    <dt>{t!(i18n, invoices_overdue)}</dt>
                    <dd data-testid="total-overdue" class:overdue=has_overdue>{move || totals_text(&overdue, locale())}</dd>
                </dl>
            }
            .into_any()
        }
        Err(_) => view! { <p class="problem" role="alert" data-testid="totals-error">{t!(i18n, error_totals)}</p> }.into_any(),
    };
    view! {
        <section class="deals" data-testid="deals">
            {totals}
            <h3>{t!(i18n, invoices_title)}</h3>
            <InvoiceList contact=contact.clone() />
            <InvoiceForm contact=contact.clone() />
            <h3>{t!(i18n, contracts_title)}</h3>
            <ContractList contact=contact.clone() />
            <ContractForm contact />
        </section>
    }
}

/// Saves a changed copy of the record and says how it went.
fn save(contact: Contact) {
    let state = use_app();
    leptos::task::spawn_local(async move {
        let outcome = state.save_contact(contact).await.map(|_| Notice::Saved);
        state.report(outcome);
    });
}

#[component]
fn InvoiceList(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.today.get_untracked();
    let locale = i18n.get_locale();
    let rows = contact
        .invoices
        .iter()
        .map(|invoice| {
            let overdue = invoice.paid_on.is_none() && invoice.due_on.is_some_and(|d| d < today);
            let state_text = match (invoice.paid_on, overdue) {
                (Some(on), _) => t_string!(i18n, invoice_paid_on, date = format::date(locale, on)).to_string(),
                (None, true) => t_string!(i18n, invoice_overdue).to_string(),
                (None, false) => t_string!(i18n, invoice_unpaid).to_string(),
            };
            let contract = invoice
                .contract_id
                .as_ref()
                .and_then(|id| contact.contracts.iter().find(|c| &c.id == id))
                .map(|c| c.number.clone())
                .unwrap_or_default();
            let id = invoice.id.clone();
            let pay = {
                let mut contact = contact.clone();
                let id = id.clone();
                move |_| {
                    if let Some(invoice) = contact.invoices.iter_mut().find(|i| i.id == id) {
                        invoice.paid_on = Some(today);
                    }
                    save(contact.clone());
                }
            };
            let remove = {
                let mut contact = contact.clone();
                let number = invoice.number.clone();
                move |_| {
                    let sure = window()
                        .confirm_with_message(&t_string!(i18n, invoice_remove_confirm, number = number.clone()))
                        .unwrap_or(false);
                    if sure {
                        contact.invoices.retain(|i| i.id != id);
                        save(contact.clone());
                    }
                }
            };
            let unpaid = invoice.paid_on.is_none();
            let issued = invoice
                .issued_on
                .map(|d| t_string!(i18n, invoice_from, date = format::date(locale, d)).to_string())
                .unwrap_or_default();
            view! {
                <tr data-testid="invoice" class:overdue=overdue data-state=if overdue { "overdue" } else if unpaid { "unpaid" } else { "paid" }>
                    <td>
                        <b>{format!("№ {}", invoice.number)}</b>
                        <div class="secondary">{issued}</div>
                        {(!contract.is_empty()).then(|| view! {
                            <div class="secondary">{t_string!(i18n, invoice_by_contract, number = contract.clone()).to_string()}</div>
                        })}
                    </td>
                    <td class="money">{format_money(&invoice.amount, lang(locale))}</td>
                    <td>{invoice.due_on.map(|d| format::date(locale, d))}</td>
                    <td data-testid="invoice-state">{state_text}</td>
                    <td class="row-actions">
                        {unpaid.then(|| view! {
                            <button type="button" class="button" data-testid="invoice-pay" on:click=pay>{t!(i18n, invoice_mark_paid)}</button>
                        })}
                        <button type="button" class="button ghost" data-testid="invoice-remove"
                            aria-label=move || t_string!(i18n, remove)
                            on:click=remove>"×"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let empty = contact.invoices.is_empty();
    view! {
        <Show when=move || !empty fallback=move || view! { <p class="secondary">{t!(i18n, invoices_none)}</p> }>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, invoice_number)}</th>
                        <th>{t!(i18n, invoice_amount)}</th>
                        <th>{t!(i18n, invoice_due_on)}</th>
                        <th>{t!(i18n, invoice_state)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{rows.clone()}</tbody>
                </table>
            </div>
        </Show>
    }
}

/// A new invoice. Amount and dates are checked before anything is stored.
#[component]
fn InvoiceForm(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let number = RwSignal::new(String::new());
    let issued = RwSignal::new(format_date(state.today.get_untracked()));
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new("RUB".to_owned());
    let due = RwSignal::new(String::new());
    let paid = RwSignal::new(String::new());
    let contract = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let contracts: Vec<(String, String)> = contact
        .contracts
        .iter()
        .map(|c| (c.id.clone(), c.number.clone()))
        .collect();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let money = match parse_money(&amount.get_untracked(), &currency.get_untracked()) {
            Ok(m) if m.minor != 0 => m,
            _ => {
                error.set(Some(t_string!(i18n, error_amount).to_string()));
                return;
            }
        };
        let date = |s: RwSignal<String>| s.with_untracked(|text| date_field(text));
        let (Ok(issued_on), Ok(due_on), Ok(paid_on)) = (date(issued), date(due), date(paid)) else {
            error.set(Some(t_string!(i18n, error_date).to_string()));
            return;
        };
        error.set(None);
        let mut contact = contact.clone();
        contact.invoices.push(Invoice {
            id: new_id(),
            number: number.get_untracked().trim().to_owned(),
            issued_on,
            amount: money,
            due_on,
            paid_on,
            contract_id: Some(contract.get_untracked()).filter(|c| !c.is_empty()),
        });
        save(contact);
    };
    view! {
        <details class="group add-form">
            <summary data-testid="add-invoice">{t!(i18n, invoice_add)}</summary>
            <form class="grid" on:submit=add data-testid="invoice-form" novalidate>
                {input(number, "invoice-number", move || t_string!(i18n, invoice_number).to_string(), "text")}
                {input(issued, "invoice-issued", move || t_string!(i18n, invoice_issued_on).to_string(), "numeric")}
                {input(amount, "invoice-amount", move || t_string!(i18n, invoice_amount).to_string(), "decimal")}
                <CurrencySelect currency />
                {input(due, "invoice-due", move || t_string!(i18n, invoice_due_on).to_string(), "numeric")}
                {input(paid, "invoice-paid", move || t_string!(i18n, invoice_paid_field).to_string(), "numeric")}
                <label class="field">
                    <span>{t!(i18n, invoice_contract)}</span>
                    <select data-testid="invoice-contract" on:change=move |ev| contract.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {contracts.into_iter().map(|(id, number)| view! { <option value=id>{number}</option> }).collect_view()}
                    </select>
                </label>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="invoice-error">{e}</p> })}
                <div class="actions"><button type="submit" class="button primary" data-testid="invoice-save">{t!(i18n, save)}</button></div>
            </form>
        </details>
    }
}

#[component]
fn ContractList(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let empty = contact.contracts.is_empty();
    let rows = contact
        .contracts
        .iter()
        .map(|c| {
            let status = c.status;
            let id = c.id.clone();
            let remove = {
                let mut contact = contact.clone();
                move |_| {
                    contact.contracts.retain(|k| k.id != id);
                    for invoice in &mut contact.invoices {
                        if invoice.contract_id.as_deref() == Some(id.as_str()) {
                            invoice.contract_id = None;
                        }
                    }
                    save(contact.clone());
                }
            };
            view! {
                <tr data-testid="contract">
                    <td>{c.number.clone()}</td>
                    <td>{c.date.map(|d| format::date(locale, d))}</td>
                    <td class="bidi">{c.subject.clone()}</td>
                    <td class="money">{c.amount.as_ref().map(|m| format_money(m, lang(locale)))}</td>
                    <td>{c.valid_until.map(|d| format::date(locale, d))}</td>
                    <td>{move || labels::contract_status(i18n, status)}</td>
                    <td><button type="button" class="button ghost" on:click=remove>{t!(i18n, remove)}</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Show when=move || !empty fallback=move || view! { <p class="secondary">{t!(i18n, contracts_none)}</p> }>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, contract_number)}</th>
                        <th>{t!(i18n, contract_date)}</th>
                        <th>{t!(i18n, contract_subject)}</th>
                        <th>{t!(i18n, invoice_amount)}</th>
                        <th>{t!(i18n, contract_valid_until)}</th>
                        <th>{t!(i18n, field_status)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{rows.clone()}</tbody>
                </table>
            </div>
        </Show>
    }
}

#[component]
fn ContractForm(contact: Contact) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let number = RwSignal::new(String::new());
    let date = RwSignal::new(format_date(state.today.get_untracked()));
    let subject = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new("RUB".to_owned());
    let valid_until = RwSignal::new(String::new());
    let status = RwSignal::new(ContractStatus::Active);
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let amount = match amount.get_untracked().trim() {
            "" => None,
            typed => match parse_money(typed, &currency.get_untracked()) {
                Ok(m) => Some(m),
                Err(_) => {
                    error.set(Some(t_string!(i18n, error_amount).to_string()));
                    return;
                }
            },
        };
        let day = |s: RwSignal<String>| s.with_untracked(|text| date_field(text));
        let (Ok(signed), Ok(until)) = (day(date), day(valid_until)) else {
            error.set(Some(t_string!(i18n, error_date).to_string()));
            return;
        };
        if number.get_untracked().trim().is_empty() {
            error.set(Some(t_string!(i18n, error_contract_number).to_string()));
            return;
        }
        error.set(None);
        let mut contact = contact.clone();
        contact.contracts.push(Contract {
            id: new_id(),
            number: number.get_untracked().trim().to_owned(),
            date: signed,
            subject: subject.get_untracked().trim().to_owned(),
            amount,
            valid_until: until,
            status: status.get_untracked(),
        });
        save(contact);
    };
    view! {
        <details class="group add-form">
            <summary data-testid="add-contract">{t!(i18n, contract_add)}</summary>
            <form class="grid" on:submit=add data-testid="contract-form" novalidate>
                {input(number, "contract-number", move || t_string!(i18n, contract_number).to_string(), "text")}
                {input(date, "contract-date", move || t_string!(i18n, contract_date).to_string(), "numeric")}
                {input(subject, "contract-subject", move || t_string!(i18n, contract_subject).to_string(), "text")}
                {input(amount, "contract-amount", move || t_string!(i18n, invoice_amount).to_string(), "decimal")}
                <CurrencySelect currency />
                {input(valid_until, "contract-valid-until", move || t_string!(i18n, contract_valid_until).to_string(), "numeric")}
                <label class="field">
                    <span>{t!(i18n, field_status)}</span>
                    <select data-testid="contract-status" prop:value=move || status.get().key()
                        on:change=move |ev| if let Some(s) = ContractStatus::from_key(&event_target_value(&ev)) { status.set(s) }>
                        {ContractStatus::ALL.iter().map(|&s| view! { <option value=s.key()>{move || labels::contract_status(i18n, s)}</option> }).collect_view()}
                    </select>
                </label>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="contract-error">{e}</p> })}
                <div class="actions"><button type="submit" class="button primary" data-testid="contract-save">{t!(i18n, save)}</button></div>
            </form>
        </details>
    }
}

#[component]
fn CurrencySelect(currency: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{t!(i18n, currency)}</span>
            <select data-testid="currency" prop:value=move || currency.get() on:change=move |ev| currency.set(event_target_value(&ev))>
                {CURRENCIES.iter().map(|&c| view! { <option value=c>{c}</option> }).collect_view()}
            </select>
        </label>
    }
}

fn input(
    value: RwSignal<String>,
    testid: &'static str,
    label: impl Fn() -> String + Send + Sync + 'static,
    inputmode: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                data-testid=testid
                inputmode=inputmode
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
