//! Stepping aside when a newer app upgrades the database in another tab.
//!
//! rexie does not expose the database's `versionchange` event, so a second,
//! plain connection listens for it. When it fires, both connections close at
//! once: an open connection would block the other tab's upgrade until this
//! one is reloaded.

use std::cell::RefCell;
use std::rc::Rc;

use rexie::Rexie;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::IdbDatabase;

type Callback = Rc<RefCell<Option<Box<dyn Fn()>>>>;

/// The listening connection.
pub struct Watch {
    db: IdbDatabase,
    on_superseded: Callback,
    _listener: Closure<dyn FnMut(JsValue)>,
}

impl Watch {
    /// Opens the listening connection to `name`, which `shared` is already
    /// connected to. `None` when it cannot be opened: the app then works as
    /// before, only without stepping aside for an upgrade.
    pub async fn open(name: &str, shared: Rc<RefCell<Option<Rexie>>>) -> Option<Watch> {
        let request = web_sys::window()?.indexed_db().ok()??.open(name).ok()?;
        let opened = js_sys::Promise::new(&mut |resolve, reject| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
        });
        if let Err(error) = wasm_bindgen_futures::JsFuture::from(opened).await {
            super::log(&format!(
                "no listener for newer versions of the app: {error:?}"
            ));
            return None;
        }
        let db: IdbDatabase = request.result().ok()?.dyn_into().ok()?;
        let on_superseded: Callback = Rc::default();
        let listener = {
            let db = db.clone();
            let on_superseded = Rc::clone(&on_superseded);
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                db.close();
                if let Some(rexie) = shared.borrow_mut().take() {
                    rexie.close();
                    super::log("the base was closed for a newer version of the app");
                }
                if let Some(callback) = on_superseded.borrow().as_ref() {
                    callback();
                }
            })
        };
        db.set_onversionchange(Some(listener.as_ref().unchecked_ref()));
        Some(Watch {
            db,
            on_superseded,
            _listener: listener,
        })
    }

    /// Sets what to do once the connections are closed.
    pub fn on_superseded(&self, callback: impl Fn() + 'static) {
        *self.on_superseded.borrow_mut() = Some(Box::new(callback));
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.db.set_onversionchange(None);
        self.db.close();
    }
}
