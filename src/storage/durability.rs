//! Whether the browser may clear the base under storage pressure, and how
//! much of the origin's quota it uses.
//!
//! Without persistent storage a browser may evict the whole origin when the
//! disk fills up, which for a base kept only here would lose everything.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

/// What the browser reports about this origin's storage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Durability {
    /// The browser promised not to evict the base.
    pub persistent: bool,
    /// Bytes used and bytes allowed, when the browser says.
    pub usage: Option<f64>,
    pub quota: Option<f64>,
}

fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers and some embedded views have no `navigator.storage`.
    js_sys::Reflect::has(&navigator, &"storage".into())
        .unwrap_or(false)
        .then(|| navigator.storage())
}

/// Asks the browser to keep the base even under storage pressure. Chromium
/// grants it without a prompt to sites used often or installed; Firefox
/// asks the user. Returns whether it is persistent now.
pub async fn request_persistence() -> bool {
    let Some(manager) = manager() else {
        return false;
    };
    let granted = match manager.persist() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    let granted = granted.and_then(|v| v.as_bool()).unwrap_or(false);
    super::log(&format!("persistent storage granted: {granted}"));
    granted
}

/// The current state, `None` where the browser reports nothing.
pub async fn durability() -> Option<Durability> {
    let manager = manager()?;
    let persistent = JsFuture::from(manager.persisted().ok()?)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let estimate: Option<StorageEstimate> = match manager.estimate() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            // A dictionary, not a class: there is nothing to check it against.
            .map(|v| v.unchecked_into()),
        Err(_) => None,
    };
    Some(Durability {
        persistent,
        usage: estimate.as_ref().and_then(StorageEstimate::get_usage),
        quota: estimate.as_ref().and_then(StorageEstimate::get_quota),
    })
}
