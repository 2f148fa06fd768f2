//! The words for the model's enums, in the current language.

use kartoteka_core::{AddressKind, EmailKind, Freshness, MessengerKind, PhoneKind, Status};

use crate::i18n::*;
use leptos_i18n::I18nContext;

type I18n = I18nContext<Locale>;

pub fn status(i18n: I18n, status: Status) -> String {
    match status {
        Status::Potential => t_string!(i18n, status_potential),
        Status::InWork => t_string!(i18n, status_in_work),
        Status::DoNotContact => t_string!(i18n, status_do_not_contact),
        Status::Client => t_string!(i18n, status_client),
        Status::Former => t_string!(i18n, status_former),
    }
    .to_string()
}

pub fn freshness(i18n: I18n, freshness: Freshness) -> String {
    match freshness {
        Freshness::Fresh => t_string!(i18n, fresh_fresh),
        Freshness::Due => t_string!(i18n, fresh_due),
        Freshness::Stale => t_string!(i18n, fresh_stale),
        Freshness::Never => t_string!(i18n, fresh_never),
    }
    .to_string()
}

pub fn phone_kind(i18n: I18n, kind: PhoneKind) -> String {
    match kind {
        PhoneKind::Mobile => t_string!(i18n, phone_mobile),
        PhoneKind::Work => t_string!(i18n, phone_work),
        PhoneKind::Home => t_string!(i18n, phone_home),
        PhoneKind::Fax => t_string!(i18n, phone_fax),
        PhoneKind::Other => t_string!(i18n, phone_other),
    }
    .to_string()
}

pub fn email_kind(i18n: I18n, kind: EmailKind) -> String {
    match kind {
        EmailKind::Work => t_string!(i18n, email_work),
        EmailKind::Personal => t_string!(i18n, email_personal),
        EmailKind::Other => t_string!(i18n, email_other),
    }
    .to_string()
}

pub fn messenger_kind(i18n: I18n, kind: MessengerKind) -> String {
    match kind {
        MessengerKind::Telegram => t_string!(i18n, messenger_telegram),
        MessengerKind::Whatsapp => t_string!(i18n, messenger_whatsapp),
        MessengerKind::Viber => t_string!(i18n, messenger_viber),
        MessengerKind::Skype => t_string!(i18n, messenger_skype),
        MessengerKind::Icq => t_string!(i18n, messenger_icq),
        MessengerKind::Vk => t_string!(i18n, messenger_vk),
        MessengerKind::Other => t_string!(i18n, messenger_other),
    }
    .to_string()
}

pub fn address_kind(i18n: I18n, kind: AddressKind) -> String {
    match kind {
        AddressKind::Work => t_string!(i18n, address_work),
        AddressKind::Home => t_string!(i18n, address_home),
        AddressKind::Legal => t_string!(i18n, address_legal),
        AddressKind::Postal => t_string!(i18n, address_postal),
        AddressKind::Other => t_string!(i18n, address_other),
    }
    .to_string()
}
