//! The three charts above the table, drawn as SVG by hand: growth of the
//! base by channel, the freshness mix month by month, and conversion by
//! channel. Each shows its numbers on hover (an SVG `<title>`), on focus
//! and on tap (a line under the chart), and as a table at one click.
//!
//! Horizontal positions are percentages of the chart's width and vertical
//! ones pixels, so the bars stretch with the screen while the text keeps
//! its size: a scaled `viewBox` would shrink the labels to nothing on a
//! phone.

use kartoteka_core::analytics::{ChannelRow, YearMonth};
use kartoteka_core::Freshness;
use leptos::prelude::*;

use super::{channel_name, month_label, month_short, percent, ChartData};
use crate::i18n::*;
use crate::ui::{format, labels};

/// Channels with a colour of their own in the growth chart; the rest
/// share one, as more colours than this stop being told apart.
const NAMED_SERIES: usize = 5;
/// The conversion chart's bars; the smallest channels are left to the table.
const MAX_BARS: usize = 12;
/// The bars' area of the stacked charts, in pixels from the top.
const PLOT_TOP: f64 = 18.0;
const PLOT_HEIGHT: f64 = 160.0;
/// The left part of a stacked chart's width, in percent, that holds the
/// scale's numbers.
const GUTTER: f64 = 10.0;
/// Each bar of the conversion chart: its label line and the bar below.
const BAR_ROW: f64 = 44.0;
/// Longer channel names are cut in the chart; the table has them whole.
const NAME_CHARS: usize = 32;

#[component]
pub fn Charts(data: Memo<ChartData>, rows: Memo<Vec<ChannelRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let cut = move || {
        data.with(|d| d.cut)
            .then(|| t_string!(i18n, chart_months_cut, count = super::MAX_MONTHS).to_string())
    };
    view! {
        <p class="secondary chart-note">{cut}</p>
        <div class="charts">
            <GrowthChart data />
            <FreshnessChart data />
            <ConversionChart rows />
        </div>
    }
}

/// A chart's frame: its title, a "table" toggle beside it, the chart or
/// the table, and the line that says what a tapped bar holds.
#[component]
fn ChartCard(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] text: Signal<String>,
    readout: RwSignal<Option<String>>,
    #[prop(into)] table: ViewFn,
    #[prop(optional, into)] legend: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let as_table = RwSignal::new(false);
    let heading = format!("{testid}-title");
    let labelled_by = heading.clone();
    view! {
        <figure class="chart" data-testid=testid aria-labelledby=labelled_by>
            <div class="chart-head">
                <h2 id=heading>{title}</h2>
                <button
                    class="button ghost chart-toggle"
                    data-testid=format!("{testid}-toggle")
                    aria-pressed=move || as_table.get().to_string()
                    on:click=move |_| as_table.update(|t| *t = !*t)
                >
                    {move || if as_table.get() {
                        t_string!(i18n, chart_show_chart).to_string()
                    } else {
                        t_string!(i18n, chart_show_table).to_string()
                    }}
                </button>
            </div>
            <p class="secondary chart-text">{text}</p>
            {move || if as_table.get() {
                view! { <div class="table-wrap chart-table" data-testid=format!("{testid}-table")>{table.run()}</div> }.into_any()
            } else {
                view! {
                    <div class="chart-body">{children()}</div>
                    {legend.run()}
                    <p class="chart-readout" aria-live="polite" data-testid=format!("{testid}-readout")>
                        {move || readout.get().unwrap_or_else(|| t_string!(i18n, chart_hint).to_string())}
                    </p>
                }.into_any()
            }}
        </figure>
    }
}

/// One bar of a stacked chart: a month, its parts by series, and the
/// sentence read out for it.
#[derive(Clone, Debug, PartialEq)]
struct Stack {
    month: YearMonth,
    /// The month's short name under the bar.
    short: String,
    /// `(series, value, title)` from the bottom up.
    parts: Vec<(usize, usize, String)>,
    total: usize,
    summary: String,
}

/// A round number at or above `max` for the top of the scale: 1, 2 or 5
/// times a power of ten.
fn scale_top(max: usize) -> usize {
    let mut power = 1usize;
    loop {
        for step in [1, 2, 5] {
            if step * power >= max {
                return step * power;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// Vertical stacked bars, one per month. `classes` colours each series.
fn stacked_bars(
    stacks: Vec<Stack>,
    classes: Vec<String>,
    readout: RwSignal<Option<String>>,
) -> impl IntoView {
    let top = scale_top(stacks.iter().map(|s| s.total).max().unwrap_or(0).max(1));
    let y = move |value: usize| PLOT_TOP + PLOT_HEIGHT * (1.0 - value as f64 / top as f64);
    let n = stacks.len().max(1) as f64;
    let slot = (100.0 - GUTTER) / n;
    let at = move |slots: f64| format!("{:.3}%", GUTTER + slots * slot);
    let every_month = stacks.len() <= 12;
    let mut grid = vec![0, top];
    if top.is_multiple_of(2) {
        grid.insert(1, top / 2);
    }
    let lines = grid
        .iter()
        .map(|&value| view! { <line class="grid" x1=format!("{GUTTER}%") x2="100%" y1=y(value) y2=y(value) /> })
        .collect_view();
    let values = grid
        .into_iter()
        .map(|value| {
            view! { <text class="axis value" x="0" y=y(value) + 4.0 aria-hidden="true">{value}</text> }
        })
        .collect_view();
    let bars = stacks
        .into_iter()
        .enumerate()
        .map(|(i, stack)| {
            let x = at(i as f64 + 0.15);
            let width = format!("{:.3}%", 0.7 * slot);
            let mut base = 0;
            let segments = stack
                .parts
                .iter()
                .filter(|(_, value, _)| *value > 0)
                .map(|(series, value, title)| {
                    let (bottom, top) = (y(base), y(base + value));
                    base += value;
                    view! {
                        <rect class=format!("segment {}", classes[*series]) x=x.clone() width=width.clone()
                            y=top height=bottom - top>
                            <title>{title.clone()}</title>
                        </rect>
                    }
                })
                .collect_view();
            let center = at(i as f64 + 0.5);
            let month = stack.month;
            let labelled = every_month || matches!(month.month(), 1 | 4 | 7 | 10);
            let show_year = i == 0 || month.month() == 1;
            // Left out on a phone; January and the first month keep theirs for the year under them.
            let minor = every_month && i % 2 == 1 && !show_year;
            let summary = stack.summary.clone();
            let told = summary.clone();
            let tapped = summary.clone();
            let label = summary.clone();
            let short = stack.short.clone();
            view! {
                <g class="bar" tabindex="0" role="img" aria-label=label
                    data-month=month.to_string() data-total=stack.total
                    on:focus=move |_| readout.set(Some(told.clone()))
                    on:click=move |_| readout.set(Some(tapped.clone()))>
                    <title>{summary}</title>
                    <rect class="hit" x=at(i as f64) width=format!("{slot:.3}%")
                        y=PLOT_TOP - 6.0 height=PLOT_HEIGHT + 6.0 />
                    {segments}
                </g>
                {labelled.then(|| view! {
                    <text class="axis" class:minor=minor x=center.clone() y=PLOT_TOP + PLOT_HEIGHT + 16.0 text-anchor="middle" aria-hidden="true">
                        {short}
                    </text>
                })}
                {(labelled && show_year).then(|| view! {
                    <text class="axis year" x=center y=PLOT_TOP + PLOT_HEIGHT + 30.0 text-anchor="middle" aria-hidden="true">
                        {month.year()}
                    </text>
                })}
            }
        })
        .collect_view();
    view! {
        <svg class="plot stacked" width="100%" height=PLOT_TOP + PLOT_HEIGHT + 36.0>
            {lines}
            {bars}
            {values}
        </svg>
    }
}

/// Records added each month, stacked by channel.
#[component]
fn GrowthChart(data: Memo<ChartData>) -> impl IntoView {
    let i18n = use_i18n();
    let readout = RwSignal::new(None::<String>);
    // The channels with a colour of their own, then "others".
    let series = Memo::new(move |_| {
        data.with(|d| {
            let names: Vec<String> = d
                .growth
                .first()
                .map(|(_, s)| s.iter().map(|(name, _)| name.clone()).collect())
                .unwrap_or_default();
            let named = if names.len() <= NAMED_SERIES + 1 {
                names.len()
            } else {
                NAMED_SERIES
            };
            (names, named)
        })
    });
    let legend_names = move || {
        let (names, named) = series.get();
        let mut shown: Vec<(String, String)> = names[..named]
            .iter()
            .enumerate()
            .map(|(i, name)| (channel_name(i18n, name), format!("series-{i}")))
            .collect();
        if names.len() > named {
            shown.push((
                t_string!(i18n, chart_others).to_string(),
                "series-rest".into(),
            ));
        }
        shown
    };
    // Per month: the named channels' counts, then the others' sum.
    let columns = move || {
        let (_, named) = series.get();
        data.with(|d| {
            d.growth
                .iter()
                .map(|(month, counts)| {
                    let mut values: Vec<usize> = counts[..named].iter().map(|(_, n)| *n).collect();
                    if counts.len() > named {
                        values.push(counts[named..].iter().map(|(_, n)| n).sum());
                    }
                    (*month, values)
                })
                .collect::<Vec<_>>()
        })
    };
    let chart = move || {
        let locale = i18n.get_locale();
        let names = legend_names();
        let stacks: Vec<Stack> = columns()
            .into_iter()
            .map(|(month, values)| {
                let total = values.iter().sum();
                let label = month_label(i18n, month);
                let parts: Vec<(usize, usize, String)> = values
                    .iter()
                    .enumerate()
                    .map(|(s, &value)| {
                        let title =
                            format!("{label}, {}: {}", names[s].0, format::count(locale, value));
                        (s, value, title)
                    })
                    .collect();
                let listed: Vec<String> = values
                    .iter()
                    .enumerate()
                    .filter(|(_, &v)| v > 0)
                    .map(|(s, &v)| format!("{} — {}", names[s].0, format::count(locale, v)))
                    .collect();
                let summary = t_string!(
                    i18n,
                    chart_bar_summary,
                    month = label.clone(),
                    parts = listed.join(", "),
                    total = format::count(locale, total)
                )
                .to_string();
                let short = month_short(i18n, month.month());
                Stack {
                    month,
                    short,
                    parts,
                    total,
                    summary,
                }
            })
            .collect();
        if stacks.iter().all(|s| s.total == 0) {
            return view! { <p class="secondary chart-empty">{t!(i18n, chart_no_data)}</p> }
                .into_any();
        }
        let classes = names.into_iter().map(|(_, class)| class).collect();
        stacked_bars(stacks, classes, readout).into_any()
    };
    let table = move || {
        let locale = i18n.get_locale();
        let names = legend_names();
        let rows = columns()
            .into_iter()
            .map(|(month, values)| {
                let total: usize = values.iter().sum();
                view! {
                    <tr data-month=month.to_string()>
                        <th scope="row">{month_label(i18n, month)}</th>
                        {values.iter().enumerate().map(|(s, &v)| view! {
                            <td class="num" data-series=s data-value=v>{format::count(locale, v)}</td>
                        }).collect_view()}
                        <td class="num total" data-value=total>{format::count(locale, total)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, chart_month)}</th>
                        {names.into_iter().map(|(name, _)| view! { <th scope="col" class="num">{name}</th> }).collect_view()}
                        <th scope="col" class="num">{t!(i18n, chart_total)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    let legend = move || legend(legend_names());
    view! {
        <ChartCard
            testid="chart-growth"
            title=Signal::derive(move || t_string!(i18n, chart_growth).to_string())
            text=Signal::derive(move || t_string!(i18n, chart_growth_text).to_string())
            readout
            table
            legend
        >
            {chart}
        </ChartCard>
    }
}

/// A legend in words beside each colour, so no series is told by colour alone.
fn legend(entries: Vec<(String, String)>) -> impl IntoView {
    view! {
        <ul class="legend">
            {entries.into_iter().map(|(name, class)| view! {
                <li>
                    <span class=format!("swatch {class}") aria-hidden="true"></span>
                    <span class="bidi">{name}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Fresh, due, stale and never-confirmed records at each month's end.
#[component]
fn FreshnessChart(data: Memo<ChartData>) -> impl IntoView {
    let i18n = use_i18n();
    let readout = RwSignal::new(None::<String>);
    let names = move || -> Vec<(String, String)> {
        Freshness::ALL
            .into_iter()
            .map(|f| (labels::freshness(i18n, f), format!("mix-{}", f.key())))
            .collect()
    };
    let chart = move || {
        let locale = i18n.get_locale();
        let names = names();
        let stacks: Vec<Stack> = data.with(|d| {
            d.mix
                .iter()
                .map(|(month, mix)| {
                    let label = month_label(i18n, *month);
                    let total = mix.iter().sum();
                    let parts = mix
                        .iter()
                        .enumerate()
                        .map(|(s, &v)| {
                            (
                                s,
                                v,
                                format!("{label}, {}: {}", names[s].0, format::count(locale, v)),
                            )
                        })
                        .collect();
                    let listed: Vec<String> = mix
                        .iter()
                        .enumerate()
                        .map(|(s, &v)| format!("{} — {}", names[s].0, format::count(locale, v)))
                        .collect();
                    let summary = t_string!(
                        i18n,
                        chart_bar_summary,
                        month = label.clone(),
                        parts = listed.join(", "),
                        total = format::count(locale, total)
                    )
                    .to_string();
                    let short = month_short(i18n, month.month());
                    Stack {
                        month: *month,
                        short,
                        parts,
                        total,
                        summary,
                    }
                })
                .collect()
        });
        if stacks.iter().all(|s| s.total == 0) {
            return view! { <p class="secondary chart-empty">{t!(i18n, chart_no_data)}</p> }
                .into_any();
        }
        let classes = names.into_iter().map(|(_, class)| class).collect();
        stacked_bars(stacks, classes, readout).into_any()
    };
    let table = move || {
        let locale = i18n.get_locale();
        let rows = data.with(|d| {
            d.mix
                .iter()
                .map(|(month, mix)| {
                    let total: usize = mix.iter().sum();
                    view! {
                        <tr data-month=month.to_string()>
                            <th scope="row">{month_label(i18n, *month)}</th>
                            {Freshness::ALL.into_iter().zip(mix).map(|(f, &v)| view! {
                                <td class="num" data-series=f.key() data-value=v>{format::count(locale, v)}</td>
                            }).collect_view()}
                            <td class="num total" data-value=total>{format::count(locale, total)}</td>
                        </tr>
                    }
                })
                .collect_view()
        });
        view! {
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, chart_month)}</th>
                        {names().into_iter().map(|(name, _)| view! { <th scope="col" class="num">{name}</th> }).collect_view()}
                        <th scope="col" class="num">{t!(i18n, chart_total)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    let legend = move || legend(names());
    view! {
        <ChartCard
            testid="chart-freshness"
            title=Signal::derive(move || t_string!(i18n, chart_freshness).to_string())
            text=Signal::derive(move || t_string!(i18n, chart_freshness_text).to_string())
            readout
            table
            legend
        >
            {chart}
        </ChartCard>
    }
}

/// A name short enough for its line in the chart.
fn cut_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(NAME_CHARS - 1).collect();
    short.push('…');
    short
}

/// The share of records added in the period that became clients, one
/// horizontal bar per channel, on a scale of 0 to 100 %.
#[component]
fn ConversionChart(rows: Memo<Vec<ChannelRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let readout = RwSignal::new(None::<String>);
    // The largest channels, best converting first.
    let bars = Memo::new(move |_| {
        let mut bars: Vec<ChannelRow> = rows.with(|rows| {
            let mut by_size: Vec<&ChannelRow> = rows.iter().filter(|r| r.added > 0).collect();
            by_size.sort_by_key(|row| std::cmp::Reverse(row.added));
            by_size.into_iter().take(MAX_BARS).cloned().collect()
        });
        bars.sort_by(|a, b| b.conversion.cmp_value(&a.conversion));
        bars
    });
    let cut = move || {
        let shown = bars.with(Vec::len);
        let all = rows.with(|rows| rows.iter().filter(|r| r.added > 0).count());
        (all > shown).then(|| {
            let text = t_string!(i18n, chart_conversion_cut, count = shown).to_string();
            view! { <p class="secondary chart-note">{text}</p> }
        })
    };
    let detail = move |row: &ChannelRow, locale: Locale| {
        let of = t_string!(
            i18n,
            channels_of,
            part = format::count(locale, row.became_clients),
            whole = format::count(locale, row.added)
        )
        .to_string();
        (percent(locale, row.conversion.per_mille()), of)
    };
    let chart = move || {
        let locale = i18n.get_locale();
        let bars = bars.get();
        if bars.is_empty() {
            return view! { <p class="secondary chart-empty">{t!(i18n, chart_no_added)}</p> }
                .into_any();
        }
        let height = bars.len() as f64 * BAR_ROW;
        let drawn = bars
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let name = channel_name(i18n, &row.channel);
                let (share, of) = detail(row, locale);
                let summary = format!("{name}: {share} ({of})");
                let told = summary.clone();
                let tapped = summary.clone();
                let label = summary.clone();
                let top = i as f64 * BAR_ROW;
                let width = row.conversion.as_f64().unwrap_or(0.0) * 100.0;
                view! {
                    <g class="bar" tabindex="0" role="img" aria-label=label
                        data-channel=row.channel.clone() data-part=row.became_clients data-whole=row.added
                        on:focus=move |_| readout.set(Some(told.clone()))
                        on:click=move |_| readout.set(Some(tapped.clone()))>
                        <title>{summary}</title>
                        <rect class="hit" x="0" width="100%" y=top height=BAR_ROW />
                        <text class="bar-name" x="0" y=top + 15.0>{cut_name(&name)}</text>
                        <text class="bar-value" x="100%" y=top + 15.0 text-anchor="end">{share}</text>
                        <rect class="track" x="0" width="100%" y=top + 22.0 height="14" rx="3" />
                        <rect class="series-0" x="0" width=format!("{width:.3}%") y=top + 22.0 height="14" rx="3" />
                    </g>
                }
            })
            .collect_view();
        view! { <svg class="plot conversion" width="100%" height=height>{drawn}</svg> }.into_any()
    };
    let table = move || {
        let locale = i18n.get_locale();
        let body = bars
            .get()
            .iter()
            .map(|row| {
                let (share, _) = detail(row, locale);
                view! {
                    <tr data-channel=row.channel.clone()>
                        <th scope="row" class="bidi">{channel_name(i18n, &row.channel)}</th>
                        <td class="num" data-col="added" data-value=row.added>{format::count(locale, row.added)}</td>
                        <td class="num" data-col="clients" data-value=row.became_clients>{format::count(locale, row.became_clients)}</td>
                        <td class="num" data-col="conversion">{share}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, channels_col_channel)}</th>
                        <th scope="col" class="num">{t!(i18n, channels_col_added)}</th>
                        <th scope="col" class="num">{t!(i18n, channels_col_clients)}</th>
                        <th scope="col" class="num">{t!(i18n, channels_col_conversion)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    view! {
        <ChartCard
            testid="chart-conversion"
            title=Signal::derive(move || t_string!(i18n, chart_conversion).to_string())
            text=Signal::derive(move || t_string!(i18n, chart_conversion_text).to_string())
            readout
            table
            legend=cut
        >
            {chart}
        </ChartCard>
    }
}
