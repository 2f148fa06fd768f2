//! The mapping screen of the import preview: each column of the file with its
//! header, a few of its values and what it holds, as a list to choose from
//! when the headers were not recognised or the user asks to change them.
//!
//! A choice made here is remembered on this device for the file's header set
//! (see [`mappings`]) and applied, saying so, the next time a file with the
//! same headers is chosen.

use std::rc::Rc;

use kartoteka_core::{
    apply_targets, prepare_as, target_choices, Encoding, Field, Layout, Prepared, Target,
    XLSX_ENCODING,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::state::{use_app, AppState};
use crate::storage::mappings;
use crate::ui::import::{import_error_reason, plan, Plan};
use crate::ui::import_preview::{field_label, target_label, use_shown, Shown};

/// How a file was read and its columns mapped, so the preview can read it
/// again another way.
#[derive(Clone)]
pub struct Reading {
    /// The bytes of a text file, to be read again in another encoding;
    /// `None` for a workbook, whose text has no encoding to choose.
    pub text: Option<Rc<[u8]>>,
    /// The encoding the file was first read in, as guessed from its bytes.
    pub detected: &'static str,
    /// The mapping is the one the user chose for a file with these headers
    /// before.
    pub remembered: bool,
}

/// The plan of a file just chosen: read as guessed, and mapped as the user
/// mapped its headers before, if they did.
pub async fn first_plan(state: AppState, name: String, bytes: Vec<u8>, prepared: Prepared) -> Plan {
    // A workbook has no encoding to choose, and a vCard file has its own
    // reader, which the CSV reading of another encoding would not be.
    let rereadable =
        prepared.decoded_encoding != XLSX_ENCODING && prepared.mapping.layout != Layout::Vcard;
    let text = rereadable.then(|| Rc::from(bytes));
    let reading = Reading {
        text,
        detected: prepared.decoded_encoding,
        remembered: false,
    };
    remembered_plan(state, name, prepared, reading).await
}

async fn remembered_plan(
    state: AppState,
    name: String,
    mut prepared: Prepared,
    mut reading: Reading,
) -> Plan {
    let mut own = Vec::new();
    if let Some(targets) = mappings::load(&prepared.table.headers) {
        prepared.mapping = apply_targets(&prepared.mapping, &targets);
        own = own_columns(&targets);
        reading.remembered = true;
    }
    planned(state, name, prepared, reading, &own).await
}

/// Maps every row as `prepared` says, with the columns `own` offered ticked
/// as the team's own fields.
pub async fn planned(
    state: AppState,
    name: String,
    prepared: Prepared,
    reading: Reading,
    own: &[usize],
) -> Plan {
    let names: Vec<String> = own
        .iter()
        .filter_map(|&i| prepared.table.headers.get(i))
        .map(|h| h.trim().to_owned())
        .collect();
    let mut plan = plan(state, name, prepared, reading).await;
    for (candidate, ticked) in &mut plan.custom_candidates {
        *ticked |= names.contains(candidate);
    }
    plan
}

/// The file of `previous` read again in `encoding`. Its columns keep what
/// they held, unless the new reading's headers are recognised better: a
/// wrong encoding garbles the headers, not the order of the columns.
pub async fn reread(
    state: AppState,
    i18n: I18nContext<Locale>,
    previous: Rc<Plan>,
    own: Vec<usize>,
    encoding: &'static Encoding,
) -> Result<Plan, String> {
    let Some(bytes) = previous.reading.text.clone() else {
        return Err(String::new());
    };
    let mut prepared = prepare_as(&bytes, encoding).map_err(|error| {
        let reason = import_error_reason(i18n, &error);
        let encoding = kartoteka_core::encoding_label(encoding.name()).to_owned();
        t_string!(
            i18n,
            import_reread_failed,
            encoding = encoding,
            reason = reason
        )
        .to_string()
    })?;
    let name = previous.file_name.clone();
    let reading = previous.reading.clone();
    let before = &previous.prepared;
    if prepared.table.headers == before.table.headers
        || prepared.mapping.understands_less_than(&before.mapping)
    {
        prepared.mapping = before.mapping.clone();
        return Ok(planned(state, name, prepared, reading, &own).await);
    }
    let reading = Reading {
        remembered: false,
        ..reading
    };
    Ok(remembered_plan(state, name, prepared, reading).await)
}

/// What each column of `plan` holds, as the mapping screen shows it: a
/// column no field takes is an own field when its tick is among `chosen`.
pub fn targets(plan: &Plan, chosen: &[String]) -> Vec<Target> {
    let headers = &plan.prepared.table.headers;
    headers
        .iter()
        .zip(&plan.prepared.mapping.columns)
        .map(|(header, field)| match Target::of(*field) {
            Target::Extra if chosen.iter().any(|c| c == header.trim()) => Target::Own,
            target => target,
        })
        .collect()
}

pub fn own_columns(targets: &[Target]) -> Vec<usize> {
    let own = targets.iter().enumerate();
    own.filter(|(_, t)| **t == Target::Own)
        .map(|(i, _)| i)
        .collect()
}

/// Remembers the mapping of `plan` for its headers.
pub fn remember(plan: &Plan, chosen: &[String]) {
    mappings::save(&plan.prepared.table.headers, &targets(plan, chosen));
}

/// The table of the file's columns: a list of targets for each when
/// `editable`, what each holds (and whether it becomes an own field)
/// otherwise.
///
/// The rows are built once per set of headers, so that a choice, which maps
/// the file again, does not rebuild the select being used.
#[component]
pub fn Columns(editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let shown = use_shown();
    let headers = Memo::new(move |_| shown.plan.with(|p| p.prepared.table.headers.clone()));
    let current = move |i: usize| {
        shown.plan.with(|p| {
            shown
                .chosen
                .with(|chosen| targets(p, chosen).get(i).copied())
                .unwrap_or(Target::Extra)
        })
    };
    let choose = move |i: usize, target: Target| {
        let plan = shown.plan.get_untracked();
        let header = plan.prepared.table.headers[i].trim().to_owned();
        shown.edited.set(true);
        shown.chosen.update(|chosen| {
            chosen.retain(|c| *c != header);
            if target == Target::Own {
                chosen.push(header.clone());
            }
        });
        if plan.prepared.mapping.columns.get(i) == Some(&target.field()) {
            // Between an extra and an own field: the rows map the same.
            return;
        }
        let mut all = shown.chosen.with_untracked(|chosen| targets(&plan, chosen));
        all[i] = target;
        let mut prepared = plan.prepared.clone();
        prepared.mapping = apply_targets(&prepared.mapping, &all);
        let reading = Reading {
            remembered: false,
            ..plan.reading.clone()
        };
        let own = own_columns(&all);
        let name = plan.file_name.clone();
        shown.replace(async move { Ok(planned(state, name, prepared, reading, &own).await) });
    };
    let rows = move || {
        let plan = shown.plan.get_untracked();
        let choices = target_choices(&plan.prepared.mapping);
        headers
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, header)| {
                let examples = examples(&plan, i);
                let cell = if editable {
                    let mut choices = choices.clone();
                    if !choices.contains(&current(i)) {
                        choices.push(current(i));
                    }
                    let options = choices
                        .iter()
                        .map(|&t| view! { <option value=t.key()>{target_label(i18n, t)}</option> })
                        .collect_view();
                    view! {
                        <select
                            data-testid="mapping-choice"
                            aria-label=header.clone()
                            prop:value=move || current(i).key()
                            on:change=move |ev| {
                                if let Some(target) = Target::from_key(&event_target_value(&ev)) {
                                    choose(i, target);
                                }
                            }
                        >
                            {options}
                        </select>
                    }
                    .into_any()
                } else {
                    let field = move || {
                        shown
                            .plan
                            .with(|p| p.prepared.mapping.columns.get(i).copied().flatten())
                    };
                    view! {
                        <span class:muted=move || field().is_none()>{move || match field() {
                            Some(Field::Derived) => target_label(i18n, Target::Skip),
                            field => field_label(i18n, field),
                        }}</span>
                        {move || own_tick(i18n, shown, i)}
                    }
                    .into_any()
                };
                let key = header.clone();
                view! {
                    <tr data-testid="mapping-row" data-header=key>
                        <td>{header}</td>
                        <td>{cell}</td>
                        <td class="examples" data-testid="mapping-examples">{examples}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="mapping">
                <thead><tr>
                    <th>{t!(i18n, import_column)}</th><th>{t!(i18n, import_field)}</th><th>{t!(i18n, import_examples)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The first few values of column `i`, so the user sees what it really holds.
fn examples(plan: &Plan, i: usize) -> String {
    plan.prepared
        .table
        .rows
        .iter()
        .filter_map(|r| r.cells.get(i))
        .filter(|c| !c.is_empty())
        .take(3)
        .map(|c| c.replace('\n', " ⏎ "))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The "make it an own field" tick of an unmapped or "Поле: …" column.
fn own_tick(i18n: I18nContext<Locale>, shown: Shown, i: usize) -> Option<impl IntoView> {
    let name = shown.plan.with(|plan| {
        let header = plan.prepared.table.headers.get(i)?;
        let field = plan.prepared.mapping.columns.get(i).copied().flatten();
        if !matches!(field, None | Some(Field::Custom)) {
            return None;
        }
        plan.custom_candidates
            .iter()
            .map(|(name, _)| name.clone())
            .find(|name| header.trim().ends_with(name.as_str()))
    })?;
    let ticked = {
        let name = name.clone();
        move || shown.chosen.with(|c| c.contains(&name))
    };
    Some(view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid="custom-from-column"
                prop:checked=ticked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    shown.chosen.update(|c| {
                        c.retain(|n| *n != name);
                        if on {
                            c.push(name.clone());
                        }
                    });
                }
            />
            {t!(i18n, import_as_custom)}
        </label>
    })
}
