//! The words for the model's enums, in the current language.

use kartoteka_core::completeness::Item;
use kartoteka_core::queue::{outcome_of, OutcomeKind};
use kartoteka_core::requisites::RequisiteError;
use kartoteka_core::{
    Activity, ActivityKind, AddressKind, ContactKind, ContractStatus, EmailKind, Freshness,
    KindKey, MessengerKind, PhoneKind, Status,
};

use crate::ui::form::Requisite;

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

pub fn contact_kind(i18n: I18n, kind: ContactKind) -> String {
    match kind {
        ContactKind::Person => t_string!(i18n, kind_person),
        ContactKind::Company => t_string!(i18n, kind_company),
    }
    .to_string()
}

pub fn contract_status(i18n: I18n, status: ContractStatus) -> String {
    match status {
        ContractStatus::Draft => t_string!(i18n, contract_draft),
        ContractStatus::Active => t_string!(i18n, contract_active),
        ContractStatus::Closed => t_string!(i18n, contract_closed),
        ContractStatus::Cancelled => t_string!(i18n, contract_cancelled),
    }
    .to_string()
}

pub fn activity_kind(i18n: I18n, kind: ActivityKind) -> String {
    match kind {
        ActivityKind::Call => t_string!(i18n, activity_call),
        ActivityKind::Meeting => t_string!(i18n, activity_meeting),
        ActivityKind::Email => t_string!(i18n, activity_email),
        ActivityKind::Note => t_string!(i18n, activity_note),
    }
    .to_string()
}

pub fn completeness_item(i18n: I18n, item: Item) -> String {
    match item {
        Item::Surname => t_string!(i18n, field_surname),
        Item::Name => t_string!(i18n, field_name),
        Item::Patronymic => t_string!(i18n, field_patronymic),
        Item::CompanyName => t_string!(i18n, field_company_name),
        Item::Phone => t_string!(i18n, item_phone),
        Item::Email => t_string!(i18n, item_email),
        Item::Messenger => t_string!(i18n, item_messenger),
        Item::Address => t_string!(i18n, item_address),
        Item::Source => t_string!(i18n, field_source),
        Item::Requisites => t_string!(i18n, section_requisites),
    }
    .to_string()
}

pub fn requisite(i18n: I18n, field: Requisite) -> String {
    match field {
        Requisite::FullName => t_string!(i18n, req_full_name),
        Requisite::Inn => t_string!(i18n, field_inn),
        Requisite::Kpp => t_string!(i18n, field_kpp),
        Requisite::Ogrn => t_string!(i18n, req_ogrn),
        Requisite::LegalAddress => t_string!(i18n, req_legal_address),
        Requisite::PostalAddress => t_string!(i18n, req_postal_address),
        Requisite::Bank => t_string!(i18n, req_bank),
        Requisite::Bik => t_string!(i18n, req_bik),
        Requisite::CorrAccount => t_string!(i18n, req_corr_account),
        Requisite::Account => t_string!(i18n, req_account),
    }
    .to_string()
}

/// What is wrong with a requisite, said of that field.
pub fn requisite_error(i18n: I18n, field: Requisite, error: &RequisiteError) -> String {
    match error {
        RequisiteError::WrongLength { expected, found } => t_string!(
            i18n,
            req_error_length,
            expected = expected
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" / "),
            found = *found
        )
        .to_string(),
        RequisiteError::NotDigits => t_string!(i18n, req_error_digits).to_string(),
        RequisiteError::CheckDigit => t_string!(i18n, req_error_check).to_string(),
        RequisiteError::AccountKey => match field {
            Requisite::CorrAccount => t_string!(i18n, req_error_corr_key).to_string(),
            _ => t_string!(i18n, req_error_account_key).to_string(),
        },
        RequisiteError::BadKppFormat => t_string!(i18n, req_error_kpp).to_string(),
        RequisiteError::BikFormat | RequisiteError::InvalidBik => {
            t_string!(i18n, req_error_bik).to_string()
        }
    }
}

/// Why two records are taken for one ("тот же телефон").
pub fn match_reason(i18n: I18n, reason: kartoteka_core::MatchReason) -> String {
    use kartoteka_core::MatchReason;
    match reason {
        MatchReason::Phone => t_string!(i18n, match_phone),
        MatchReason::Email => t_string!(i18n, match_email),
        MatchReason::Inn => t_string!(i18n, match_inn),
        MatchReason::NameAndCompany => t_string!(i18n, match_name),
        MatchReason::CompanyName => t_string!(i18n, match_company),
    }
    .to_string()
}

/// The name of a field in the change history ("requisites.bik" → "БИК").
pub fn history_field(i18n: I18n, key: &str) -> String {
    let known = match key {
        "surname" => t_string!(i18n, field_surname),
        "name" => t_string!(i18n, field_name),
        "patronymic" => t_string!(i18n, field_patronymic),
        "company" => t_string!(i18n, field_company),
        "position" => t_string!(i18n, field_position),
        "phones" => t_string!(i18n, field_phones),
        "emails" => t_string!(i18n, field_emails),
        "messengers" => t_string!(i18n, field_messengers),
        "addresses" => t_string!(i18n, field_addresses),
        "source" => t_string!(i18n, field_source),
        "status" => t_string!(i18n, field_status),
        "tags" => t_string!(i18n, field_tags),
        "notes" => t_string!(i18n, field_notes),
        "contracts" => t_string!(i18n, contracts_title),
        "invoices" => t_string!(i18n, invoices_title),
        "confirmed_on" => t_string!(i18n, field_confirmed_on),
        "inn" => t_string!(i18n, field_inn),
        "kpp" => t_string!(i18n, field_kpp),
        "responsible" => t_string!(i18n, field_responsible),
        "legal_form" => t_string!(i18n, field_legal_form),
        "industry" => t_string!(i18n, field_industry),
        "website" => t_string!(i18n, field_website),
        "birthday" => t_string!(i18n, field_birthday),
        "consent.given" => t_string!(i18n, field_consent_given),
        "consent.on" => t_string!(i18n, field_consent_on),
        "consent.purpose" => t_string!(i18n, field_consent_purpose),
        "added_on" => t_string!(i18n, field_added_on),
        "kind" => t_string!(i18n, field_kind),
        "extra" => t_string!(i18n, field_extra),
        "requisites.full_name" => t_string!(i18n, req_full_name),
        "requisites.ogrn" => t_string!(i18n, req_ogrn),
        "requisites.legal_address" => t_string!(i18n, req_legal_address),
        "requisites.postal_address" => t_string!(i18n, req_postal_address),
        "requisites.bank" => t_string!(i18n, req_bank),
        "requisites.bik" => t_string!(i18n, req_bik),
        "requisites.corr_account" => t_string!(i18n, req_corr_account),
        "requisites.account" => t_string!(i18n, req_account),
        "billing.payment_terms" => t_string!(i18n, field_payment_terms),
        "billing.edo_operator" => t_string!(i18n, field_edo),
        "billing.signer" => t_string!(i18n, field_signer),
        _ => "",
    };
    if known.is_empty() {
        // Custom fields and anything newer than this table show their key.
        key.trim_start_matches("custom.").to_owned()
    } else {
        known.to_string()
    }
}

/// An activity's outcome as the user reads it: the queue's outcomes are
/// stored as stable keys and shown in the current language.
pub fn activity_outcome(i18n: I18n, activity: &Activity) -> String {
    match outcome_of(activity) {
        Some(OutcomeKind::ConfirmedUnchanged) => t_string!(i18n, outcome_confirmed).to_string(),
        Some(OutcomeKind::ConfirmedWithChanges) => t_string!(i18n, outcome_changed).to_string(),
        Some(OutcomeKind::NoAnswer) => t_string!(i18n, outcome_no_answer).to_string(),
        Some(OutcomeKind::WrongNumber) => t_string!(i18n, outcome_wrong_number).to_string(),
        Some(OutcomeKind::NotRelevant) => t_string!(i18n, outcome_not_relevant).to_string(),
        None => activity.outcome.clone(),
    }
}

/// A value in the change history as the user reads it: statuses and kinds
/// are stored as stable keys.
pub fn history_value(i18n: I18n, field: &str, value: &str) -> String {
    match field {
        "status" => Status::from_key(value).map_or_else(|| value.to_owned(), |s| status(i18n, s)),
        "kind" => {
            ContactKind::from_key(value).map_or_else(|| value.to_owned(), |k| contact_kind(i18n, k))
        }
        "consent.given" => match value {
            "true" => t_string!(i18n, yes).to_string(),
            "false" => t_string!(i18n, no).to_string(),
            other => other.to_owned(),
        },
        _ => value.to_owned(),
    }
}

pub fn confirmed_how(i18n: I18n, how: kartoteka_core::ConfirmedHow) -> String {
    use kartoteka_core::ConfirmedHow;
    match how {
        ConfirmedHow::Call => t_string!(i18n, how_call),
        ConfirmedHow::Email => t_string!(i18n, how_email),
        ConfirmedHow::Meeting => t_string!(i18n, how_meeting),
        ConfirmedHow::Document => t_string!(i18n, how_document),
        ConfirmedHow::Other => t_string!(i18n, how_other),
    }
    .to_string()
}
