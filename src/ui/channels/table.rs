//! The report table: one row per channel, every column sortable from its
//! header.

use kartoteka_core::analytics::{sort_rows, ChannelColumn, ChannelRow, Ratio};
use kartoteka_core::money::{format_money, Money};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use super::{channel_name, percent};
use crate::i18n::*;
use crate::ui::deals::lang;
use crate::ui::format;

/// The column the table is sorted by, and which way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: ChannelColumn,
    pub descending: bool,
}

impl Default for Sort {
    /// The report's own order: the channels that brought most first.
    fn default() -> Self {
        Sort {
            column: ChannelColumn::Added,
            descending: true,
        }
    }
}

impl Sort {
    pub fn apply(&self, rows: &mut [ChannelRow]) {
        sort_rows(rows, self.column.clone(), self.descending);
    }

    /// A second click on the same header turns the order round; a new
    /// column starts with the largest values, names from A.
    fn click(&mut self, column: ChannelColumn) {
        if self.column == column {
            self.descending = !self.descending;
        } else {
            self.descending = column != ChannelColumn::Channel;
            self.column = column;
        }
    }
}

/// The stable name of a column, for tests and the CSS.
fn key(column: &ChannelColumn) -> String {
    match column {
        ChannelColumn::Channel => "channel".into(),
        ChannelColumn::Added => "added".into(),
        ChannelColumn::BecameClients => "clients".into(),
        ChannelColumn::Conversion => "conversion".into(),
        ChannelColumn::MedianDaysToClient => "days_to_client".into(),
        ChannelColumn::Revenue(code) => format!("revenue_{code}"),
        ChannelColumn::Live => "live".into(),
        ChannelColumn::Stale => "stale".into(),
        ChannelColumn::StaleShare => "stale_share".into(),
        ChannelColumn::Outcomes => "outcomes".into(),
        ChannelColumn::FoundWrong => "found_wrong".into(),
        ChannelColumn::FoundWrongShare => "found_wrong_share".into(),
        ChannelColumn::MedianAgeWhenFound => "age_when_found".into(),
    }
}

fn header(i18n: I18nContext<Locale>, column: &ChannelColumn) -> String {
    match column {
        ChannelColumn::Channel => t_string!(i18n, channels_col_channel).to_string(),
        ChannelColumn::Added => t_string!(i18n, channels_col_added).to_string(),
        ChannelColumn::BecameClients => t_string!(i18n, channels_col_clients).to_string(),
        ChannelColumn::Conversion => t_string!(i18n, channels_col_conversion).to_string(),
        ChannelColumn::MedianDaysToClient => t_string!(i18n, channels_col_days).to_string(),
        ChannelColumn::Revenue(code) => {
            t_string!(i18n, channels_col_revenue, currency = code.clone()).to_string()
        }
        ChannelColumn::StaleShare => t_string!(i18n, channels_col_stale).to_string(),
        ChannelColumn::FoundWrongShare => t_string!(i18n, channels_col_wrong).to_string(),
        ChannelColumn::MedianAgeWhenFound => t_string!(i18n, channels_col_age).to_string(),
        // Not shown as columns of their own: they are the "N of M" under a share.
        ChannelColumn::Live
        | ChannelColumn::Stale
        | ChannelColumn::Outcomes
        | ChannelColumn::FoundWrong => String::new(),
    }
}

/// The columns shown: revenue in roubles always, as the CSV has it, and
/// in every other currency something was paid in.
fn columns(rows: &[ChannelRow]) -> Vec<ChannelColumn> {
    let mut currencies: Vec<String> = rows
        .iter()
        .flat_map(|row| row.revenue.iter().map(|money| money.currency))
        .filter(|code| code != "RUB")
        .collect();
    currencies.sort();
    currencies.dedup();
    let mut columns = vec![
        ChannelColumn::Channel,
        ChannelColumn::Added,
        ChannelColumn::BecameClients,
        ChannelColumn::Conversion,
        ChannelColumn::MedianDaysToClient,
        ChannelColumn::Revenue("RUB".into()),
    ];
    columns.extend(currencies.into_iter().map(ChannelColumn::Revenue));
    columns.extend([
        ChannelColumn::StaleShare,
        ChannelColumn::FoundWrongShare,
        ChannelColumn::MedianAgeWhenFound,
    ]);
    columns
}

#[component]
pub fn ReportTable(rows: Memo<Vec<ChannelRow>>, sort: RwSignal<Sort>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Memo::new(move |_| rows.with(|rows| columns(rows)));
    let head = move || {
        shown
            .get()
            .into_iter()
            .map(|column| {
                let testid = format!("sort-{}", key(&column));
                let col = key(&column);
                let clicked = column.clone();
                let this = column.clone();
                let order = move || {
                    sort.with(|s| match (s.column == this, s.descending) {
                        (false, _) => "none",
                        (true, true) => "descending",
                        (true, false) => "ascending",
                    })
                };
                let order = Signal::derive(order);
                let mark = move || match order.get() {
                    "descending" => "▼",
                    "ascending" => "▲",
                    _ => "",
                };
                let label = header(i18n, &column);
                view! {
                    <th scope="col" data-col=col aria-sort=order>
                        <button
                            class="sort"
                            data-testid=testid
                            on:click=move |_| sort.update(|s| s.click(clicked.clone()))
                        >
                            <span>{label}</span>
                            <span class="sort-mark" aria-hidden="true">{mark}</span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let locale = i18n.get_locale();
        let columns = shown.get();
        rows.get()
            .into_iter()
            .map(|row| {
                let cells = columns
                    .iter()
                    .map(|column| cell(i18n, locale, &row, column))
                    .collect_view();
                view! {
                    <tr data-testid="channel-row" data-channel=row.channel.clone()>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap report">
            <table data-testid="channels-table">
                <caption class="visually-hidden">{t!(i18n, channels_table_caption)}</caption>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One cell: the figure as the language writes it, and its raw value in
/// `data-value` (shares as `data-part` of `data-whole`), which the
/// end-to-end tests compare with what they count themselves.
fn cell(
    i18n: I18nContext<Locale>,
    locale: Locale,
    row: &ChannelRow,
    column: &ChannelColumn,
) -> AnyView {
    let col = key(column);
    let count = |n: usize| {
        let text = format::count(locale, n);
        view! { <td class="num" data-col=col.clone() data-value=n>{text}</td> }.into_any()
    };
    let days = |days: Option<u32>| {
        let text = days.map_or_else(|| "—".to_owned(), |d| format::count(locale, d as usize));
        let value = days.map(|d| d.to_string()).unwrap_or_default();
        view! { <td class="num" data-col=col.clone() data-value=value>{text}</td> }.into_any()
    };
    let share = |ratio: Ratio, with_parts: bool| {
        let text = percent(locale, ratio.per_mille());
        let parts = (with_parts && ratio.is_defined()).then(|| {
            t_string!(
                i18n,
                channels_of,
                part = format::count(locale, ratio.numerator as usize),
                whole = format::count(locale, ratio.denominator as usize)
            )
            .to_string()
        });
        view! {
            <td class="num" data-col=col.clone() data-part=ratio.numerator data-whole=ratio.denominator>
                <span class="share">{text}</span>
                {parts.map(|p| view! { <span class="of">{p}</span> })}
            </td>
        }
        .into_any()
    };
    match column {
        ChannelColumn::Channel => {
            let name = channel_name(i18n, &row.channel);
            view! {
                <th scope="row" class="channel-name bidi" class:no-source=row.channel.is_empty() data-col=col>
                    {name}
                </th>
            }
            .into_any()
        }
        ChannelColumn::Added => count(row.added),
        ChannelColumn::BecameClients => count(row.became_clients),
        ChannelColumn::Conversion => share(row.conversion, false),
        ChannelColumn::MedianDaysToClient => days(row.median_days_to_client),
        ChannelColumn::Revenue(code) => {
            let minor = (!row.revenue_overflow)
                .then(|| row.revenue.get(code))
                .flatten();
            let text = minor.map_or_else(
                || "—".to_owned(),
                |minor| {
                    let money = Money {
                        minor,
                        currency: code.clone(),
                    };
                    format_money(&money, lang(locale))
                },
            );
            let value = minor.map(|m| m.to_string()).unwrap_or_default();
            view! { <td class="num money" data-col=col data-value=value>{text}</td> }.into_any()
        }
        ChannelColumn::Live => count(row.live),
        ChannelColumn::Stale => count(row.stale),
        ChannelColumn::StaleShare => share(row.stale_share, true),
        ChannelColumn::Outcomes => count(row.outcomes),
        ChannelColumn::FoundWrong => count(row.found_wrong),
        ChannelColumn::FoundWrongShare => share(row.found_wrong_share, true),
        ChannelColumn::MedianAgeWhenFound => days(row.median_age_days_when_found),
    }
}
