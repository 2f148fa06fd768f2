//! The import preview: what was detected (the encoding can be changed, and
//! the file is read again at once), how duplicates will be handled, the first
//! rows as they will be stored, and the columns, which can be mapped by hand
//! (see [`import_mapping`](crate::ui::import_mapping)).

use std::future::Future;
use std::rc::Rc;

use kartoteka_core::{
    encoding_label, format_date, DuplicatePolicy, Encoding, Field, Layout, SlotPart, Target,
    ENCODINGS, XLSX_ENCODING,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::state::use_app;
use crate::ui::import::{run_import, Plan, Step};
use crate::ui::import_channel::{BatchChannel, ChannelField};
use crate::ui::import_mapping::{own_columns, remember, reread, targets, Columns};
use crate::ui::{format, labels};

/// How many mapped rows the preview shows.
const PREVIEW_ROWS: usize = 5;

/// How many of the rows with unreadable characters are named.
const UNREADABLE_NAMED: usize = 20;

/// The plan the preview shows, and the user's choices that outlive a new
/// plan: the file is mapped again on every change of encoding or mapping.
#[derive(Clone, Copy)]
pub struct Shown {
    pub plan: RwSignal<Rc<Plan>, LocalStorage>,
    /// The columns ticked to become own fields, by name.
    pub chosen: RwSignal<Vec<String>>,
    /// The user changed the mapping here, so it is remembered on import.
    pub edited: RwSignal<bool>,
    /// The mapping screen is open.
    pub editing: RwSignal<bool>,
    /// Why the last re-reading failed; the plan shown is the one before.
    problem: RwSignal<Option<String>>,
    /// Counts re-readings, so that a slow one finishing late cannot replace
    /// the plan of a later choice.
    generation: StoredValue<u32>,
}

impl Shown {
    /// Shows the plan `next` makes once it is ready.
    pub fn replace(self, next: impl Future<Output = Result<Plan, String>> + 'static) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        leptos::task::spawn_local(async move {
            let result = next.await;
            if self.generation.get_value() != generation {
                return;
            }
            match result {
                Ok(plan) => {
                    // Read in another encoding, the headers may need the user.
                    if plan.prepared.mapping.needs_review() && !plan.reading.remembered {
                        self.editing.set(true);
                    }
                    self.chosen.set(ticked(&plan));
                    self.plan.set(Rc::new(plan));
                    self.problem.set(None);
                }
                Err(message) => self.problem.set(Some(message)),
            }
        });
    }
}

pub fn use_shown() -> Shown {
    use_context().expect("the import preview provides its plan")
}

fn ticked(plan: &Plan) -> Vec<String> {
    plan.custom_candidates
        .iter()
        .filter(|(_, ticked)| *ticked)
        .map(|(name, _)| name.clone())
        .collect()
}

#[component]
pub fn Preview(
    plan: Rc<Plan>,
    step: RwSignal<Step, LocalStorage>,
    choose_again: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let editing = RwSignal::new(plan.prepared.mapping.needs_review() && !plan.reading.remembered);
    let shown = Shown {
        editing,
        chosen: RwSignal::new(ticked(&plan)),
        plan: RwSignal::new_local(plan),
        edited: RwSignal::new(false),
        problem: RwSignal::new(None),
        generation: StoredValue::new(0),
    };
    provide_context(shown);
    let base_policy = RwSignal::new(DuplicatePolicy::Skip);
    let file_policy = RwSignal::new(DuplicatePolicy::AddNew);
    let channel = RwSignal::new(BatchChannel::default());
    let rows = move || shown.plan.with(|p| p.prepared.record_count());
    let delimiter = move || match shown.plan.with(|p| p.prepared.delimiter) {
        b';' => t_string!(i18n, delimiter_semicolon).to_string(),
        b',' => t_string!(i18n, delimiter_comma).to_string(),
        b'\t' => t_string!(i18n, delimiter_tab).to_string(),
        b'|' => t_string!(i18n, delimiter_pipe).to_string(),
        0 => String::new(),
        other => format!("«{}»", other as char),
    };
    let layout = move || match shown.plan.with(|p| p.prepared.mapping.layout) {
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
    let to_import = move || shown.plan.with(|p| p.mapped.len());
    let to_skip = move || shown.plan.with(|p| p.skipped.len());
    let duplicates = move || {
        let (in_base, in_file) = shown.plan.with(|p| (p.in_base, p.in_file));
        (in_base + in_file > 0).then(|| {
            let base = (in_base > 0).then(|| {
                view! {
                    <PolicyChoice
                        label=Signal::derive(move || t_string!(i18n, dup_in_base, count = format::count(i18n.get_locale(), in_base)).to_string())
                        count=in_base
                        testid="policy-base"
                        policy=base_policy
                    />
                }
            });
            let file = (in_file > 0).then(|| {
                view! {
                    <PolicyChoice
                        label=Signal::derive(move || t_string!(i18n, dup_in_file, count = format::count(i18n.get_locale(), in_file)).to_string())
                        count=in_file
                        testid="policy-file"
                        policy=file_policy
                    />
                }
            });
            view! {
                <h2>{t!(i18n, import_duplicates)}</h2>
                <div class="duplicates">{base}{file}</div>
            }
        })
    };
    let preview = move || {
        shown.plan.with(|plan| {
            plan.mapped
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
                .collect_view()
        })
    };
    let start = move |_| {
        let plan = shown.plan.get_untracked();
        let columns = shown.chosen.get_untracked();
        if shown.edited.get_untracked() {
            remember(&plan, &columns);
        }
        let policies = (base_policy.get_untracked(), file_policy.get_untracked());
        let channel = channel.get_untracked();
        leptos::task::spawn_local(run_import(
            state, i18n, plan, policies, columns, channel, step,
        ));
    };
    let unknown = move || {
        shown
            .plan
            .with(|p| p.prepared.mapping.needs_review() && !p.reading.remembered)
    };
    view! {
        <div class="preview" data-testid="import-preview">
            <dl class="facts">
                <dt>{t!(i18n, import_encoding)}</dt><dd><EncodingChoice /></dd>
                <dt>{t!(i18n, import_delimiter)}</dt><dd data-testid="import-delimiter">{delimiter}</dd>
                <dt>{t!(i18n, import_layout)}</dt><dd data-testid="import-layout">{layout}</dd>
                <dt>{t!(i18n, import_rows)}</dt><dd data-testid="import-rows" data-count=move || rows().to_string()>{rows}</dd>
                <dt>{t!(i18n, import_to_import)}</dt><dd data-testid="import-to-import" data-count=move || to_import().to_string()>{to_import}</dd>
                <dt>{t!(i18n, import_to_skip)}</dt><dd data-testid="import-to-skip" data-count=move || to_skip().to_string()>{to_skip}</dd>
            </dl>
            {move || shown.problem.get().map(|message| view! { <p class="problem" role="alert" data-testid="import-reread-problem">{message}</p> })}
            <Unreadable />
            <Show when=move || shown.plan.with(|p| p.reading.remembered)>
                <p class="told" data-testid="mapping-remembered">{t!(i18n, import_mapping_remembered)}</p>
            </Show>
            <Show when=move || editing.get()>
                <section class="mapping-screen" data-testid="mapping-screen">
                    <h2>{t!(i18n, import_mapping_title)}</h2>
                    <p class="hint">{move || if unknown() { t_string!(i18n, import_mapping_unknown) } else { t_string!(i18n, import_mapping_hint) }}</p>
                    <Columns editable=true />
                    <button class="button" data-testid="mapping-done" on:click=move |_| editing.set(false)>{t!(i18n, import_mapping_done)}</button>
                </section>
            </Show>
            {duplicates}
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
                    {move || t!(i18n, import_confirm, count = format::count(i18n.get_locale(), rows()))}
                </button>
                <button class="button" on:click=choose_again>{t!(i18n, import_other_file)}</button>
            </div>
            <Show when=move || !editing.get()>
                <h2>{t!(i18n, import_mapping)}</h2>
                <Columns editable=false />
                <button class="button" data-testid="edit-mapping" on:click=move |_| open_mapping(editing)>{t!(i18n, import_edit_mapping)}</button>
            </Show>
        </div>
    }
}

/// The encoding the file is read in, by the name people know it by, and a
/// list of others to read it in instead.
#[component]
fn EncodingChoice() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let shown = use_shown();
    // Rebuilt only when the encoding changes, not on every new mapping.
    let read = Memo::new(move |_| {
        shown.plan.with(|p| {
            let text = p.reading.text.is_some();
            (p.prepared.decoded_encoding, p.reading.detected, text)
        })
    });
    let choose = move |name: String| {
        let Some(encoding) = Encoding::for_label(name.as_bytes()) else {
            return;
        };
        let plan = shown.plan.get_untracked();
        let own = shown
            .chosen
            .with_untracked(|chosen| own_columns(&targets(&plan, chosen)));
        shown.replace(reread(state, i18n, plan, own, encoding));
    };
    move || {
        let (current, detected, text) = read.get();
        if !text || current == XLSX_ENCODING {
            let label = if current == XLSX_ENCODING {
                t_string!(i18n, encoding_xlsx).to_string()
            } else {
                encoding_label(current).to_owned()
            };
            return view! { <span data-testid="import-encoding">{label}</span> }.into_any();
        }
        let mut names: Vec<&'static str> = ENCODINGS.iter().map(|e| e.name()).collect();
        for name in [detected, current] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let note = if current == detected {
            t_string!(i18n, encoding_detected).to_string()
        } else {
            t_string!(
                i18n,
                encoding_chosen,
                detected = encoding_label(detected).to_owned()
            )
            .to_string()
        };
        let options = names
            .into_iter()
            .map(|name| view! { <option value=name selected=name == current>{encoding_label(name).to_owned()}</option> })
            .collect_view();
        view! {
            <span data-testid="import-encoding">{encoding_label(current).to_owned()}</span>
            " "
            <span class="muted" data-testid="import-encoding-note">{note}</span>
            <label class="field inline encoding">
                <span>{t!(i18n, import_read_as)}</span>
                <select
                    data-testid="import-encoding-choice"
                    // Back to the encoding shown when a reading failed.
                    prop:value=move || {
                        shown.problem.track();
                        current
                    }
                    on:change=move |ev| choose(event_target_value(&ev))
                >
                    {options}
                </select>
            </label>
        }
        .into_any()
    }
}

/// Which rows hold characters the encoding could not read, so a damaged file
/// or a wrong encoding is seen before anything is stored.
#[component]
fn Unreadable() -> impl IntoView {
    let i18n = use_i18n();
    let shown = use_shown();
    move || {
        shown.plan.with(|plan| {
            let unreadable = plan.prepared.unreadable_rows();
            if unreadable.is_empty() {
                return None;
            }
            let mut rows = unreadable
                .iter()
                .take(UNREADABLE_NAMED)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            if unreadable.len() > UNREADABLE_NAMED {
                rows.push_str(", …");
            }
            let encoding = plan.prepared.decoded_encoding;
            let message = if encoding == "UTF-8" && plan.reading.detected == "UTF-8" {
                t_string!(i18n, import_unreadable_utf8, count = unreadable.len(), rows = rows).to_string()
            } else {
                let encoding = encoding_label(encoding).to_owned();
                t_string!(i18n, import_unreadable, count = unreadable.len(), encoding = encoding, rows = rows).to_string()
            };
            let numbers = unreadable.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
            Some(view! {
                <p class="problem" role="alert" data-testid="import-unreadable" data-rows=numbers>{message}</p>
            })
        })
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

pub fn field_label(i18n: I18nContext<Locale>, field: Option<Field>) -> String {
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
        Field::CreatedAt => t_string!(i18n, import_target_created).to_string(),
        Field::UpdatedAt => t_string!(i18n, import_target_updated).to_string(),
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

/// A choice of the mapping screen's list.
pub fn target_label(i18n: I18nContext<Locale>, target: Target) -> String {
    match target {
        Target::Skip => t_string!(i18n, import_target_skip).to_string(),
        Target::Extra => t_string!(i18n, import_target_extra).to_string(),
        Target::Own => t_string!(i18n, import_target_own).to_string(),
        Target::Field(field) => field_label(i18n, Some(field)),
    }
}

/// Opens the mapping screen, which appears above the sample rows, and brings
/// it into view: the button that opens it is at the bottom of the preview.
fn open_mapping(editing: RwSignal<bool>) {
    editing.set(true);
    // The screen renders on the next tick; look after it.
    gloo_timers::callback::Timeout::new(0, || {
        let screen = document()
            .query_selector("[data-testid=\"mapping-screen\"]")
            .ok()
            .flatten();
        if let Some(screen) = screen {
            screen.scroll_into_view();
        }
    })
    .forget();
}
