//! Messages about saving and storage, in the user's language.

use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{use_app, Notice};
use crate::storage::StorageError;
use leptos_i18n::I18nContext;

/// A storage error as a sentence that says what to do.
pub fn storage_message(i18n: I18nContext<Locale>, error: &StorageError) -> String {
    match error {
        StorageError::Unavailable(reason) => {
            t_string!(i18n, storage_unavailable, reason = reason.clone()).to_string()
        }
        StorageError::QuotaExceeded => t_string!(i18n, storage_quota).to_string(),
        StorageError::Failed(reason) => {
            t_string!(i18n, storage_failed, reason = reason.clone()).to_string()
        }
        StorageError::Corrupt { chunk, .. } => {
            t_string!(i18n, storage_damaged, chunk = *chunk).to_string()
        }
        StorageError::TooNew(_) => t_string!(i18n, storage_too_new).to_string(),
        StorageError::Superseded => t_string!(i18n, storage_superseded).to_string(),
        StorageError::Conflict(_) => t_string!(i18n, storage_conflict).to_string(),
    }
}

/// The toast at the bottom; it fades after a few seconds, errors stay
/// until dismissed.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    Effect::new(move |_| {
        if let Some(notice) = state.notice.get() {
            if !matches!(notice, Notice::Error(_)) {
                gloo_timers::callback::Timeout::new(3_000, move || {
                    if state.notice.get_untracked().as_ref() == Some(&notice) {
                        state.notice.set(None);
                    }
                })
                .forget();
            }
        }
    });
    let text = move || {
        state.notice.get().map(|notice| match notice {
            Notice::Saved => t_string!(i18n, saved).to_string(),
            Notice::Deleted => t_string!(i18n, deleted).to_string(),
            Notice::Restored => t_string!(i18n, restored).to_string(),
            Notice::Erased => t_string!(i18n, erased).to_string(),
            Notice::Changed(count) => t_string!(i18n, changed, count = count).to_string(),
            Notice::SettingsSaved => t_string!(i18n, settings_saved).to_string(),
            Notice::Undone => t_string!(i18n, undone).to_string(),
            Notice::Merged => t_string!(i18n, merged).to_string(),
            Notice::Error(error) => storage_message(i18n, &error),
        })
    };
    let is_error = move || matches!(state.notice.get(), Some(Notice::Error(_)));
    view! {
        <Show when=move || state.notice.get().is_some()>
            <div class="notice" class:error=is_error role="status" data-testid="notice">
                <span>{text}</span>
                <button class="button ghost" on:click=move |_| state.notice.set(None)>
                    {t!(i18n, close)}
                </button>
            </div>
        </Show>
    }
}

/// Shown instead of the base when it cannot be opened at all.
#[component]
pub fn StorageProblem(error: StorageError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || storage_message(i18n, &error);
    view! { <div class="problem" role="alert" data-testid="storage-problem">{text}</div> }
}
