//! Screen state lives in the URL's hash (`#/contact/<id>`), not its path.
//!
//! The app is a static site that may be served from any sub-path of any
//! host; a path-based router would need the sub-path at build time and the
//! host's help on reload. The hash survives reloads everywhere.

use leptos::prelude::*;

/// What the main area shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    Contact(String),
    NewContact,
    /// A new person already linked to the company record with this id.
    NewPerson(String),
    Import,
    /// The recycle bin.
    Bin,
    /// The re-confirmation queue (the cold-call list).
    Queue,
    /// A new contact from a cold call, its source preset.
    NewCold,
    /// The channel report, its charts and the list of channels.
    Channels,
    /// Records of the base entered twice, and merging them.
    Duplicates,
    Settings,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or(""), parts.next()) {
            ("contact", Some(id)) if !id.is_empty() => Route::Contact(decode(id)),
            ("new", Some(rest)) if rest.starts_with("person/") && rest.len() > 7 => {
                Route::NewPerson(decode(&rest[7..]))
            }
            ("new", Some("cold")) => Route::NewCold,
            ("new", _) => Route::NewContact,
            ("bin", _) => Route::Bin,
            ("queue", _) => Route::Queue,
            ("channels", _) => Route::Channels,
            ("duplicates", _) => Route::Duplicates,
            ("import", _) => Route::Import,
            ("settings", _) => Route::Settings,
            _ => Route::List,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::List => "#/".into(),
            Route::Contact(id) => format!("#/contact/{}", encode(id)),
            Route::NewContact => "#/new".into(),
            Route::NewPerson(company) => format!("#/new/person/{}", encode(company)),
            Route::Bin => "#/bin".into(),
            Route::Queue => "#/queue".into(),
            Route::NewCold => "#/new/cold".into(),
            Route::Channels => "#/channels".into(),
            Route::Duplicates => "#/duplicates".into(),
            Route::Import => "#/import".into(),
            Route::Settings => "#/settings".into(),
        }
    }
}

fn encode(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

fn decode(id: &str) -> String {
    js_sys::decode_uri_component(id)
        .map(String::from)
        .unwrap_or_else(|_| id.to_owned())
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route as a signal that follows `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&current_hash()));
    });
    on_cleanup(move || handle.remove());
    route
}

/// Goes to a route, adding a history entry so Back returns.
pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}
