//! The team's own fields on a record: edited in the form, shown on the card.

use std::collections::BTreeMap;

use kartoteka_core::custom::{CustomField, CustomKind};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::use_app;
use crate::ui::form::{Draft, FieldError};

#[component]
pub fn CustomFieldsEditor(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let fields = Memo::new(move |_| state.settings.with(|s| s.custom_fields.clone()));
    view! {
        <Show when=move || fields.with(|f| !f.is_empty())>
            <fieldset class="group" data-testid="custom-fields">
                <legend>{t!(i18n, section_custom)}</legend>
                <div class="grid">
                    <For
                        each=move || fields.get().into_iter().enumerate()
                        key=|(i, f)| (*i, f.id.clone())
                        children=move |(index, field)| view! { <CustomInput index field draft /> }
                    />
                </div>
            </fieldset>
        </Show>
    }
}

#[component]
fn CustomInput(index: usize, field: CustomField, draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let id = field.id.clone();
    let value = {
        let id = id.clone();
        move || draft.with(|d| d.custom.get(&id).cloned().unwrap_or_default())
    };
    let set = {
        let id = id.clone();
        move |v: String| draft.update(|d| set_custom(&mut d.custom, &id, v))
    };
    let testid = format!("custom-{}", field.id);
    // Tests and assistive tools find the input by its field's name.
    let label = field.label.clone();
    let input = match &field.kind {
        CustomKind::Choice { options } => {
            let options = options.clone();
            let set = set.clone();
            view! {
                <select data-testid=testid data-field=label.clone() prop:value=value on:change=move |ev| set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {options.into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        kind => {
            let inputmode = match kind {
                CustomKind::Number => "decimal",
                CustomKind::Date => "numeric",
                _ => "text",
            };
            let placeholder = matches!(kind, CustomKind::Date).then(|| t_string!(i18n, date_hint));
            let set = set.clone();
            view! {
                <input
                    data-testid=testid
                    data-field=label.clone()
                    inputmode=inputmode
                    placeholder=placeholder
                    prop:value=value
                    on:input=move |ev| set(event_target_value(&ev))
                />
            }
            .into_any()
        }
    };
    view! {
        <label class="field">
            <span>{field.label.clone()}</span>
            {input}
            <ErrorAt index />
        </label>
    }
}

/// The form's error for the custom field at `index`, if the last save
/// refused it; found through the form's error list in context.
#[component]
fn ErrorAt(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_context::<RwSignal<Vec<FieldError>>>();
    let failing =
        move || errors.is_some_and(|e| e.with(|errs| errs.contains(&FieldError::Custom(index))));
    view! {
        <Show when=failing>
            <span class="field-error" data-testid="error-custom">{t!(i18n, error_custom)}</span>
        </Show>
    }
}

fn set_custom(custom: &mut BTreeMap<String, String>, id: &str, value: String) {
    if value.trim().is_empty() {
        custom.remove(id);
    } else {
        custom.insert(id.to_owned(), value);
    }
}
