//! Settings: the freshness threshold with a live preview, and language.

use kartoteka_core::{Freshness, FreshnessPolicy, Threshold, ThresholdUnit};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{use_app, Notice};
use crate::storage::BaseSettings;
use crate::ui::badge::FreshnessBadge;
use crate::ui::format;
use crate::ui::language::LanguageSelect;

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
            <p class="secondary">{t!(i18n, settings_due)}</p>
            <h3>{t!(i18n, settings_preview)}</h3>
            <ul class="preview-counts" data-testid="freshness-preview">
                {Freshness::ALL.into_iter().enumerate().map(|(i, f)| view! {
                    <li data-state=f.key() data-count=move || counts.get()[i].to_string()>
                        <FreshnessBadge state=Signal::derive(move || f) />
                        <b>{move || format::count(i18n.get_locale(), counts.get()[i])}</b>
                    </li>
                }).collect_view()}
            </ul>
            <LanguageSelect />
        </section>
    }
}
