//! Settings: the freshness threshold with a live preview, managers, custom
//! fields, backup and restore, and language.

use kartoteka_core::custom::{CustomField, CustomKind};
use kartoteka_core::freshness::{StatusRule, TagRule};
use kartoteka_core::{Freshness, FreshnessPolicy, Status, Threshold, ThresholdUnit};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{use_app, Notice};
use crate::storage::BaseSettings;
use crate::ui::backup::BackupSection;
use crate::ui::badge::FreshnessBadge;
use crate::ui::durability::DurabilitySection;
use crate::ui::language::LanguageSelect;
use crate::ui::list::ListPrefs;
use crate::ui::{format, labels};

const MAX_AMOUNT: u32 = 999;

fn unit_key(unit: ThresholdUnit) -> &'static str {
    match unit {
        ThresholdUnit::Days => "days",
        ThresholdUnit::Weeks => "weeks",
        ThresholdUnit::Months => "months",
    }
}

fn unit_from_key(key: &str) -> Option<ThresholdUnit> {
    [
        ThresholdUnit::Days,
        ThresholdUnit::Weeks,
        ThresholdUnit::Months,
    ]
    .into_iter()
    .find(|u| unit_key(*u) == key)
}

#[component]
pub fn SettingsScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let threshold = state.settings.get_untracked().freshness.threshold;
    let amount = RwSignal::new(threshold.amount.to_string());
    let unit = RwSignal::new(threshold.unit);
    let parsed = move || {
        amount
            .with(|a| a.trim().parse::<u32>().ok())
            .filter(|n| (1..=MAX_AMOUNT).contains(n))
    };

    // The unit agrees with the number typed (1 месяц, 2 месяца, 5 месяцев).
    let shown = move || parsed().unwrap_or(MAX_AMOUNT);
    let store = move |threshold: Threshold| {
        let current = state.settings.get_untracked();
        if current.freshness.threshold == threshold {
            return;
        }
        let settings = BaseSettings {
            freshness: FreshnessPolicy {
                threshold,
                ..current.freshness
            },
            ..current
        };
        leptos::task::spawn_local(async move {
            let outcome = state
                .save_settings(settings)
                .await
                .map(|()| Notice::SettingsSaved);
            state.report(outcome);
        });
    };
    let apply = move || {
        if let Some(amount) = parsed() {
            store(Threshold {
                amount,
                unit: unit.get_untracked(),
            });
        }
    };

    let counts = Memo::new(move |_| {
        let policy = state.settings.get().freshness;
        let today = state.today.get();
        state.with_base(|base| {
            let mut counts = [0usize; 4];
            for (_, contact) in base.iter() {
                let i = Freshness::ALL
                    .iter()
                    .position(|f| *f == policy.of(contact, today));
                counts[i.unwrap_or(3)] += 1;
            }
            counts
        })
    });

    view! {
        <section class="screen settings" data-testid="settings-screen">
            <h1>{t!(i18n, settings_title)}</h1>
            <h2>{t!(i18n, settings_freshness)}</h2>
            <div class="threshold">
                <span>{t!(i18n, settings_threshold)}</span>
                <input
                    class="amount"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=MAX_AMOUNT.to_string()
                    data-testid="threshold-amount"
                    aria-invalid=move || parsed().is_none().to_string()
                    prop:value=move || amount.get()
                    on:input=move |ev| {
                        amount.set(event_target_value(&ev));
                        apply();
                    }
                />
                <select
                    data-testid="threshold-unit"
                    prop:value=move || unit_key(unit.get())
                    on:change=move |ev| {
                        if let Some(u) = unit_from_key(&event_target_value(&ev)) {
                            unit.set(u);
                            apply();
                        }
                    }
                >
                    <option value="days">{move || t_string!(i18n, unit_days, count = shown())}</option>
                    <option value="weeks">{move || t_string!(i18n, unit_weeks, count = shown())}</option>
                    <option value="months">{move || t_string!(i18n, unit_months, count = shown())}</option>
                </select>
                <span>{t!(i18n, settings_threshold_ago)}</span>
            </div>
            <Show when=move || parsed().is_none()>
                <p class="field-error" data-testid="threshold-error">{t!(i18n, settings_threshold_error)}</p>
            </Show>
            <DueShare />
            <Overrides />
            <h3>{t!(i18n, settings_preview)}</h3>
            <ul class="preview-counts" data-testid="freshness-preview">
                {Freshness::ALL.into_iter().enumerate().map(|(i, f)| view! {
                    <li data-state=f.key() data-count=move || counts.get()[i].to_string()>
                        <FreshnessBadge state=Signal::derive(move || f) />
                        <b>{move || format::count(i18n.get_locale(), counts.get()[i])}</b>
                    </li>
                }).collect_view()}
            </ul>
            <Managers />
            <CustomFields />
            <BackupSection />
            <DurabilitySection />
            <LanguageSelect />
        </section>
    }
}

/// Stores a change of the base's settings and says how it went.
fn update_settings(change: impl FnOnce(&mut BaseSettings)) {
    let state = use_app();
    let mut settings = state.settings.get_untracked();
    change(&mut settings);
    leptos::task::spawn_local(async move {
        let outcome = state
            .save_settings(settings)
            .await
            .map(|()| Notice::SettingsSaved);
        state.report(outcome);
    });
}

/// The managers records are assigned to, and which of them uses this device.
#[component]
fn Managers() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let ListPrefs { me, .. } = expect_context::<ListPrefs>();
    let name = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        if typed.is_empty()
            || state
                .settings
                .with_untracked(|s| s.managers.contains(&typed))
        {
            return;
        }
        update_settings(|s| s.managers.push(typed));
        name.set(String::new());
    };
    view! {
        <h2>{t!(i18n, settings_managers)}</h2>
        <ul class="plain-list" data-testid="managers">
            <For each=move || state.settings.with(|s| s.managers.clone()) key=|m| m.clone() let:manager>
                {
                    let removed = manager.clone();
                    view! {
                        <li data-testid="manager">
                            <span>{manager.clone()}</span>
                            <button class="button ghost" on:click=move |_| {
                                let removed = removed.clone();
                                update_settings(move |s| s.managers.retain(|m| *m != removed));
                            }>{t!(i18n, remove)}</button>
                        </li>
                    }
                }
            </For>
        </ul>
        <form class="inline-form" on:submit=add>
            <input data-testid="manager-name" aria-label=move || t_string!(i18n, settings_manager_name)
                placeholder=move || t_string!(i18n, settings_manager_name)
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <button type="submit" class="button" data-testid="manager-add">{t!(i18n, add)}</button>
        </form>
        <label class="field">
            <span>{t!(i18n, settings_me)}</span>
            <select data-testid="settings-me" prop:value=move || me.get() on:change=move |ev| me.set(event_target_value(&ev))>
                <option value="">{t!(i18n, responsible_none)}</option>
                <For each=move || state.settings.with(|s| s.managers.clone()) key=|m| m.clone() let:manager>
                    <option value=manager.clone()>{manager.clone()}</option>
                </For>
            </select>
        </label>
    }
}

fn kind_key(kind: &CustomKind) -> &'static str {
    match kind {
        CustomKind::Text => "text",
        CustomKind::Number => "number",
        CustomKind::Date => "date",
        CustomKind::Choice { .. } => "choice",
    }
}

/// The team's own fields: defined here, shown on every record.
#[component]
fn CustomFields() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let label = RwSignal::new(String::new());
    let kind = RwSignal::new(String::from("text"));
    let options = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = label.get_untracked().trim().to_owned();
        let choices: Vec<String> = options
            .get_untracked()
            .split([',', ';'])
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect();
        let custom_kind = match kind.get_untracked().as_str() {
            "number" => CustomKind::Number,
            "date" => CustomKind::Date,
            "choice" => CustomKind::Choice { options: choices },
            _ => CustomKind::Text,
        };
        let empty_choice =
            matches!(&custom_kind, CustomKind::Choice { options } if options.is_empty());
        if title.is_empty() || empty_choice {
            error.set(true);
            return;
        }
        error.set(false);
        let field = CustomField {
            id: crate::state::new_id(),
            label: title,
            kind: custom_kind,
        };
        update_settings(|s| s.custom_fields.push(field));
        label.set(String::new());
        options.set(String::new());
    };
    let kind_label = move |key: &str| match key {
        "number" => t_string!(i18n, custom_number).to_string(),
        "date" => t_string!(i18n, custom_date).to_string(),
        "choice" => t_string!(i18n, custom_choice).to_string(),
        _ => t_string!(i18n, custom_text).to_string(),
    };
    view! {
        <h2>{t!(i18n, settings_custom)}</h2>
        <ul class="plain-list" data-testid="custom-field-list">
            <For each=move || state.settings.with(|s| s.custom_fields.clone()) key=|f| f.id.clone() let:field>
                {
                    let id = field.id.clone();
                    let key = kind_key(&field.kind);
                    let extra = match &field.kind {
                        CustomKind::Choice { options } => format!(": {}", options.join(", ")),
                        _ => String::new(),
                    };
                    view! {
                        <li data-testid="custom-field-def">
                            <b>{field.label.clone()}</b>
                            <span class="secondary">{move || kind_label(key)}{extra.clone()}</span>
                            <button class="button ghost" on:click=move |_| {
                                let id = id.clone();
                                update_settings(move |s| s.custom_fields.retain(|f| f.id != id));
                            }>{t!(i18n, remove)}</button>
                        </li>
                    }
                }
            </For>
        </ul>
        <p class="secondary">{t!(i18n, settings_custom_kept)}</p>
        <form class="inline-form wrap" on:submit=add>
            <input data-testid="custom-label" aria-label=move || t_string!(i18n, custom_label)
                placeholder=move || t_string!(i18n, custom_label)
                prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
            <select data-testid="custom-kind" aria-label=move || t_string!(i18n, custom_kind)
                prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                {["text", "number", "date", "choice"].into_iter().map(|k| view! { <option value=k>{move || kind_label(k)}</option> }).collect_view()}
            </select>
            <Show when=move || kind.get() == "choice">
                <input data-testid="custom-options" aria-label=move || t_string!(i18n, custom_options)
                    placeholder=move || t_string!(i18n, custom_options)
                    prop:value=move || options.get() on:input=move |ev| options.set(event_target_value(&ev)) />
            </Show>
            <button type="submit" class="button" data-testid="custom-add">{t!(i18n, add)}</button>
        </form>
        <Show when=move || error.get()>
            <p class="field-error" role="alert">{t!(i18n, custom_error)}</p>
        </Show>
    }
}

/// The share of the threshold, before its end, in which a record is "due".
#[component]
fn DueShare() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let typed = RwSignal::new(
        state
            .settings
            .get_untracked()
            .freshness
            .due_percent
            .to_string(),
    );
    let parsed = move || {
        typed
            .with(|t| t.trim().parse::<u8>().ok())
            .filter(|p| *p <= 90)
    };
    view! {
        <div class="threshold">
            <span>{t!(i18n, settings_due_share)}</span>
            <input
                class="amount"
                type="number"
                inputmode="numeric"
                min="0"
                max="90"
                data-testid="due-percent"
                aria-invalid=move || parsed().is_none().to_string()
                prop:value=move || typed.get()
                on:input=move |ev| {
                    typed.set(event_target_value(&ev));
                    if let Some(percent) = parsed() {
                        if state.settings.with_untracked(|s| s.freshness.due_percent) != percent {
                            update_settings(move |s| s.freshness.due_percent = percent);
                        }
                    }
                }
            />
            <span>"%"</span>
        </div>
        <Show when=move || parsed().is_none()>
            <p class="field-error">{t!(i18n, settings_due_error)}</p>
        </Show>
    }
}

/// Shorter or longer thresholds for some statuses or tags: leads every
/// 30 days, clients every six months. A tag rule beats a status rule, and
/// of several tags the shortest threshold wins.
#[component]
fn Overrides() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let target = RwSignal::new(String::from("status:potential"));
    let amount = RwSignal::new(String::from("30"));
    let unit = RwSignal::new(ThresholdUnit::Days);
    let tag = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(amount) = amount
            .with_untracked(|a| a.trim().parse::<u32>().ok())
            .filter(|n| (1..=MAX_AMOUNT).contains(n))
        else {
            return;
        };
        let threshold = Threshold {
            amount,
            unit: unit.get_untracked(),
        };
        let chosen = target.get_untracked();
        if chosen == "tag" {
            let name = tag.get_untracked().trim().to_owned();
            if name.is_empty() {
                return;
            }
            update_settings(move |s| {
                s.freshness
                    .tag_rules
                    .retain(|r| !r.tag.eq_ignore_ascii_case(&name));
                s.freshness.tag_rules.push(TagRule {
                    tag: name,
                    threshold,
                });
            });
            tag.set(String::new());
        } else if let Some(status) = chosen.strip_prefix("status:").and_then(Status::from_key) {
            update_settings(move |s| {
                s.freshness.status_rules.retain(|r| r.status != status);
                s.freshness
                    .status_rules
                    .push(StatusRule { status, threshold });
            });
        }
    };
    let threshold_text = move |t: Threshold| {
        let unit = match t.unit {
            ThresholdUnit::Days => t_string!(i18n, unit_days, count = t.amount).to_string(),
            ThresholdUnit::Weeks => t_string!(i18n, unit_weeks, count = t.amount).to_string(),
            ThresholdUnit::Months => t_string!(i18n, unit_months, count = t.amount).to_string(),
        };
        format!("{} {unit}", t.amount)
    };
    view! {
        <h3>{t!(i18n, settings_overrides)}</h3>
        <ul class="plain-list" data-testid="freshness-rules">
            {move || state.settings.with(|s| s.freshness.status_rules.clone()).into_iter().map(|rule| {
                let status = rule.status;
                view! {
                    <li data-testid="freshness-rule">
                        <span>{labels::status(i18n, status)}": "{threshold_text(rule.threshold)}</span>
                        <button class="button ghost" on:click=move |_| update_settings(move |s| s.freshness.status_rules.retain(|r| r.status != status))>
                            {t!(i18n, remove)}
                        </button>
                    </li>
                }
            }).collect_view()}
            {move || state.settings.with(|s| s.freshness.tag_rules.clone()).into_iter().map(|rule| {
                let name = rule.tag.clone();
                view! {
                    <li data-testid="freshness-rule">
                        <span>{t!(i18n, settings_rule_tag)}" «"{rule.tag.clone()}"»: "{threshold_text(rule.threshold)}</span>
                        <button class="button ghost" on:click=move |_| {
                            let name = name.clone();
                            update_settings(move |s| s.freshness.tag_rules.retain(|r| r.tag != name))
                        }>{t!(i18n, remove)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form class="inline-form wrap" on:submit=add>
            <select data-testid="rule-target" aria-label=move || t_string!(i18n, settings_rule_for)
                prop:value=move || target.get() on:change=move |ev| target.set(event_target_value(&ev))>
                {Status::ALL.into_iter().map(|s| view! {
                    <option value=format!("status:{}", s.key())>{move || labels::status(i18n, s)}</option>
                }).collect_view()}
                <option value="tag">{t!(i18n, settings_rule_tag)}</option>
            </select>
            <Show when=move || target.get() == "tag">
                <input data-testid="rule-tag" aria-label=move || t_string!(i18n, settings_rule_tag)
                    placeholder=move || t_string!(i18n, settings_rule_tag)
                    prop:value=move || tag.get() on:input=move |ev| tag.set(event_target_value(&ev)) />
            </Show>
            <input class="amount" type="number" inputmode="numeric" min="1" data-testid="rule-amount"
                aria-label=move || t_string!(i18n, settings_threshold)
                prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev)) />
            <select data-testid="rule-unit" aria-label=move || t_string!(i18n, settings_threshold)
                prop:value=move || unit_key(unit.get())
                on:change=move |ev| if let Some(u) = unit_from_key(&event_target_value(&ev)) { unit.set(u) }>
                <option value="days">{t!(i18n, unit_days_label)}</option>
                <option value="weeks">{t!(i18n, unit_weeks_label)}</option>
                <option value="months">{t!(i18n, unit_months_label)}</option>
            </select>
            <button type="submit" class="button" data-testid="rule-add">{t!(i18n, add)}</button>
        </form>
        <p class="secondary">{t!(i18n, settings_overrides_text)}</p>
    }
}
