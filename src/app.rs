//! The shell: context, the top bar and which screen the hash asks for.

use leptos::prelude::*;

use crate::i18n::*;
use crate::route::{use_route, Route};
use crate::state::{local_today, AppState, Load};
use crate::ui::{
    BinScreen, ChannelsScreen, ContactPanel, DuplicatesScreen, ImportScreen, ListScreen, NoticeBar,
    QueueScreen, SettingsScreen, StorageProblem, SupersededPrompt,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Shell />
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    leptos::task::spawn_local(state.open());
    crate::ui::language::restore_language();

    // "Today" moves on when a tab is left open past midnight.
    let handle = window_event_listener(leptos::ev::focus, move |_| {
        let today = local_today();
        if state.today.get_untracked() != today {
            state.today.set(today);
        }
    });
    on_cleanup(move || handle.remove());

    let route = use_route();
    provide_context(route);
    provide_context(crate::ui::ListPrefs::load());
    view! {
        <TopBar route />
        <SupersededPrompt />
        <main class="main">
            {move || match state.load.get() {
                Load::Opening => view! { <Opening /> }.into_any(),
                Load::Failed(error) => view! { <StorageProblem error /> }.into_any(),
                Load::Ready => view! { <Screens route /> }.into_any(),
            }}
        </main>
        <NoticeBar />
        <crate::ui::UpdateBanner />
    }
}

#[component]
fn Opening() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="opening" data-testid="loading">{t!(i18n, loading)}</p> }
}

#[component]
fn TopBar(route: ReadSignal<Route>) -> impl IntoView {
    let i18n = use_i18n();
    let tab = move |target: Route, label: AnyView, testid: &'static str| {
        let href = target.href();
        // A record or a new-record form opens over the list, so the list's
        // tab stays lit for them; every other screen lights its own.
        let active = move || {
            let current = route.get();
            let over_list = matches!(
                current,
                Route::List
                    | Route::Contact(_)
                    | Route::NewContact
                    | Route::NewPerson(_)
                    | Route::NewCold
            );
            if target == Route::List {
                over_list
            } else {
                current == target
            }
        };
        view! {
            <a class="tab" class:active=active href=href data-testid=testid>
                {label}
            </a>
        }
    };
    view! {
        <header class="topbar">
            <a class="brand" href="#/">{t!(i18n, app_name)}</a>
            <nav class="tabs">
                {tab(Route::List, t!(i18n, nav_base).into_any(), "nav-base")}
                {tab(Route::Queue, t!(i18n, nav_queue).into_any(), "nav-queue")}
                {tab(Route::Channels, t!(i18n, nav_channels).into_any(), "nav-channels")}
                {tab(Route::Import, t!(i18n, nav_import).into_any(), "nav-import")}
                {tab(Route::Duplicates, t!(i18n, nav_duplicates).into_any(), "nav-duplicates")}
                {tab(Route::Bin, t!(i18n, nav_bin).into_any(), "nav-bin")}
                {tab(Route::Settings, t!(i18n, nav_settings).into_any(), "nav-settings")}
            </nav>
            <a class="button primary new" href=Route::NewContact.href() data-testid="new-contact">
                {t!(i18n, new_contact)}
            </a>
        </header>
    }
}

/// The list stays mounted under the record panel, so closing a record
/// returns to the same scroll position and search.
#[component]
fn Screens(route: ReadSignal<Route>) -> impl IntoView {
    let i18n = use_i18n();
    let panel = move || match route.get() {
        Route::Contact(id) => Some(view! { <ContactPanel id=Some(id) /> }.into_any()),
        Route::NewContact => Some(view! { <ContactPanel id=None /> }.into_any()),
        Route::NewPerson(company) => {
            Some(view! { <ContactPanel id=None company=company /> }.into_any())
        }
        Route::NewCold => Some(view! { <ContactPanel id=None cold_call=true /> }.into_any()),
        _ => None,
    };
    let screen = move || match route.get() {
        Route::Import => Some(view! { <ImportScreen /> }.into_any()),
        Route::Settings => Some(view! { <SettingsScreen /> }.into_any()),
        Route::Bin => Some(view! { <BinScreen /> }.into_any()),
        Route::Queue => Some(view! { <QueueScreen /> }.into_any()),
        Route::Channels => Some(view! { <ChannelsScreen /> }.into_any()),
        Route::Duplicates => Some(view! { <DuplicatesScreen /> }.into_any()),
        _ => None,
    };
    let on_list = move || {
        !matches!(
            route.get(),
            Route::Import
                | Route::Settings
                | Route::Bin
                | Route::Queue
                | Route::Channels
                | Route::Duplicates
        )
    };
    let has_panel = move || {
        matches!(
            route.get(),
            Route::Contact(_) | Route::NewContact | Route::NewPerson(_) | Route::NewCold
        )
    };
    let state = crate::state::use_app();
    let damaged = move || state.damaged.with(Vec::len);
    view! {
        <Show when=move || { damaged() > 0 }>
            <p class="problem banner" role="alert" data-testid="storage-damaged">
                {move || t!(i18n, storage_damaged_banner, count = damaged())}
            </p>
        </Show>
        <div class="workspace" class:with-panel=has_panel>
            <section class="list-area" class:hidden=move || !on_list()>
                <ListScreen />
            </section>
            {panel}
            {screen}
        </div>
    }
}
