//! The import preview: what was detected, how duplicates will be handled,
//! the first rows as they will be stored, and the column mapping.

use std::rc::Rc;

use kartoteka_core::{format_date, DuplicatePolicy, Field, Layout, SlotPart};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::state::use_app;
use crate::ui::import::{run_import, Plan, Step};
use crate::ui::import_channel::{BatchChannel, ChannelField};
use crate::ui::{format, labels};

/// How many mapped rows the preview shows.
const PREVIEW_ROWS: usize = 5;

#[component]
pub fn Preview(
    plan: Rc<Plan>,
    step: RwSignal<Step, LocalStorage>,
    choose_again: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let prepared = &plan.prepared;
    let rows = prepared.record_count();
    let delimiter = match prepared.delimiter {
        b';' => t_string!(i18n, delimiter_semicolon).to_string(),
        b',' => t_string!(i18n, delimiter_comma).to_string(),
        b'\t' => t_string!(i18n, delimiter_tab).to_string(),
        b'|' => t_string!(i18n, delimiter_pipe).to_string(),
        0 => String::new(),
        other => format!("«{}»", other as char),
    };
    let layout = match prepared.mapping.layout {
        Layout::Kartoteka => t_string!(i18n, layout_kartoteka),
        Layout::RussianExcel => t_string!(i18n, layout_russianexcel),
        Layout::GoogleContacts => t_string!(i18n, layout_google),
        Layout::Outlook => t_string!(i18n, layout_outlook),
        Layout::Bitrix24 => t_string!(i18n, layout_bitrix24),
        Layout::AmoCrm => t_string!(i18n, layout_amocrm),
        Layout::Thunderbird => t_string!(i18n, layout_thunderbird),
        Layout::Vcard => t_string!(i18n, layout_vcard),
        _ => t_string!(i18n, layout_unknown),
    };
    let encoding = match prepared.decoded_encoding {
        "xlsx" => t_string!(i18n, encoding_xlsx).to_string(),
        other => other.to_owned(),
    };
    let in_base = plan.in_base;
    let in_file = plan.in_file;
    let chosen = RwSignal::new(
        plan.custom_candidates
            .iter()
            .filter(|(_, ticked)| *ticked)
            .map(|(name, _)| name.clone())
            .collect::<Vec<String>>(),
    );
    let base_policy = RwSignal::new(DuplicatePolicy::Skip);
    let file_policy = RwSignal::new(DuplicatePolicy::AddNew);
    let channel = RwSignal::new(BatchChannel::default());
    let columns = prepared
        .table
        .headers
        .iter()
        .zip(&prepared.mapping.columns)
        .enumerate()
        .map(|(i, (header, field))| {
            let examples = prepared
                .table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .filter(|c| !c.is_empty())
                .take(3)
                .map(|c| c.replace('\n', " ⏎ "))
                .collect::<Vec<_>>()
                .join(" | ");
            let label = field_label(i18n, *field);
            // Unmapped and "Поле: …" columns may become user-defined fields.
            let candidate = plan
                .custom_candidates
                .iter()
                .map(|(name, _)| name.clone())
                .find(|name| {
                    matches!(field, None | Some(Field::Custom))
                        && header.trim().ends_with(name.as_str())
                });
            let choice = candidate.map(|name| {
                let ticked = {
                    let name = name.clone();
                    move || chosen.with(|c| c.contains(&name))
                };
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="custom-from-column"
                            prop:checked=ticked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|n| *n != name);
                                    if on {
                                        c.push(name.clone());
                                    }
                                });
                            }
                        />
                        {t!(i18n, import_as_custom)}
                    </label>
                }
            });
            view! {
                <tr data-testid="mapping-row">
                    <td>{header.clone()}</td>
                    <td class:muted=field.is_none()>{label}{choice}</td>
                    <td class="examples">{examples}</td>
                </tr>
            }
        })
        .collect_view();
    let preview = plan
        .mapped
        .iter()
        .take(PREVIEW_ROWS)
        .map(|(_, c)| {
            let phones = c
                .phones
                .iter()
                .map(|p| p.value.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let emails = c
                .emails
                .iter()
                .map(|e| e.value.clone())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr data-testid="preview-row">
                    <td>{c.display_name()}</td>
                    <td>{c.company.clone()}</td>
                    <td>{phones}</td>
                    <td>{emails}</td>
                    <td>{labels::status(i18n, c.status)}</td>
                    <td>{c.source.clone()}</td>
                    <td>{c.confirmed_on.map(format_date).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let state = use_app();
    let start = {
        let plan = plan.clone();
        move |_| {
            let policies = (base_policy.get_untracked(), file_policy.get_untracked());
            let columns = chosen.get_untracked();
            leptos::task::spawn_local(run_import(
                state,
                i18n,
                plan.clone(),
                policies,
                columns,
                channel.get_untracked(),
                step,
            ));
        }
    };
    view! {
        <div class="preview" data-testid="import-preview">
            <dl class="facts">
                <dt>{t!(i18n, import_encoding)}</dt><dd data-testid="import-encoding">{encoding}</dd>
                <dt>{t!(i18n, import_delimiter)}</dt><dd data-testid="import-delimiter">{delimiter}</dd>
                <dt>{t!(i18n, import_layout)}</dt><dd data-testid="import-layout">{layout}</dd>
                <dt>{t!(i18n, import_rows)}</dt><dd data-testid="import-rows" data-count=rows.to_string()>{rows}</dd>
            </dl>
            <Show when=move || { in_base + in_file > 0 }>
                <h2>{t!(i18n, import_duplicates)}</h2>
                <div class="duplicates">
                    <Show when=move || { in_base > 0 }>
                        <PolicyChoice
                            label=Signal::derive(move || t_string!(i18n, dup_in_base, count = format::count(i18n.get_locale(), in_base)).to_string())
                            count=in_base
                            testid="policy-base"
                            policy=base_policy
                        />
                    </Show>
                    <Show when=move || { in_file > 0 }>
                        <PolicyChoice
                            label=Signal::derive(move || t_string!(i18n, dup_in_file, count = format::count(i18n.get_locale(), in_file)).to_string())
                            count=in_file
                            testid="policy-file"
                            policy=file_policy
                        />
                    </Show>
                </div>
            </Show>
            <ChannelField channel />
            <h2>{t!(i18n, import_preview)}</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, col_name)}</th><th>{t!(i18n, col_company)}</th><th>{t!(i18n, col_phone)}</th>
                        <th>{t!(i18n, col_email)}</th><th>{t!(i18n, col_status)}</th><th>{t!(i18n, col_source)}</th>
                        <th>{t!(i18n, field_confirmed_on)}</th>
                    </tr></thead>
                    <tbody>{preview}</tbody>
                </table>
            </div>
            <div class="actions">
                <button class="button primary" data-testid="import-confirm" on:click=start>
                    {t!(i18n, import_confirm, count = format::count(i18n.get_locale(), rows))}
                </button>
                <button class="button" on:click=choose_again>{t!(i18n, import_other_file)}</button>
            </div>
            <h2>{t!(i18n, import_mapping)}</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th>{t!(i18n, import_column)}</th><th>{t!(i18n, import_field)}</th><th>{t!(i18n, import_examples)}</th>
                    </tr></thead>
                    <tbody>{columns}</tbody>
                </table>
            </div>
        </div>
    }
}

/// One duplicate decision: what to do with the rows of one kind of match.
#[component]
fn PolicyChoice(
    label: Signal<String>,
    count: usize,
    testid: &'static str,
    policy: RwSignal<DuplicatePolicy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = |p: DuplicatePolicy| match p {
        DuplicatePolicy::Skip => "skip",
        DuplicatePolicy::FillEmpty => "fill",
        DuplicatePolicy::Overwrite => "overwrite",
        DuplicatePolicy::AddNew => "add",
    };
    let options = [
        DuplicatePolicy::Skip,
        DuplicatePolicy::FillEmpty,
        DuplicatePolicy::Overwrite,
        DuplicatePolicy::AddNew,
    ];
    let text = move |p: DuplicatePolicy| match p {
        DuplicatePolicy::Skip => t_string!(i18n, policy_skip),
        DuplicatePolicy::FillEmpty => t_string!(i18n, policy_fill),
        DuplicatePolicy::Overwrite => t_string!(i18n, policy_overwrite),
        DuplicatePolicy::AddNew => t_string!(i18n, policy_add),
    };
    view! {
        <label class="field inline policy">
            <span data-count=count.to_string() data-testid=format!("{testid}-count")>{label}</span>
            <select
                data-testid=testid
                prop:value=move || key(policy.get())
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some(p) = options.into_iter().find(|p| key(*p) == value) {
                        policy.set(p);
                    }
                }
            >
                {options.into_iter().map(|p| view! { <option value=key(p)>{move || text(p)}</option> }).collect_view()}
            </select>
        </label>
    }
}

fn field_label(i18n: I18nContext<Locale>, field: Option<Field>) -> String {
    let slot = |name: String, n: u8, part: SlotPart| match part {
        SlotPart::Value => format!("{name} {n}"),
        SlotPart::Kind => format!("{name} {n}: {}", t_string!(i18n, field_kind)),
        SlotPart::ConfirmedOn => format!("{name} {n}: {}", t_string!(i18n, field_confirmed_on)),
    };
    let Some(field) = field else {
        return t_string!(i18n, import_kept_extra).to_string();
    };
    match field {
        Field::Surname => t_string!(i18n, field_surname).to_string(),
        Field::Name => t_string!(i18n, field_name).to_string(),
        Field::Patronymic => t_string!(i18n, field_patronymic).to_string(),
        Field::FullName => format!(
            "{} + {} + {}",
            t_string!(i18n, field_surname),
            t_string!(i18n, field_name),
            t_string!(i18n, field_patronymic)
        ),
        Field::Kind => t_string!(i18n, field_kind).to_string(),
        Field::Company => t_string!(i18n, field_company).to_string(),
        Field::Position => t_string!(i18n, field_position).to_string(),
        Field::Phone(kind) => {
            format!(
                "{} ({})",
                t_string!(i18n, col_phone),
                labels::phone_kind(i18n, kind)
            )
        }
        Field::Email(kind) => {
            format!(
                "{} ({})",
                t_string!(i18n, col_email),
                labels::email_kind(i18n, kind)
            )
        }
        Field::Messenger(kind) => labels::messenger_kind(i18n, kind),
        Field::Address(kind) => {
            format!(
                "{} ({})",
                t_string!(i18n, field_addresses),
                labels::address_kind(i18n, kind)
            )
        }
        Field::Source => t_string!(i18n, field_source).to_string(),
        Field::Status => t_string!(i18n, field_status).to_string(),
        Field::ConfirmedOn => t_string!(i18n, field_confirmed_on).to_string(),
        Field::AddedOn => t_string!(i18n, field_added_on).to_string(),
        Field::Inn => t_string!(i18n, field_inn).to_string(),
        Field::Kpp => t_string!(i18n, field_kpp).to_string(),
        Field::Notes => t_string!(i18n, field_notes).to_string(),
        Field::Tags => t_string!(i18n, field_tags).to_string(),
        Field::CreatedAt | Field::UpdatedAt => t_string!(i18n, field_added_on).to_string(),
        Field::PhoneSlot { n, part } => slot(t_string!(i18n, col_phone).to_string(), n, part),
        Field::EmailSlot { n, part } => slot(t_string!(i18n, col_email).to_string(), n, part),
        Field::MessengerSlot { n, part } => {
            slot(t_string!(i18n, field_messengers).to_string(), n, part)
        }
        Field::AddressSlot { n, part } => {
            slot(t_string!(i18n, field_addresses).to_string(), n, part)
        }
        Field::Extra => t_string!(i18n, import_kept_extra).to_string(),
        Field::Custom => t_string!(i18n, import_custom_field).to_string(),
        Field::Responsible => t_string!(i18n, field_responsible).to_string(),
        Field::Birthday => t_string!(i18n, field_birthday).to_string(),
        Field::Website => t_string!(i18n, field_website).to_string(),
        Field::LegalForm => t_string!(i18n, field_legal_form).to_string(),
        Field::Industry => t_string!(i18n, field_industry).to_string(),
        Field::Derived => t_string!(i18n, import_ignored).to_string(),
    }
}
