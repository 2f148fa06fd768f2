//! A wasm entry point for the benchmarks in `bench/`: the CSV reading step
//! of an import on its own, without mapping rows or touching storage.

use wasm_bindgen::prelude::wasm_bindgen;

/// Decodes `bytes`, finds the delimiter and reads the table, as an import
/// does before its preview; returns the number of data rows (0 when the
/// file cannot be read).
#[wasm_bindgen]
pub fn parse_csv_count(bytes: &[u8]) -> usize {
    let decoded = kartoteka_core::decode(bytes);
    let delimiter = kartoteka_core::sniff_delimiter(&decoded.text);
    kartoteka_core::read_table(&decoded.text, delimiter).map_or(0, |table| table.rows.len())
}
