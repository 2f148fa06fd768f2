//! The screens and widgets, one file each.

mod badge;
mod contact;
mod download;
mod form;
mod format;
mod import;
mod import_preview;
mod import_report;
mod labels;
pub mod language;
mod list;
mod notice;
mod settings;

pub use contact::ContactPanel;
pub use import::ImportScreen;
pub use list::ListScreen;
pub use notice::{NoticeBar, StorageProblem};
pub use settings::SettingsScreen;
