//! Channels: how each source of records performs over a period, as a
//! sortable table with charts above it, and the list of channels, where
//! the spellings of one channel are renamed or merged into one.

mod charts;
mod manage;
mod table;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use kartoteka_core::analytics::{
    channel_report, freshness_mix_by_month, growth_by_month, report_csv, ChannelRow, Period,
    YearMonth,
};
use kartoteka_core::{channel_key, format_date, parse_date, Contact, ContactKind, FreshnessPolicy};
use leptos::prelude::*;

use crate::i18n::*;
use crate::route::Route;
use crate::state::use_app;
use crate::storage::prefs::Prefs;
use crate::storage::Base;
use crate::ui::download::download;
use crate::ui::format;

/// More bars than this would be slivers on a phone; a longer period shows
/// its last months.
const MAX_MONTHS: usize = 36;

/// The periods offered; `Custom` takes the two dates typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    AllTime,
    ThisYear,
    LastTwelveMonths,
    Custom,
}

impl Choice {
    const ALL: [Choice; 4] = [
        Choice::AllTime,
        Choice::ThisYear,
        Choice::LastTwelveMonths,
        Choice::Custom,
    ];

    fn key(self) -> &'static str {
        match self {
            Choice::AllTime => "all",
            Choice::ThisYear => "year",
            Choice::LastTwelveMonths => "12m",
            Choice::Custom => "custom",
        }
    }

    fn label(self, i18n: leptos_i18n::I18nContext<Locale>) -> String {
        match self {
            Choice::AllTime => t_string!(i18n, period_all),
            Choice::ThisYear => t_string!(i18n, period_year),
            Choice::LastTwelveMonths => t_string!(i18n, period_12m),
            Choice::Custom => t_string!(i18n, period_custom),
        }
        .to_string()
    }
}

/// The first day of the year `today` is in, to `today`.
fn this_year(today: NaiveDate) -> Period {
    Period {
        from: today.with_ordinal(1).unwrap_or(today),
        to: today,
    }
}

/// Twelve whole calendar months, the current one last (to `today`), so
/// that the charts show twelve full bars rather than two part-months.
fn last_twelve_months(today: NaiveDate) -> Period {
    let month = YearMonth::of(today).first_day();
    Period {
        from: month.checked_sub_months(Months::new(11)).unwrap_or(month),
        to: today,
    }
}

/// Both dates typed, if they are dates and in order.
fn typed_period(from: &str, to: &str) -> Option<Period> {
    let from = parse_date(from)?;
    let to = parse_date(to)?;
    (from <= to).then_some(Period { from, to })
}

/// The records whose number the report counts: people, and a company only
/// while none of its people is in the base.
///
/// `channel_report` counts every record, whatever its kind. But most
/// company records are made from the company column of their people on
/// import and inherit a person's source and day, so counting them would
/// count one client twice, as the person and again as the firm, and would
/// add never-confirmed records to every channel's stale share. A company
/// with no people in the base is a contact of its own and counts.
fn counted<'a>(all: &[&'a Contact]) -> Vec<&'a Contact> {
    let represented: HashSet<&str> = all
        .iter()
        .filter(|c| c.kind == ContactKind::Person && c.deleted_at.is_none())
        .filter_map(|c| c.company_id.as_deref())
        .collect();
    all.iter()
        .copied()
        .filter(|c| c.kind == ContactKind::Person || !represented.contains(c.id.as_str()))
        .collect()
}

/// The rows of the table: record figures over [`counted`] records, and
/// the figures about events (money paid, calls that found the data
/// wrong) over every record, since an invoice is paid once whichever card
/// it is on, and companies are where invoices usually are.
fn report_rows(
    base: &Base,
    policy: &FreshnessPolicy,
    period: Period,
    today: NaiveDate,
) -> Vec<ChannelRow> {
    let all: Vec<&Contact> = base.iter().map(|(_, c)| c).collect();
    let mut rows = channel_report(counted(&all), policy, period, today);
    let at: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (channel_key(&row.channel), i))
        .collect();
    for events in channel_report(all, policy, period, today) {
        let row = match at.get(&channel_key(&events.channel)) {
            Some(&i) => &mut rows[i],
            // A channel only company records with people have: shown when
            // it brought money or calls, as nothing else of it counts.
            None if !events.revenue.is_empty() || events.outcomes > 0 => {
                rows.push(ChannelRow {
                    channel: events.channel.clone(),
                    ..ChannelRow::default()
                });
                rows.last_mut().expect("just pushed")
            }
            None => continue,
        };
        row.revenue = events.revenue;
        row.revenue_overflow = events.revenue_overflow;
        row.outcomes = events.outcomes;
        row.found_wrong = events.found_wrong;
        row.found_wrong_share = events.found_wrong_share;
        row.median_age_days_when_found = events.median_age_days_when_found;
    }
    rows
}

/// The months the charts show: the last twelve for all time, else the
/// period's, from the month of the first record added, to the current
/// month at most, and no more than [`MAX_MONTHS`] of them; with whether
/// some were left out.
fn chart_months(
    period: Period,
    today: NaiveDate,
    first_added: Option<NaiveDate>,
) -> (Vec<YearMonth>, bool) {
    let period = if period.is_all_time() {
        last_twelve_months(today)
    } else {
        period
    };
    let Some(first_added) = first_added else {
        return (Vec::new(), false);
    };
    let from = YearMonth::of(period.from.max(first_added));
    let to = YearMonth::of(period.to.min(today));
    let mut months = YearMonth::range(from, to);
    let cut = months.len().saturating_sub(MAX_MONTHS);
    months.drain(..cut);
    (months, cut > 0)
}

/// What the three charts draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartData {
    /// Records added each month, by channel (see `growth_by_month`).
    pub growth: Vec<(YearMonth, Vec<(String, usize)>)>,
    /// Fresh, due, stale and never confirmed at the end of each month.
    pub mix: Vec<(YearMonth, [usize; 4])>,
    /// Whether the period had more months than the charts show.
    pub cut: bool,
}

fn chart_data(
    base: &Base,
    policy: &FreshnessPolicy,
    period: Period,
    today: NaiveDate,
) -> ChartData {
    let all: Vec<&Contact> = base.iter().map(|(_, c)| c).collect();
    let records = counted(&all);
    let first_added = records
        .iter()
        .filter(|c| c.deleted_at.is_none())
        .filter_map(|c| c.added_on)
        .min();
    let (months, cut) = chart_months(period, today, first_added);
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return ChartData::default();
    };
    let shown = Period {
        from: first.first_day().max(period.from),
        to: last.last_day().min(period.to),
    };
    ChartData {
        growth: growth_by_month(records.iter().copied(), shown),
        mix: freshness_mix_by_month(records.iter().copied(), policy, &months, today),
        cut,
    }
}

/// A share in tenths of a percent as the language writes it: `12,5 %`,
/// `12.5%`; a dash for a share of nothing.
pub fn percent(locale: Locale, per_mille: Option<u64>) -> String {
    let Some(tenths) = per_mille else {
        return "—".into();
    };
    let (whole, tenth) = (tenths / 10, tenths % 10);
    match locale {
        Locale::ru => format!("{whole},{tenth}\u{a0}%"),
        Locale::en => format!("{whole}.{tenth}%"),
    }
}

/// `мар 2026`, `Mar 2026`.
pub fn month_label(i18n: leptos_i18n::I18nContext<Locale>, month: YearMonth) -> String {
    format!("{} {}", month_short(i18n, month.month()), month.year())
}

/// The short name of month `month` (1–12).
pub fn month_short(i18n: leptos_i18n::I18nContext<Locale>, month: u32) -> String {
    match month {
        1 => t_string!(i18n, month_short_1),
        2 => t_string!(i18n, month_short_2),
        3 => t_string!(i18n, month_short_3),
        4 => t_string!(i18n, month_short_4),
        5 => t_string!(i18n, month_short_5),
        6 => t_string!(i18n, month_short_6),
        7 => t_string!(i18n, month_short_7),
        8 => t_string!(i18n, month_short_8),
        9 => t_string!(i18n, month_short_9),
        10 => t_string!(i18n, month_short_10),
        11 => t_string!(i18n, month_short_11),
        _ => t_string!(i18n, month_short_12),
    }
    .to_string()
}

/// A channel's name as shown: records without a source form a channel too.
pub fn channel_name(i18n: leptos_i18n::I18nContext<Locale>, channel: &str) -> String {
    if channel.is_empty() {
        t_string!(i18n, channels_no_source).to_string()
    } else {
        channel.to_owned()
    }
}

#[component]
pub fn ChannelsScreen() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    let today = state.today.get_untracked();
    let choice = RwSignal::new(Choice::AllTime);
    let default_custom = this_year(today);
    let from_text = RwSignal::new(format_date(default_custom.from));
    let to_text = RwSignal::new(format_date(default_custom.to));
    // Typing keeps the last whole pair of dates in force, so the table
    // does not flicker empty at every keystroke.
    let custom = RwSignal::new(default_custom);
    let typed_ok = move || typed_period(&from_text.get(), &to_text.get()).is_some();
    let retype = move || {
        if let Some(period) = typed_period(&from_text.get_untracked(), &to_text.get_untracked()) {
            custom.set(period);
        }
    };
    let period = Memo::new(move |_| {
        let today = state.today.get();
        match choice.get() {
            Choice::AllTime => Period::ALL_TIME,
            Choice::ThisYear => this_year(today),
            Choice::LastTwelveMonths => last_twelve_months(today),
            Choice::Custom => custom.get(),
        }
    });
    let rows = Memo::new(move |_| {
        let period = period.get();
        let today = state.today.get();
        state
            .settings
            .with(|s| state.with_base(|base| report_rows(base, &s.freshness, period, today)))
    });
    let charts = Memo::new(move |_| {
        let period = period.get();
        let today = state.today.get();
        state
            .settings
            .with(|s| state.with_base(|base| chart_data(base, &s.freshness, period, today)))
    });
    let live = Memo::new(move |_| {
        state.with_base(|base| base.iter().any(|(_, c)| c.deleted_at.is_none()))
    });
    let sort = RwSignal::new(table::Sort::default());
    let sorted = Memo::new(move |_| {
        let mut rows = rows.get();
        sort.with(|s| s.apply(&mut rows));
        rows
    });

    let export = move |_| {
        // The list's export format, so both files open the same way.
        let preset = Prefs::load().export_format.csv_preset();
        let bytes = sorted.with_untracked(|rows| report_csv(rows, preset));
        let name = format!(
            "kartoteka-channels-{}.csv",
            state.today.get_untracked().format("%Y-%m-%d")
        );
        if let Err(error) = download(&bytes, &name, "text/csv;charset=utf-8") {
            crate::state::log(&format!("channel export failed: {error}"));
        }
    };
    let range = move || {
        let locale = i18n.get_locale();
        let period = period.get();
        (!period.is_all_time()).then(|| {
            t_string!(
                i18n,
                period_range,
                from = format::date(locale, period.from),
                to = format::date(locale, period.to)
            )
            .to_string()
        })
    };

    view! {
        <section class="screen channels" data-testid="channels-screen">
            <h1>{t!(i18n, channels_title)}</h1>
            <p class="secondary">{t!(i18n, channels_text)}</p>
            <Show when=move || live.get() fallback=move || view! { <NoRecords /> }>
                <div class="period" role="group" aria-label=move || t_string!(i18n, channels_period)>
                    <label class="field">
                        <span>{t!(i18n, channels_period)}</span>
                        <select
                            data-testid="channels-period"
                            prop:value=move || choice.get().key()
                            on:change=move |ev| {
                                let key = event_target_value(&ev);
                                if let Some(c) = Choice::ALL.into_iter().find(|c| c.key() == key) {
                                    choice.set(c);
                                }
                            }
                        >
                            {Choice::ALL
                                .into_iter()
                                .map(|c| view! { <option value=c.key()>{move || c.label(i18n)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <Show when=move || choice.get() == Choice::Custom>
                        <label class="field date">
                            <span>{t!(i18n, period_from)}</span>
                            <input
                                data-testid="channels-from"
                                inputmode="numeric"
                                placeholder=move || t_string!(i18n, period_date_hint)
                                aria-invalid=move || (!typed_ok()).to_string()
                                prop:value=move || from_text.get()
                                on:input=move |ev| {
                                    from_text.set(event_target_value(&ev));
                                    retype();
                                }
                            />
                        </label>
                        <label class="field date">
                            <span>{t!(i18n, period_to)}</span>
                            <input
                                data-testid="channels-to"
                                inputmode="numeric"
                                placeholder=move || t_string!(i18n, period_date_hint)
                                aria-invalid=move || (!typed_ok()).to_string()
                                prop:value=move || to_text.get()
                                on:input=move |ev| {
                                    to_text.set(event_target_value(&ev));
                                    retype();
                                }
                            />
                        </label>
                    </Show>
                    <span class="spacer"></span>
                    <button class="button" data-testid="channels-export" on:click=export>
                        {t!(i18n, channels_export)}
                    </button>
                </div>
                <Show when=move || choice.get() == Choice::Custom && !typed_ok()>
                    <p class="field-error" data-testid="channels-period-error">{t!(i18n, period_error)}</p>
                </Show>
                <p class="secondary period-range" data-testid="channels-range">{range}</p>
                <charts::Charts data=charts rows />
                <table::ReportTable rows=sorted sort />
                <p class="secondary table-note">{t!(i18n, channels_table_note)}</p>
                <p class="secondary table-note">{t!(i18n, channels_counted_note)}</p>
                <manage::ChannelList />
            </Show>
        </section>
    }
}

/// An empty base has no channels; the way on is a file.
#[component]
fn NoRecords() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty" data-testid="channels-empty">
            <p>{t!(i18n, channels_empty)}</p>
            <div class="actions">
                <a class="button primary" href=Route::Import.href()>{t!(i18n, empty_import)}</a>
            </div>
        </div>
    }
}
