//! The repository against a real IndexedDB, in headless Chromium.

use kartoteka_core::{Contact, FreshnessPolicy, Phone, Threshold, ThresholdUnit};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use super::*;

wasm_bindgen_test_configure!(run_in_browser);

fn contact(id: &str, surname: &str) -> Contact {
    Contact {
        id: id.into(),
        rev: 1,
        surname: surname.into(),
        phones: vec![Phone {
            value: "8 900 000-00-01".into(),
            ..Phone::default()
        }],
        notes: "строка 1\nстрока 2; с точкой с запятой".into(),
        inn: "0245346800".into(),
        ..Contact::default()
    }
}

async fn fresh(name: &str) -> Repository {
    Repository::delete_named(name).await.unwrap();
    Repository::open_named(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn contacts_survive_closing_and_reopening() {
    let name = "test-reopen";
    let repository = fresh(name).await;
    let mut base = Base::default();
    let dirty = base.upsert_all((0..1_234).map(|i| contact(&format!("id-{i}"), "Иванов")));
    repository
        .write_payload(&repository.payload(&base, &dirty), &dirty.delete)
        .await
        .unwrap();
    drop(repository);

    let reopened = Repository::open_named(name).await.unwrap();
    let loaded = reopened.load().await.unwrap();
    assert!(loaded.damaged.is_empty());
    assert_eq!(loaded.base.len(), 1_234);
    assert_eq!(loaded.base.by_id("id-1000"), base.by_id("id-1000"));
    assert_eq!(loaded.base.by_id("id-7").unwrap().inn, "0245346800");
}

#[wasm_bindgen_test]
async fn a_delete_removes_the_record_and_its_empty_chunk() {
    let repository = fresh("test-delete").await;
    let mut base = Base::default();
    let dirty = base.upsert_all([contact("a", "Петров"), contact("b", "Сидоров")]);
    repository
        .write_payload(&repository.payload(&base, &dirty), &dirty.delete)
        .await
        .unwrap();
    for id in ["a", "b"] {
        let (_, dirty) = base.remove(id);
        repository
            .write_payload(&repository.payload(&base, &dirty), &dirty.delete)
            .await
            .unwrap();
    }
    let loaded = repository.load().await.unwrap();
    assert!(loaded.base.is_empty());
}

#[wasm_bindgen_test]
async fn settings_are_stored_with_the_base() {
    let repository = fresh("test-settings").await;
    assert_eq!(
        repository.load().await.unwrap().settings,
        BaseSettings::default()
    );
    let settings = BaseSettings {
        freshness: FreshnessPolicy {
            threshold: Threshold {
                amount: 45,
                unit: ThresholdUnit::Days,
            },
            ..FreshnessPolicy::default()
        },
    };
    repository.save_settings(&settings).await.unwrap();
    assert_eq!(repository.load().await.unwrap().settings, settings);
}

#[wasm_bindgen_test]
async fn a_damaged_chunk_is_reported_and_never_overwritten() {
    let name = "test-damaged";
    let repository = fresh(name).await;
    let mut base = Base::default();
    let dirty = base.upsert(contact("ok", "Целый"));
    repository
        .write_payload(&repository.payload(&base, &dirty), &dirty.delete)
        .await
        .unwrap();
    let garbage = vec![(7, "{not json".to_owned())];
    repository
        .write_payload(&garbage, &Default::default())
        .await
        .unwrap();

    let mut loaded = repository.load().await.unwrap();
    assert_eq!(loaded.base.len(), 1);
    assert!(matches!(
        loaded.damaged.as_slice(),
        [StorageError::Corrupt { chunk: 7, .. }]
    ));
    let dirty = loaded.base.upsert(contact("new", "Новый"));
    assert!(
        !dirty.write.contains(&7),
        "new contacts must not land in chunk 7: {dirty:?}"
    );
}

#[wasm_bindgen_test]
async fn a_base_from_a_newer_app_is_refused() {
    let name = "test-too-new";
    let repository = fresh(name).await;
    repository
        .put_meta_value(
            SCHEMA_KEY,
            &JsValue::from_f64(f64::from(SCHEMA_VERSION + 1)),
        )
        .await
        .unwrap();
    drop(repository);
    let reopened = Repository::open_named(name).await;
    assert!(matches!(reopened, Err(StorageError::TooNew(v)) if v == SCHEMA_VERSION + 1));
}
