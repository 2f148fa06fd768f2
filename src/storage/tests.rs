//! The repository against a real IndexedDB, in headless Chromium.

use std::collections::{BTreeMap, BTreeSet};

use kartoteka_core::{Contact, ContactKind, FreshnessPolicy, Phone, Threshold, ThresholdUnit};
use serde_json::Value;
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
        ..BaseSettings::default()
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

#[wasm_bindgen_test]
async fn a_new_base_records_the_current_format() {
    let name = "test-new-schema";
    drop(fresh(name).await);
    assert_eq!(stored_number(&read_raw(name).await), Some(SCHEMA_VERSION));
}

/// A base as the schema-1 app left it in IndexedDB: 36 rows of the Excel
/// fixture imported, two people added by hand, the threshold set to 45 days.
const SCHEMA_V1_BASE: &str = include_str!("../../tests/fixtures/schema_v1_base.json");

/// A raw dump of the database: each store's keys and values as stored.
#[derive(serde::Deserialize)]
struct Dump {
    db_version: u32,
    stores: BTreeMap<String, Vec<(Value, Value)>>,
}

fn v1_dump() -> Dump {
    serde_json::from_str(SCHEMA_V1_BASE).expect("the fixture is a dump")
}

fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap()),
        Value::String(s) => JsValue::from_str(s),
        other => panic!("dumps hold numbers and strings only, not {other}"),
    }
}

fn from_js(value: &JsValue) -> Value {
    match (value.as_f64(), value.as_string()) {
        (Some(n), _) if n.fract() == 0.0 => Value::from(n as i64),
        (Some(n), _) => Value::from(n),
        (_, Some(s)) => Value::from(s),
        _ => panic!("dumps hold numbers and strings only, not {value:?}"),
    }
}

/// The database as the dump's app version created it, with nothing of ours.
async fn raw_db(name: &str, version: u32) -> Rexie {
    Rexie::builder(name)
        .version(version)
        .add_object_store(ObjectStore::new(CHUNKS))
        .add_object_store(ObjectStore::new(META))
        .build()
        .await
        .unwrap()
}

/// Writes a dump into a new database `name`, exactly as it was stored.
async fn write_raw(name: &str, dump: &Dump) {
    Repository::delete_named(name).await.unwrap();
    let db = raw_db(name, dump.db_version).await;
    let tx = db
        .transaction(&[CHUNKS, META], TransactionMode::ReadWrite)
        .unwrap();
    for (store, records) in &dump.stores {
        let store = tx.store(store).unwrap();
        for (key, value) in records {
            store.put(&to_js(value), Some(&to_js(key))).await.unwrap();
        }
    }
    tx.done().await.unwrap();
    db.close();
}

/// Dumps the database `name` the way the fixture was made.
async fn read_raw(name: &str) -> Dump {
    let db = raw_db(name, DB_VERSION).await;
    let tx = db
        .transaction(&[CHUNKS, META], TransactionMode::ReadOnly)
        .unwrap();
    let mut stores = BTreeMap::new();
    for name in [CHUNKS, META] {
        let store = tx.store(name).unwrap();
        let keys = store.get_all_keys(None, None).await.unwrap();
        let values = store.get_all(None, None).await.unwrap();
        let records = keys
            .iter()
            .zip(&values)
            .map(|(k, v)| (from_js(k), from_js(v)));
        stores.insert(name.to_owned(), records.collect());
    }
    tx.done().await.unwrap();
    db.close();
    Dump {
        db_version: DB_VERSION,
        stores,
    }
}

fn stored_number(dump: &Dump) -> Option<u32> {
    dump.stores[META]
        .iter()
        .find(|(key, _)| key == SCHEMA_KEY)
        .and_then(|(_, value)| value.as_u64())
        .map(|v| v as u32)
}

/// The people of a dump, from every chunk that parses.
fn dumped_people(dump: &Dump) -> Vec<Contact> {
    dump.stores[CHUNKS]
        .iter()
        .filter_map(|(_, json)| serde_json::from_str::<Vec<Contact>>(json.as_str()?).ok())
        .flatten()
        .collect()
}

/// A company name as the test compares it, written here rather than taken
/// from the domain so that it checks the migration instead of repeating it:
/// lowercase, letters and digits only, a leading legal form left out.
fn name_key(name: &str) -> String {
    let cleaned: String = name
        .to_lowercase()
        .replace('ё', "е")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.len() > 1 && ["ооо", "зао", "оао", "пао", "ао", "ип"].contains(&words[0])
    {
        words.remove(0);
    }
    words.join(" ")
}

/// An organisation's ИНН: ten digits (twelve are a person's own).
fn org_inn(contact: &Contact) -> Option<&str> {
    let inn = contact.inn.trim();
    (inn.len() == 10 && inn.bytes().all(|b| b.is_ascii_digit())).then_some(inn)
}

fn companies(loaded: &Loaded) -> Vec<&Contact> {
    loaded
        .base
        .iter()
        .map(|(_, c)| c)
        .filter(|c| c.kind == ContactKind::Company)
        .collect()
}

#[wasm_bindgen_test]
async fn a_schema_1_base_gets_company_records_and_keeps_everything_else() {
    let name = "test-migrate-v1";
    let dump = v1_dump();
    assert_eq!(stored_number(&dump), Some(1));
    write_raw(name, &dump).await;

    let repository = Repository::open_named(name).await.unwrap();
    assert_eq!(stored_number(&read_raw(name).await), Some(2));
    let loaded = repository.load().await.unwrap();
    assert!(loaded.damaged.is_empty(), "{:?}", loaded.damaged);
    assert_eq!(
        loaded.settings.freshness.threshold,
        Threshold {
            amount: 45,
            unit: ThresholdUnit::Days,
        }
    );

    // What the companies should be, from the dump alone: one per ИНН, and
    // one per name among the people who have no ИНН.
    let people = dumped_people(&dump);
    assert_eq!(people.len(), 38);
    let with_inn: Vec<&Contact> = people.iter().filter(|p| org_inn(p).is_some()).collect();
    let inns: BTreeSet<&str> = with_inn.iter().filter_map(|p| org_inn(p)).collect();
    let names: BTreeSet<String> = people
        .iter()
        .filter(|p| org_inn(p).is_none() && !p.company.trim().is_empty())
        .map(|p| name_key(&p.company))
        .collect();
    // The fixture has people sharing an ИНН and names spelt differently.
    assert!(with_inn.len() > inns.len());
    let named = people
        .iter()
        .filter(|p| org_inn(p).is_none() && !p.company.is_empty());
    assert!(named.count() > names.len());

    let companies = companies(&loaded);
    assert_eq!(companies.len(), inns.len() + names.len());
    assert_eq!(loaded.base.len(), people.len() + companies.len());
    let company_inns: BTreeSet<&str> = companies.iter().filter_map(|c| org_inn(c)).collect();
    assert_eq!(company_inns, inns);
    for company in &companies {
        assert_eq!(company.rev, 1);
        assert!(company.id.len() == 36, "a UUID: {}", company.id);
        assert!(!company.company.trim().is_empty());
    }

    for before in &people {
        let after = loaded.base.by_id(&before.id).expect("every person stays");
        assert_eq!(after.kind, ContactKind::Person);
        assert_eq!(
            after.status_history.last().map(|s| s.to),
            Some(after.status)
        );
        // Only the company link and what moved to the company may differ.
        let unchanged = Contact {
            company: before.company.clone(),
            company_id: None,
            inn: before.inn.clone(),
            kpp: before.kpp.clone(),
            rev: before.rev,
            updated_at: before.updated_at,
            status_history: Vec::new(),
            ..after.clone()
        };
        assert_eq!(&unchanged, before);

        if before.company.trim().is_empty() && org_inn(before).is_none() {
            assert_eq!(after.company_id, None, "{}", before.display_name());
            continue;
        }
        let company_id = after.company_id.as_deref().expect("linked");
        let company = loaded.base.by_id(company_id).expect("an existing record");
        assert_eq!(company.kind, ContactKind::Company);
        assert_eq!(after.company, company.company);
        assert_eq!(name_key(&before.company), name_key(&company.company));
        assert_eq!(after.rev, before.rev + 1);
        match org_inn(before) {
            Some(inn) => {
                assert_eq!(company.inn, inn);
                assert_eq!(after.inn, "");
                if !before.kpp.is_empty() {
                    assert_eq!(company.kpp, before.kpp);
                    assert_eq!(after.kpp, "");
                }
            }
            None => assert_eq!(company.inn, ""),
        }
    }
}

#[wasm_bindgen_test]
async fn a_migrated_base_is_not_migrated_again() {
    let name = "test-migrate-twice";
    write_raw(name, &v1_dump()).await;
    let first = Repository::open_named(name).await.unwrap();
    let companies_once: BTreeSet<String> = companies(&first.load().await.unwrap())
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let stored_once = read_raw(name).await;
    drop(first);

    let second = Repository::open_named(name).await.unwrap();
    let companies_twice: BTreeSet<String> = companies(&second.load().await.unwrap())
        .iter()
        .map(|c| c.id.clone())
        .collect();
    assert!(!companies_once.is_empty());
    assert_eq!(companies_twice, companies_once);
    assert_eq!(read_raw(name).await.stores, stored_once.stores);
}

#[wasm_bindgen_test]
async fn a_damaged_chunk_is_left_as_it_was_and_the_rest_is_migrated() {
    let name = "test-migrate-damaged";
    let mut dump = v1_dump();
    let garbage = (Value::from(3), Value::from("[{\"id\": \"cut off"));
    dump.stores.get_mut(CHUNKS).unwrap().push(garbage.clone());
    write_raw(name, &dump).await;

    let repository = Repository::open_named(name).await.unwrap();
    let stored = read_raw(name).await;
    assert_eq!(stored_number(&stored), Some(2));
    assert!(stored.stores[CHUNKS].contains(&garbage));
    let loaded = repository.load().await.unwrap();
    assert!(matches!(
        loaded.damaged.as_slice(),
        [StorageError::Corrupt { chunk: 3, .. }]
    ));
    assert!(!companies(&loaded).is_empty());
    assert_eq!(
        loaded.base.len(),
        dumped_people(&dump).len() + companies(&loaded).len()
    );
}

#[wasm_bindgen_test]
async fn a_base_of_several_chunks_is_migrated_whole() {
    let name = "test-migrate-chunks";
    let mut base = Base::default();
    let people = (0..1_234).map(|i| Contact {
        company: format!("ООО «Компания {}»", i % 50),
        inn: String::new(),
        ..contact(&format!("id-{i}"), "Иванов")
    });
    let dirty = base.upsert_all(people);
    let chunks = dirty
        .write
        .iter()
        .map(|&key| (Value::from(key), Value::from(base.chunk_json(key))))
        .collect();
    let meta = vec![(Value::from(SCHEMA_KEY), Value::from(1))];
    let dump = Dump {
        db_version: DB_VERSION,
        stores: BTreeMap::from([(CHUNKS.to_owned(), chunks), (META.to_owned(), meta)]),
    };
    write_raw(name, &dump).await;

    let loaded = Repository::open_named(name)
        .await
        .unwrap()
        .load()
        .await
        .unwrap();
    assert_eq!(companies(&loaded).len(), 50);
    assert_eq!(loaded.base.len(), 1_234 + 50);
    let linked = loaded.base.iter().filter(|(_, c)| c.company_id.is_some());
    assert_eq!(linked.count(), 1_234);
    assert_eq!(stored_number(&read_raw(name).await), Some(2));
}

#[wasm_bindgen_test]
fn a_chosen_mapping_is_found_again_by_its_headers() {
    use gloo_storage::{LocalStorage, Storage};
    use kartoteka_core::{Field, PhoneKind, Target};
    LocalStorage::delete("kartoteka.mappings");
    let headers = |names: &[&str]| names.iter().map(|&n| n.to_owned()).collect::<Vec<_>>();
    let file = headers(&["Клиент", "Мобильный номер", "Заметка"]);
    let targets = [
        Target::Field(Field::FullName),
        Target::Field(Field::Phone(PhoneKind::Mobile)),
        Target::Own,
    ];
    assert_eq!(mappings::load(&file), None);
    mappings::save(&file, &targets);
    let same = headers(&[" КЛИЕНТ", "мобильный  номер", "заметка"]);
    assert_eq!(mappings::load(&same).as_deref(), Some(&targets[..]));
    assert_eq!(mappings::load(&file[..2]), None);
    // Saved again, the newer choice wins.
    mappings::save(&file, &[Target::Skip, Target::Skip, Target::Extra]);
    assert_eq!(
        mappings::load(&file),
        Some(vec![Target::Skip, Target::Skip, Target::Extra])
    );
    // An entry this version cannot read means asking again, not a guess.
    LocalStorage::set(
        "kartoteka.mappings",
        serde_json::json!({ "mappings": [[kartoteka_core::header_set_key(&file), ["skip", "pigeon", "own"]]] }),
    )
    .unwrap();
    assert_eq!(mappings::load(&file), None);
}

#[wasm_bindgen_test]
async fn an_import_and_its_journal_entry_land_together_and_read_back() {
    use kartoteka_core::undo::{ChangeKind, ChangeSet};

    let repository = fresh("test-journal").await;
    let mut base = Base::default();
    let added = vec![contact("a", "Иванов"), contact("b", "Петров")];
    let change = ChangeSet::new(
        "change-1".into(),
        ChangeKind::Import {
            file_name: "база.csv".into(),
            channel: "Выставка".into(),
        },
        1_000,
        &added,
        &[],
        Vec::new(),
        |_| None,
    );
    let journal = vec![change.summary()];
    let dirty = base.upsert_all(added);
    repository
        .write_with_meta(
            &repository.payload(&base, &dirty),
            &dirty.delete,
            &MetaWrites::record(&change, &journal, &[]),
            |_, _| {},
        )
        .await
        .unwrap();

    let loaded = repository.load().await.unwrap();
    assert_eq!(loaded.base.len(), 2);
    assert_eq!(loaded.journal, journal);
    assert_eq!(
        repository.read_change("change-1").await.unwrap(),
        Some(change.clone())
    );

    // A change that fell off the journal is gone in full too.
    let later = ChangeSet {
        id: "change-2".into(),
        ..change.clone()
    };
    repository
        .write_with_meta(
            &[],
            &BTreeSet::new(),
            &MetaWrites::record(&later, &[later.summary()], &journal),
            |_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(repository.read_change("change-1").await.unwrap(), None);
    assert_eq!(
        repository.load().await.unwrap().journal,
        vec![later.summary()]
    );
}

#[wasm_bindgen_test]
async fn replacing_all_leaves_only_the_new_base() {
    let name = "test-replace-all";
    let repository = fresh(name).await;
    let mut base = Base::default();
    let dirty = base.upsert_all((0..700).map(|i| contact(&format!("old-{i}"), "Старый")));
    repository
        .write_payload(&repository.payload(&base, &dirty), &dirty.delete)
        .await
        .unwrap();
    let garbage = vec![(9, "{not json".to_owned())];
    repository
        .write_payload(&garbage, &Default::default())
        .await
        .unwrap();
    repository
        .save_settings(&BaseSettings {
            managers: vec!["Старый менеджер".into()],
            ..BaseSettings::default()
        })
        .await
        .unwrap();
    repository
        .put_meta("batch:2026-03-01", "{\"ids\": [\"old-1\"]}")
        .await
        .unwrap();

    let settings = BaseSettings {
        managers: vec!["Анна".into()],
        ..BaseSettings::default()
    };
    let restored = vec![
        contact("new-1", "Новый"),
        Contact {
            deleted_at: Some(1_772_323_200_000),
            ..contact("new-2", "В корзине")
        },
    ];
    let replaced = repository
        .replace_all(restored.clone(), &settings)
        .await
        .unwrap();
    assert_eq!(replaced.len(), 2);
    drop(repository);

    let reopened = Repository::open_named(name).await.unwrap();
    let loaded = reopened.load().await.unwrap();
    assert!(loaded.damaged.is_empty(), "{:?}", loaded.damaged);
    assert_eq!(loaded.settings, settings);
    let mut ids: Vec<&str> = loaded.base.iter().map(|(_, c)| c.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["new-1", "new-2"]);
    assert_eq!(loaded.base.by_id("new-2"), Some(&restored[1]));

    let stored = read_raw(name).await;
    let meta_keys: Vec<&Value> = stored.stores[META].iter().map(|(k, _)| k).collect();
    assert_eq!(
        meta_keys,
        [&Value::from(SCHEMA_KEY), &Value::from(SETTINGS_KEY)]
    );
    assert_eq!(stored_number(&stored), Some(SCHEMA_VERSION));
    assert_eq!(stored.stores[CHUNKS].len(), 1, "one chunk for two records");
}

/// Writes a change the way the app does: the touched records of `base`,
/// merged with what is stored, checked against the revisions in `touched`.
async fn write_as_app(
    repository: &Repository,
    base: &Base,
    dirty: &Dirty,
    touched: &[(&str, u64)],
) -> Result<Vec<(ChunkKey, Vec<Contact>)>, StorageError> {
    let touched: BTreeMap<String, u64> = touched
        .iter()
        .map(|&(id, rev)| (id.to_owned(), rev))
        .collect();
    let change = base.change_by_chunk(dirty, &touched);
    repository
        .write_change(&change, &touched, &MetaWrites::default(), |_, _| {})
        .await
}

#[wasm_bindgen_test]
async fn two_tabs_writing_one_chunk_keep_each_others_changes() {
    let name = "test-two-tabs";
    let first = fresh(name).await;
    let second = Repository::open_named(name).await.unwrap();
    let mut start = Base::default();
    let dirty = start.upsert_all([contact("a", "Петров"), contact("b", "Сидоров")]);
    write_as_app(&first, &start, &dirty, &[("a", 0), ("b", 0)])
        .await
        .unwrap();
    // Both tabs hold the same base; neither hears of the other's change.
    let mut base_a = first.load().await.unwrap().base;
    let mut base_b = second.load().await.unwrap().base;

    let mut edited = contact("a", "Петрова");
    edited.rev = 2;
    let dirty = base_a.upsert(edited);
    write_as_app(&first, &base_a, &dirty, &[("a", 1)])
        .await
        .unwrap();

    let mut dirty = base_b.upsert(contact("c", "Кузнецов"));
    dirty.merge(base_b.remove("b").1);
    let stored = write_as_app(&second, &base_b, &dirty, &[("c", 0), ("b", 1)])
        .await
        .unwrap();
    // What the second tab now holds in memory is what is stored.
    base_b.replace_chunk(0, stored[0].1.clone());
    assert_eq!(base_b.by_id("a").unwrap().surname, "Петрова");

    let loaded = first.load().await.unwrap().base;
    assert_eq!(loaded.by_id("a").unwrap().surname, "Петрова");
    assert_eq!(loaded.by_id("c").unwrap().surname, "Кузнецов");
    assert!(loaded.by_id("b").is_none());
    assert_eq!(loaded.len(), 2);
}

#[wasm_bindgen_test]
async fn a_record_saved_in_another_tab_meanwhile_is_refused() {
    let name = "test-tab-conflict";
    let first = fresh(name).await;
    let second = Repository::open_named(name).await.unwrap();
    let mut start = Base::default();
    let dirty = start.upsert(contact("a", "Петров"));
    write_as_app(&first, &start, &dirty, &[("a", 0)])
        .await
        .unwrap();
    let mut base_a = first.load().await.unwrap().base;
    let mut base_b = second.load().await.unwrap().base;

    let mut theirs = contact("a", "Петров-Водкин");
    theirs.rev = 2;
    let dirty = base_a.upsert(theirs);
    write_as_app(&first, &base_a, &dirty, &[("a", 1)])
        .await
        .unwrap();

    let mut mine = contact("a", "Петровский");
    mine.rev = 2;
    let dirty = base_b.upsert(mine);
    let refused = write_as_app(&second, &base_b, &dirty, &[("a", 1)]).await;
    match refused {
        Err(StorageError::Conflict(conflict)) => {
            assert_eq!(conflict.stored.surname, "Петров-Водкин")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let loaded = second.load().await.unwrap().base;
    assert_eq!(loaded.by_id("a").unwrap().surname, "Петров-Водкин");
}

#[wasm_bindgen_test]
async fn a_newer_app_opening_the_base_closes_it_here() {
    use std::cell::Cell;
    use wasm_bindgen::JsCast;

    let name = "test-versionchange";
    let repository = fresh(name).await;
    let closed = Rc::new(Cell::new(false));
    repository.on_superseded({
        let closed = Rc::clone(&closed);
        move || closed.set(true)
    });
    // What a newer app does on start: open with a higher version.
    let request = web_sys::window()
        .unwrap()
        .indexed_db()
        .unwrap()
        .unwrap()
        .open_with_u32(name, DB_VERSION + 1)
        .unwrap();
    let opened = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        // Blocked means an old connection stayed open: fail the test.
        request.set_onblocked(Some(&reject));
        request.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(opened)
        .await
        .expect("the upgrade is not blocked");
    assert!(closed.get());
    let newer: web_sys::IdbDatabase = request.result().unwrap().dyn_into().unwrap();
    newer.close();
    assert_eq!(
        repository.save_settings(&BaseSettings::default()).await,
        Err(StorageError::Superseded)
    );
}
