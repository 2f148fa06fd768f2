//! While a phone, e-mail or ИНН is typed, says which stored record already
//! has it, with a link: the duplicate is caught before it is saved.

use kartoteka_core::{Contact, MatchIndex, Taken};
use leptos::prelude::*;

use crate::i18n::*;
use crate::route::Route;
use crate::state::use_app;
use crate::ui::form::Draft;
use crate::ui::labels;

#[component]
pub fn DuplicateHints(draft: RwSignal<Draft>, own_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // Built on the first value typed, not when the form opens: at 100,000
    // records the index takes a moment, and most edits touch no phone.
    let index = StoredValue::new_local(None::<MatchIndex>);
    let found = Memo::new(move |_| {
        let probe = draft.with(|d| Contact {
            phones: d.phones.clone(),
            emails: d.emails.clone(),
            inn: d.inn.clone(),
            ..Contact::default()
        });
        if probe.phones.iter().all(|p| p.value.trim().is_empty())
            && probe.emails.iter().all(|e| e.value.trim().is_empty())
            && probe.inn.trim().is_empty()
        {
            return Vec::new();
        }
        if index.with_value(Option::is_none) {
            let built = state.with_base_untracked(|b| {
                MatchIndex::new(
                    b.iter()
                        .map(|(_, c)| c)
                        .filter(|c| c.deleted_at.is_none() && c.id != own_id),
                )
            });
            index.set_value(Some(built));
        }
        index.with_value(|i| i.as_ref().map(|i| i.taken(&probe)).unwrap_or_default())
    });
    let hint = move |taken: Taken| {
        let name = state
            .with_base_untracked(|b| b.by_id(&taken.id).map(Contact::display_name))
            .unwrap_or_default();
        let what = labels::match_reason(i18n, taken.reason);
        view! {
            <li data-testid="duplicate-hint">
                {t!(i18n, duplicate_hint, what = what, value = taken.value.clone())}" "
                <a class="bidi" href=Route::Contact(taken.id.clone()).href() data-testid="duplicate-hint-link">{name}</a>
            </li>
        }
    };
    view! {
        <Show when=move || found.with(|f| !f.is_empty())>
            <ul class="problem hints" role="status">
                {move || found.get().into_iter().map(hint).collect_view()}
            </ul>
        </Show>
    }
}
