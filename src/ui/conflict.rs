//! A save refused because the record was saved in another tab meanwhile:
//! what is stored now beside what was typed, and the choice between them.

use kartoteka_core::Contact;
use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::*;

/// The two versions of a record in a conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Versions {
    pub stored: Contact,
    pub mine: Contact,
}

/// Parts of a record that change on every save, or that the save itself
/// writes: their differences say nothing to the person choosing.
const BOOKKEEPING: [&str; 4] = ["rev", "updated_at", "history", "status_history"];

/// The top-level fields in which the two versions differ, with each
/// version's value as text.
fn differences(versions: &Versions) -> Vec<(String, String, String)> {
    let as_map = |c: &Contact| match serde_json::to_value(c) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (stored, mine) = (as_map(&versions.stored), as_map(&versions.mine));
    let mut keys: Vec<&String> = stored.keys().chain(mine.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
        .filter(|k| stored.get(*k) != mine.get(*k))
        .map(|k| (k.clone(), text(stored.get(k)), text(mine.get(k))))
        .collect()
}

/// A stored value as a person reads it: lists of phones, e-mails and the
/// like by their values.
fn text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".into(),
        Some(Value::String(s)) if s.is_empty() => "—".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => {
            let parts: Vec<String> = items
                .iter()
                .map(|item| match item.get("value") {
                    Some(Value::String(s)) => s.clone(),
                    _ => text(Some(item)),
                })
                .collect();
            if parts.is_empty() {
                "—".into()
            } else {
                parts.join(", ")
            }
        }
        Some(other) => other.to_string(),
    }
}

/// The field's name in the form, where the form has one.
fn label(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match key {
        "surname" => t_string!(i18n, field_surname).to_string(),
        "name" => t_string!(i18n, field_name).to_string(),
        "patronymic" => t_string!(i18n, field_patronymic).to_string(),
        "company" => t_string!(i18n, field_company).to_string(),
        "status" => t_string!(i18n, field_status).to_string(),
        "notes" => t_string!(i18n, field_notes).to_string(),
        other => other.to_owned(),
    }
}

/// Shown above the form in place of a silent overwrite.
#[component]
pub fn ConflictChoice(
    versions: Versions,
    on_keep_mine: Callback<()>,
    on_take_stored: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = differences(&versions)
        .into_iter()
        .map(|(key, stored, mine)| {
            view! {
                <tr>
                    <th>{label(i18n, &key)}</th>
                    <td data-testid="conflict-stored">{stored}</td>
                    <td data-testid="conflict-mine">{mine}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="conflict" role="alert" data-testid="conflict">
            <p>{t!(i18n, conflict_explained)}</p>
            <table>
                <thead>
                    <tr>
                        <th></th>
                        <th>{t!(i18n, conflict_stored)}</th>
                        <th>{t!(i18n, conflict_mine)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="actions">
                <button type="button" class="button primary" data-testid="conflict-keep-mine" on:click=move |_| on_keep_mine.run(())>
                    {t!(i18n, conflict_keep_mine)}
                </button>
                <button type="button" class="button" data-testid="conflict-take-stored" on:click=move |_| on_take_stored.run(())>
                    {t!(i18n, conflict_take_stored)}
                </button>
            </div>
        </div>
    }
}
