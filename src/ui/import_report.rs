//! The import's result: counts that add up to the rows of the file, every
//! row that was not stored or was merged, with its reason, and a report to
//! download.

use std::rc::Rc;

use kartoteka_core::{CardProblem, Duplicate, DuplicateOutcome, RowIssue, RowIssueKind};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::*;
use crate::route::Route;
use crate::ui::download::download;
use crate::ui::import::Outcome;

pub fn issue_text(i18n: I18nContext<Locale>, issue: &RowIssue) -> String {
    let value = issue.value.clone();
    let column = issue.column.clone().unwrap_or_default();
    match issue.kind {
        RowIssueKind::EmptyRow => t_string!(i18n, issue_empty_row).to_string(),
        RowIssueKind::BadDate => {
            t_string!(i18n, issue_bad_date, value = value, column = column).to_string()
        }
        RowIssueKind::BadEmail => t_string!(i18n, issue_bad_email, value = value).to_string(),
        RowIssueKind::UnknownStatus => {
            t_string!(i18n, issue_unknown_status, value = value).to_string()
        }
        RowIssueKind::BadInn => t_string!(i18n, issue_bad_inn, value = value).to_string(),
        RowIssueKind::ExtraCells => {
            t_string!(i18n, issue_extra_cells, value = value, column = column).to_string()
        }
        RowIssueKind::BadPhone => {
            t_string!(i18n, issue_bad_phone, value = value, column = column).to_string()
        }
        RowIssueKind::LostLeadingZero => {
            t_string!(i18n, issue_lost_zero, value = value).to_string()
        }
        RowIssueKind::UnknownKind => {
            t_string!(i18n, issue_unknown_kind, value = value, column = column).to_string()
        }
        RowIssueKind::Erased => t_string!(i18n, issue_erased, value = value).to_string(),
        RowIssueKind::ScientificNotation => {
            t_string!(i18n, issue_scientific, value = value, column = column).to_string()
        }
        RowIssueKind::ExcelSerialDate => {
            let date = kartoteka_core::date::parse_excel_serial(&value)
                .map(|moment| kartoteka_core::format_date(moment.date()))
                .unwrap_or_default();
            t_string!(
                i18n,
                issue_serial_date,
                value = value,
                column = column,
                date = date
            )
            .to_string()
        }
        RowIssueKind::LostPlus => {
            t_string!(i18n, issue_lost_plus, value = value, column = column).to_string()
        }
        RowIssueKind::BadCard { card, problem } => match problem {
            CardProblem::Unterminated => {
                t_string!(i18n, issue_card_unterminated, card = card, value = value).to_string()
            }
            CardProblem::NotAProperty => {
                t_string!(i18n, issue_card_not_property, card = card, value = value).to_string()
            }
            CardProblem::OutsideCard if card == 0 => {
                t_string!(i18n, issue_card_before_first, value = value).to_string()
            }
            CardProblem::OutsideCard => {
                t_string!(i18n, issue_card_outside, card = card, value = value).to_string()
            }
            CardProblem::NothingIdentifies => {
                t_string!(i18n, issue_card_nameless, card = card).to_string()
            }
            _ => t_string!(i18n, issue_other, value = value).to_string(),
        },
        _ => t_string!(i18n, issue_other, value = value).to_string(),
    }
}

#[component]
pub fn Report(
    outcome: Rc<Outcome>,
    choose_again: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = |issues: &[RowIssue], testid: &'static str| {
        issues
            .iter()
            .map(|issue| {
                let row = issue.row;
                let text = issue_text(i18n, issue);
                view! {
                    <li data-testid=testid data-row=row.to_string()>
                        <b>{t!(i18n, import_row, row = row)}</b>": "{text}
                    </li>
                }
            })
            .collect_view()
    };
    let duplicates = outcome
        .duplicates
        .iter()
        .map(|d| {
            let row = d.row;
            let text = duplicate_text(i18n, d);
            view! {
                <li data-testid="import-duplicate-row" data-row=row.to_string()>
                    <b>{t!(i18n, import_row, row = row)}</b>": "{text}
                </li>
            }
        })
        .collect_view();
    let download_report = {
        let outcome = outcome.clone();
        move |_| {
            let mut csv = format!(
                "\u{feff}{};{}\r\n",
                t_string!(i18n, report_row),
                t_string!(i18n, report_reason)
            );
            let mut lines: Vec<(usize, String)> = outcome
                .skipped
                .iter()
                .chain(&outcome.warnings)
                .map(|issue| (issue.row, issue_text(i18n, issue)))
                .chain(
                    outcome
                        .duplicates
                        .iter()
                        .map(|d| (d.row, duplicate_text(i18n, d))),
                )
                .collect();
            lines.sort_by_key(|(row, _)| *row);
            for (row, text) in lines {
                csv.push_str(&format!("{row};\"{}\"\r\n", text.replace('"', "\"\"")));
            }
            let _ = download(
                csv.as_bytes(),
                "kartoteka-import-report.csv",
                "text/csv;charset=utf-8",
            );
        }
    };
    let has_issues = !outcome.skipped.is_empty()
        || !outcome.warnings.is_empty()
        || !outcome.duplicates.is_empty();
    let stored = outcome.stored_rows();
    let not_stored = outcome.rows - stored;
    let mut warned_rows: Vec<usize> = outcome.warnings.iter().map(|w| w.row).collect();
    warned_rows.dedup();
    let warned = warned_rows.len();
    let companies = outcome.companies;
    view! {
        <div
            class="report"
            data-testid="import-report"
            data-stored=stored.to_string()
            data-skipped=not_stored.to_string()
            data-added=outcome.added.to_string()
            data-updated=outcome.updated.to_string()
            data-duplicates=outcome.duplicates.len().to_string()
            data-companies=outcome.companies.to_string()
        >
            <h2>{t!(i18n, import_done)}</h2>
            <ul class="totals">
                <li data-testid="import-stored">{t!(i18n, import_stored, count = stored, added = outcome.added, updated = outcome.updated)}</li>
                <li data-testid="import-skipped">{t!(i18n, import_skipped, count = not_stored)}</li>
                {(outcome.companies > 0).then(|| view! {
                    <li data-testid="import-companies">{move || t_string!(i18n, import_companies, count = companies).to_string()}</li>
                })}
                <li>{t!(i18n, import_warnings, count = warned)}</li>
            </ul>
            <ul class="issues">{list(&outcome.skipped, "import-skipped-row")}</ul>
            <ul class="issues">{duplicates}</ul>
            <ul class="issues warnings">{list(&outcome.warnings, "import-warning-row")}</ul>
            <div class="actions">
                <a class="button primary" href=Route::List.href() data-testid="import-to-list">{t!(i18n, import_to_list)}</a>
                {has_issues.then(|| view! { <button class="button" on:click=download_report.clone()>{t!(i18n, import_download_report)}</button> })}
                <button class="button" on:click=choose_again>{t!(i18n, import_other_file)}</button>
            </div>
        </div>
    }
}

fn duplicate_text(i18n: I18nContext<Locale>, duplicate: &Duplicate) -> String {
    let reason = crate::ui::labels::match_reason(i18n, duplicate.reason);
    let what = match duplicate.earlier_row {
        Some(row) => t_string!(
            i18n,
            dup_of_row,
            row = row,
            reason = reason,
            name = duplicate.existing_name.clone()
        )
        .to_string(),
        None => t_string!(
            i18n,
            dup_of_base,
            reason = reason,
            name = duplicate.existing_name.clone()
        )
        .to_string(),
    };
    let done = match duplicate.outcome {
        DuplicateOutcome::Skipped => t_string!(i18n, dup_skipped),
        DuplicateOutcome::Merged => t_string!(i18n, dup_merged),
        DuplicateOutcome::AddedAnyway => t_string!(i18n, dup_added),
    };
    format!("{what} — {done}")
}
