//! The offer to reload when a newer build of the app is on the device.
//!
//! Release builds register `sw.js`, the service worker that keeps every file
//! of the app for offline use (assets/sw.js, filled in by
//! scripts/precache.mjs). A newer build's worker installs in the background
//! and waits: taking over by itself would reload the page under a half-typed
//! record. The banner lets the user pick the moment.
//!
//! Debug builds register nothing and remove the worker a release build may
//! have left on the same address, so `trunk serve` never answers from a
//! cache of an older build.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use crate::i18n::*;

/// What the worker is told to take over with; assets/sw.js listens for it.
const SKIP_WAITING: &str = "skip-waiting";

/// The banner above the screens; mounted once, for the page's whole life.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(false);
    let reloading = RwSignal::new(false);
    if let Some(container) = container() {
        leptos::task::spawn_local(async move {
            if cfg!(debug_assertions) {
                unregister(&container).await;
            } else {
                watch(&container, waiting).await;
            }
        });
    }
    let reload = move |_| {
        reloading.set(true);
        if let Some(container) = container() {
            leptos::task::spawn_local(async move { take_over(&container).await });
        }
    };
    view! {
        <Show when=move || waiting.get()>
            <div class="update" role="status" data-testid="update-banner">
                <span>{t!(i18n, update_available)}</span>
                <button
                    class="button primary"
                    data-testid="update-reload"
                    disabled=move || reloading.get()
                    on:click=reload
                >
                    {t!(i18n, update_reload)}
                </button>
            </div>
        </Show>
    }
}

/// The page's service workers, if the browser allows them here: they are
/// missing on plain-http addresses other than localhost.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker and raises `waiting` once a newer build is ready.
async fn watch(container: &ServiceWorkerContainer, waiting: RwSignal<bool>) {
    // Relative to the page, so the app works under any sub-path.
    let registration = match JsFuture::from(container.register("sw.js")).await {
        Ok(registration) => registration.unchecked_into::<ServiceWorkerRegistration>(),
        Err(error) => {
            // The app still works, only not offline; nothing for the user to do.
            web_sys::console::warn_2(&"service worker not registered:".into(), &error);
            return;
        }
    };
    // A worker that finished installing on an earlier visit.
    if registration.waiting().is_some() && container.controller().is_some() {
        waiting.set(true);
    }
    let found = {
        let registration = registration.clone();
        let container = container.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = registration.installing() else {
                return;
            };
            let container = container.clone();
            let watched = worker.clone();
            let changed = Closure::<dyn FnMut()>::new(move || {
                // The first worker on a device replaces nothing: it is
                // no update, and it takes over without a reload.
                if watched.state() == ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    waiting.set(true);
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            // Lives as long as the worker it listens to.
            changed.forget();
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    // The banner lives as long as the page; so does this listener.
    found.forget();
}

/// Lets the waiting worker take over and reloads once it controls the page.
async fn take_over(container: &ServiceWorkerContainer) {
    let reload = || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    let registration = JsFuture::from(container.get_registration())
        .await
        .ok()
        .and_then(|registration| registration.dyn_into::<ServiceWorkerRegistration>().ok());
    // Another tab may have let it take over already: then the page is
    // controlled by the new build and only needs its files.
    let Some(worker) = registration.and_then(|registration| registration.waiting()) else {
        reload();
        return;
    };
    let on_change = Closure::once_into_js(reload);
    container.set_oncontrollerchange(Some(on_change.unchecked_ref()));
    if worker
        .post_message(&JsValue::from_str(SKIP_WAITING))
        .is_err()
    {
        reload();
    }
}

/// Removes this page's worker, left by a release build on the same address.
async fn unregister(container: &ServiceWorkerContainer) {
    let Ok(registration) = JsFuture::from(container.get_registration()).await else {
        return;
    };
    if let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() {
        let _ = registration.unregister();
    }
}
