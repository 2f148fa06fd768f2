//! Reading the file a person chose in an `<input type="file">`.

use leptos::html;
use leptos::prelude::*;

/// The chosen file, if any, with the input emptied: choosing the same file
/// again must start over, and an input only reports a change of its value.
pub fn take_file(input: NodeRef<html::Input>) -> Option<web_sys::File> {
    let input = input.get_untracked()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// The file's bytes; `Err` when the browser cannot read it (a file removed
/// or changed after it was chosen).
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
