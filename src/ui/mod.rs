//! The screens and widgets, one file each.

mod badge;
mod bin;
mod bulk;
mod channels;
mod contact;
mod custom_fields;
mod deals;
mod download;
mod editor;
mod form;
mod format;
mod import;
mod import_mapping;
mod import_preview;
mod import_report;
mod labels;
pub mod language;
mod list;
mod notice;
mod queue;
mod segments;
mod settings;
mod timeline;

pub use bin::BinScreen;
pub use channels::ChannelsScreen;
pub use contact::ContactPanel;
pub use import::ImportScreen;
pub use list::{ListPrefs, ListScreen};
pub use notice::{NoticeBar, StorageProblem};
pub use queue::QueueScreen;
pub use settings::SettingsScreen;
