//! The vCard export beside the CSV one: the records shown, as a .vcf file
//! for a phone, Outlook or any address book.

use kartoteka_core::{export_vcard, VcardVersion};
use leptos::prelude::*;

use crate::i18n::*;
use crate::state::{log, use_app};
use crate::storage::SlotId;
use crate::ui::download::download;

#[component]
pub fn VcardExport(visible: Memo<Vec<SlotId>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app();
    // 3.0 first: phones and older Outlook read it, 4.0 is not read everywhere yet.
    let version = RwSignal::new(VcardVersion::V3);
    let export = move |_| {
        let bytes = visible.with_untracked(|slots| {
            state.with_base_untracked(|base| {
                export_vcard(
                    slots.iter().filter_map(|&s| base.get(s)),
                    version.get_untracked(),
                )
            })
        });
        let today = state.today.get_untracked();
        let name = format!("kartoteka-{}.vcf", today.format("%Y-%m-%d"));
        if let Err(error) = download(&bytes, &name, "text/vcard;charset=utf-8") {
            log(&format!("vCard export failed: {error}"));
        }
    };
    view! {
        <label class="visually-hidden" for="export-vcard-version">{t!(i18n, export_vcard_version)}</label>
        <select
            id="export-vcard-version"
            data-testid="export-vcard-version"
            on:change=move |ev| version.set(if event_target_value(&ev) == "4.0" { VcardVersion::V4 } else { VcardVersion::V3 })
            prop:value=move || version.get().number()
        >
            <option value="3.0">"vCard 3.0"</option>
            <option value="4.0">"vCard 4.0"</option>
        </select>
        <button class="button" data-testid="export-vcard" on:click=export>
            {t!(i18n, export_vcard)}
        </button>
    }
}
