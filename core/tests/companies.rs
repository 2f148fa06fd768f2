//! Company records made from the company names and ИНН people carry, and kept in step
//! with them.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::day;
use kartoteka_core::base::Base;
use kartoteka_core::{
    link_companies, link_companies_in_base, people_of, rename_company, unlink_people, Contact,
    ContactKind, LinkReport, Status,
};

const NOW: i64 = 1_767_225_600_000;
const EARLIER: i64 = 1_700_000_000_000;

fn person(id: &str, company: &str, inn: &str) -> Contact {
    Contact {
        id: id.into(),
        rev: 3,
        surname: format!("Фамилия {id}"),
        name: "Имя".into(),
        company: company.into(),
        inn: inn.into(),
        created_at: EARLIER,
        updated_at: EARLIER,
        ..Contact::default()
    }
}

fn company(id: &str, name: &str, inn: &str) -> Contact {
    Contact {
        id: id.into(),
        kind: ContactKind::Company,
        company: name.into(),
        inn: inn.into(),
        created_at: EARLIER,
        updated_at: EARLIER,
        ..Contact::default()
    }
}

/// Links `contacts` with ids `c1`, `c2`, … for new companies.
fn link(contacts: &mut Vec<Contact>) -> LinkReport {
    let mut next = 0;
    let mut new_id = || {
        next += 1;
        format!("c{next}")
    };
    link_companies(contacts, &mut new_id, NOW)
}

fn by_id<'a>(contacts: &'a [Contact], id: &str) -> &'a Contact {
    contacts.iter().find(|c| c.id == id).expect("the record")
}

#[test]
fn spellings_of_one_name_make_one_company() {
    let mut contacts = vec![
        person("a", "ООО «Ромашка»", ""),
        person("b", "ооо \"Ромашка\"", ""),
        person("c", "  Ромашка, ООО ", ""),
        person("d", "ООО «Лютик»", ""),
    ];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1", "c2"]);
    assert_eq!(report.linked, 4);
    assert_eq!(report.updated, ["a", "b", "c", "d"]);
    let romashka = by_id(&contacts, "c1");
    assert_eq!(romashka.kind, ContactKind::Company);
    assert_eq!(romashka.company, "ООО «Ромашка»");
    assert_eq!(romashka.legal_form, "ООО");
    for id in ["a", "b", "c"] {
        let p = by_id(&contacts, id);
        assert_eq!(p.company_id.as_deref(), Some("c1"));
        // The cached name is the company record's, whatever the person had typed.
        assert_eq!(p.company, "ООО «Ромашка»");
        assert_eq!(p.updated_at, NOW);
        // Revisions are storage's to count.
        assert_eq!(p.rev, 3);
    }
    assert_eq!(by_id(&contacts, "d").company_id.as_deref(), Some("c2"));
}

#[test]
fn one_inn_makes_one_company_and_moves_to_it() {
    let mut a = person("a", "ООО «Ромашка»", "7707083893");
    a.kpp = "773601001".into();
    let b = person("b", "Ромашка-Трейд", "77 0708 3893");
    let mut contacts = vec![a, b];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1"]);
    let company = by_id(&contacts, "c1");
    assert_eq!(
        (company.inn.as_str(), company.kpp.as_str()),
        ("7707083893", "773601001")
    );
    assert_eq!(company.company, "ООО «Ромашка»");
    for id in ["a", "b"] {
        let p = by_id(&contacts, id);
        assert_eq!(p.company_id.as_deref(), Some("c1"));
        assert_eq!((p.inn.as_str(), p.kpp.as_str()), ("", ""));
        assert_eq!(p.company, "ООО «Ромашка»");
    }
}

#[test]
fn one_name_with_two_inns_is_two_companies() {
    let mut contacts = vec![
        person("a", "Яндекс", "7736207543"),
        person("b", "Яндекс", "7704340310"),
        // Without an ИНН, the first of them is taken.
        person("c", "ЯНДЕКС", ""),
    ];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1", "c2"]);
    assert_eq!(by_id(&contacts, "a").company_id.as_deref(), Some("c1"));
    assert_eq!(by_id(&contacts, "b").company_id.as_deref(), Some("c2"));
    assert_eq!(by_id(&contacts, "c").company_id.as_deref(), Some("c1"));
}

#[test]
fn a_sole_trader_and_a_company_of_one_name_are_two_companies() {
    let mut contacts = vec![
        company("x", "ООО «Самсонов»", ""),
        person("a", "ИП «Самсонов»", ""),
        person("b", "Самсонов, ИП", ""),
        person("c", "ооо самсонов", ""),
        person("d", "ИП Лебедев", ""),
        person("e", "ООО «Лебедев»", ""),
        // A joint-stock company is not the ООО either, and does not take the ООО's
        // empty ИНН.
        person("f", "ЗАО «Самсонов»", "7707083893"),
    ];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1", "c2", "c3", "c4"]);
    assert_eq!(by_id(&contacts, "x").inn, "");
    let company_of = |id: &str| by_id(&contacts, id).company_id.as_deref();
    assert_eq!(company_of("c"), Some("x"));
    assert_eq!(company_of("f"), Some("c1"));
    assert_eq!(company_of("a"), Some("c2"));
    assert_eq!(company_of("b"), Some("c2"));
    assert_eq!(company_of("d"), Some("c3"));
    assert_eq!(company_of("e"), Some("c4"));
    let form_and_name = |id: &str| {
        let c = by_id(&contacts, id);
        (c.legal_form.as_str(), c.company.as_str())
    };
    assert_eq!(form_and_name("c1"), ("ЗАО", "ЗАО «Самсонов»"));
    assert_eq!(form_and_name("c2"), ("ИП", "ИП «Самсонов»"));
    assert_eq!(form_and_name("c3"), ("ИП", "ИП Лебедев"));
    assert_eq!(form_and_name("c4"), ("ООО", "ООО «Лебедев»"));
}

#[test]
fn a_person_joins_the_record_spelt_as_their_company_of_those_sharing_a_name() {
    // Two joint-stock companies of one name with their own ИНН, as an export of the
    // base writes them, and their people, named as the export caches it.
    let mut contacts = vec![
        company("x", "ЗАО «Ромашка»", "7707083893"),
        company("y", "АО «Ромашка»", "7702070139"),
        person("a", "АО «Ромашка»", ""),
        person("b", "ЗАО «Ромашка»", ""),
        // Spelt otherwise only in case and quotes: still that record.
        person("c", "ао ромашка", ""),
        // Spelt like neither: the first of them.
        person("d", "Ромашка, АО", ""),
        person("e", "ОАО «Ромашка»", ""),
    ];
    let report = link(&mut contacts);
    assert!(report.created.is_empty());
    assert_eq!(report.linked, 5);
    let company_of = |id: &str| by_id(&contacts, id).company_id.as_deref();
    assert_eq!(company_of("a"), Some("y"));
    assert_eq!(company_of("b"), Some("x"));
    assert_eq!(company_of("c"), Some("y"));
    assert_eq!(company_of("d"), Some("x"));
    assert_eq!(company_of("e"), Some("x"));
    assert_eq!(by_id(&contacts, "a").company, "АО «Ромашка»");
    assert_eq!(by_id(&contacts, "d").company, "ЗАО «Ромашка»");
}

#[test]
fn a_person_joins_the_record_spelt_as_their_company_among_those_made_here() {
    // Records made in the same run from the people with an ИНН count as well.
    let mut contacts = vec![
        person("a", "ООО «Ромашка»", "7707083893"),
        person("b", "Ромашка, ООО", "7702070139"),
        person("c", "ромашка ооо", ""),
        person("d", "ООО Ромашка", ""),
    ];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1", "c2"]);
    let company_of = |id: &str| by_id(&contacts, id).company_id.as_deref();
    assert_eq!(company_of("a"), Some("c1"));
    assert_eq!(company_of("b"), Some("c2"));
    assert_eq!(company_of("c"), Some("c2"));
    assert_eq!(company_of("d"), Some("c1"));
}

#[test]
fn a_persons_own_inn_stays_with_them() {
    let mut contacts = vec![
        person("a", "ИП Петров", "500100732259"),
        person("b", "ИП Петров", ""),
    ];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1"]);
    let trader = by_id(&contacts, "c1");
    assert_eq!(trader.legal_form, "ИП");
    assert_eq!(trader.inn, "");
    let a = by_id(&contacts, "a");
    assert_eq!(a.inn, "500100732259");
    assert_eq!(a.company_id.as_deref(), Some("c1"));
}

#[test]
fn existing_company_records_are_found_first() {
    let mut contacts = vec![
        company("x", "АО «Лютик»", "7707083893"),
        company("y", "ООО «Ромашка»", ""),
        // By ИНН, whatever the name.
        person("a", "Лютик и Ко", "7707083893"),
        // By name, the company without ИНН taking the person's.
        person("b", "ромашка ооо", "7702070139"),
        // By name, without ИНН: ЗАО is the old name of an АО.
        person("c", "ЗАО Лютик", ""),
    ];
    contacts[4].kpp = "770201001".into();
    let report = link(&mut contacts);
    assert!(report.created.is_empty());
    assert_eq!(report.linked, 3);
    assert_eq!(report.updated, ["a", "b", "c", "y"]);
    assert_eq!(by_id(&contacts, "a").company_id.as_deref(), Some("x"));
    assert_eq!(by_id(&contacts, "a").company, "АО «Лютик»");
    assert_eq!(by_id(&contacts, "b").company_id.as_deref(), Some("y"));
    assert_eq!(by_id(&contacts, "c").company_id.as_deref(), Some("x"));
    let y = by_id(&contacts, "y");
    assert_eq!((y.inn.as_str(), y.updated_at), ("7702070139", NOW));
    // A person without the company's ИНН keeps their КПП: it is not known to be its.
    assert_eq!(by_id(&contacts, "c").kpp, "770201001");
    assert_eq!(contacts.len(), 5);
}

#[test]
fn a_company_with_another_inn_is_not_matched_by_name() {
    let mut contacts = vec![
        company("x", "ООО «Ромашка»", "7707083893"),
        person("a", "ООО «Ромашка»", "7702070139"),
    ];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1"]);
    assert_eq!(by_id(&contacts, "a").company_id.as_deref(), Some("c1"));
    assert_eq!(by_id(&contacts, "x").inn, "7707083893");
}

#[test]
fn a_company_of_the_same_name_without_an_inn_takes_it() {
    let mut contacts = vec![
        company("x", "ООО «Ромашка»", "7707083893"),
        // A sole trader's record of the same name is another legal entity.
        company("t", "Ромашка", "500100732259"),
        company("y", "Ромашка, ООО", ""),
        person("a", "ооо ромашка", "7702070139"),
    ];
    let report = link(&mut contacts);
    assert!(report.created.is_empty());
    assert_eq!(report.updated, ["a", "y"]);
    assert_eq!(by_id(&contacts, "a").company_id.as_deref(), Some("y"));
    assert_eq!(by_id(&contacts, "y").inn, "7702070139");
    assert_eq!(by_id(&contacts, "t").inn, "500100732259");
}

#[test]
fn a_new_company_is_made_from_its_people() {
    let mut a = person("a", "ЗАО «Ромашка»", "");
    a.status = Status::Former;
    a.added_on = Some(day(2024, 5, 1));
    // ЗАО and АО are one family of legal forms: one company.
    let mut b = person("b", "АО «Ромашка»", "");
    b.status = Status::InWork;
    b.source = "Выставка".into();
    b.added_on = Some(day(2023, 2, 1));
    let mut c = person("c", "ромашка, зао", "");
    c.status = Status::Potential;
    c.source = "Сайт".into();
    let mut contacts = vec![a, b, c];
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1"]);
    let company = by_id(&contacts, "c1");
    assert_eq!(company.status, Status::InWork);
    assert_eq!(company.source, "Выставка");
    assert_eq!(company.added_on, Some(day(2023, 2, 1)));
    assert_eq!(company.legal_form, "ЗАО");
    assert_eq!(company.company, "ЗАО «Ромашка»");
    assert_eq!(
        (company.created_at, company.updated_at, company.rev),
        (NOW, NOW, 0)
    );
    assert_eq!(company.surname, "");
}

#[test]
fn the_best_status_among_the_people_wins() {
    let status_of = |statuses: &[Status]| {
        let mut contacts: Vec<Contact> = statuses
            .iter()
            .enumerate()
            .map(|(i, &status)| Contact {
                status,
                ..person(&i.to_string(), "ООО «Ромашка»", "")
            })
            .collect();
        link(&mut contacts);
        by_id(&contacts, "c1").status
    };
    use Status::*;
    assert_eq!(status_of(&[Potential, Client, InWork]), Client);
    assert_eq!(status_of(&[Former, InWork]), InWork);
    assert_eq!(status_of(&[Former, Potential]), Potential);
    assert_eq!(status_of(&[DoNotContact, Former]), Former);
    assert_eq!(status_of(&[DoNotContact, DoNotContact]), DoNotContact);
}

#[test]
fn an_inn_without_a_name_links_only_to_an_existing_company() {
    let mut contacts = vec![person("a", "", "7707083893")];
    let report = link(&mut contacts);
    assert_eq!(report, LinkReport::default());
    assert_eq!(contacts[0].inn, "7707083893");
    // Once a colleague names the company, both join it.
    contacts.push(person("b", "ООО «Ромашка»", "7707083893"));
    let report = link(&mut contacts);
    assert_eq!(report.created, ["c1"]);
    assert_eq!(report.linked, 2);
    assert_eq!(by_id(&contacts, "a").company, "ООО «Ромашка»");
    assert_eq!(by_id(&contacts, "a").inn, "");
}

#[test]
fn a_branch_kpp_stays_on_the_person() {
    let mut a = person("a", "Ромашка", "7707083893");
    a.kpp = "773601001".into();
    let mut b = person("b", "Ромашка", "7707083893");
    b.kpp = "540601001".into();
    let mut contacts = vec![a, b];
    link(&mut contacts);
    assert_eq!(by_id(&contacts, "c1").kpp, "773601001");
    assert_eq!(by_id(&contacts, "a").kpp, "");
    assert_eq!(by_id(&contacts, "b").kpp, "540601001");
    assert_eq!(by_id(&contacts, "b").inn, "");
}

#[test]
fn linked_people_binned_records_and_nameless_ones_are_left_alone() {
    let mut linked = person("a", "Ромашка", "");
    linked.company_id = Some("elsewhere".into());
    let mut binned = person("b", "Лютик", "");
    binned.deleted_at = Some(EARLIER);
    let mut binned_company = company("x", "Василёк", "");
    binned_company.deleted_at = Some(EARLIER);
    let mut contacts = vec![
        linked,
        binned,
        binned_company,
        person("c", "", ""),
        person("d", "ООО", ""),
        person("e", "", "12345"),
        person("f", "Василек", ""),
    ];
    let before = contacts.clone();
    let report = link(&mut contacts);
    // Only "f" is linked, to a new company: the binned one is not brought back.
    assert_eq!(report.created, ["c1"]);
    assert_eq!(report.updated, ["f"]);
    assert_eq!(&contacts[..6], &before[..6]);
}

#[test]
fn linking_twice_changes_nothing_more() {
    let mut contacts = vec![
        person("a", "ООО «Ромашка»", "7707083893"),
        person("b", "Лютик", ""),
    ];
    link(&mut contacts);
    let once = contacts.clone();
    assert_eq!(link(&mut contacts), LinkReport::default());
    assert_eq!(contacts, once);
}

#[test]
fn people_of_a_company() {
    let mut contacts = vec![
        company("x", "ООО «Ромашка»", ""),
        person("a", "ООО «Ромашка»", ""),
        person("b", "ООО «Ромашка»", ""),
        person("c", "Лютик", ""),
    ];
    link(&mut contacts);
    contacts[2].deleted_at = Some(NOW);
    let ids: Vec<&str> = people_of(contacts.iter(), "x")
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a"]);
    assert!(people_of(contacts.iter(), "missing").is_empty());
}

#[test]
fn renaming_a_company_renames_it_for_its_people() {
    let mut contacts = vec![
        company("x", "ООО «Ромашка»", ""),
        person("a", "ООО «Ромашка»", ""),
        person("b", "ООО «Ромашка»", ""),
        person("c", "ООО «Ромашка-2»", ""),
    ];
    link(&mut contacts);
    contacts[2].company = "АО «Ромашка Групп»".into();
    let changed = rename_company(&mut contacts, "x", " АО «Ромашка Групп» ");
    assert_eq!(changed, ["x", "a"]);
    assert_eq!(by_id(&contacts, "x").company, "АО «Ромашка Групп»");
    assert_eq!(by_id(&contacts, "a").company, "АО «Ромашка Групп»");
    assert_eq!(by_id(&contacts, "c").company, "ООО «Ромашка-2»");
    assert!(rename_company(&mut contacts, "x", "АО «Ромашка Групп»").is_empty());
}

#[test]
fn unlinking_keeps_the_people_without_the_company() {
    let mut contacts = vec![
        person("a", "ООО «Ромашка»", "7707083893"),
        person("b", "ООО «Ромашка»", ""),
        person("c", "Лютик", ""),
    ];
    link(&mut contacts);
    let changed = unlink_people(&mut contacts, "c1");
    assert_eq!(changed, ["a", "b"]);
    for id in ["a", "b"] {
        let p = by_id(&contacts, id);
        assert_eq!((p.company_id.as_deref(), p.company.as_str()), (None, ""));
    }
    assert_eq!(by_id(&contacts, "c").company_id.as_deref(), Some("c2"));
    // With the company gone, the next link does not make it again.
    contacts.retain(|c| c.id != "c1");
    assert_eq!(link(&mut contacts), LinkReport::default());
}

#[test]
fn linking_in_the_base_stores_what_changed() {
    let mut base = Base::default();
    base.upsert_all([
        company("x", "ООО «Лютик»", ""),
        person("a", "ООО «Ромашка»", "7707083893"),
        person("b", "Лютик, ООО", ""),
        person("c", "", ""),
    ]);
    let mut next = 0;
    let mut new_id = || {
        next += 1;
        format!("c{next}")
    };
    let (report, dirty) = link_companies_in_base(&mut base, &mut new_id, NOW);
    assert_eq!(report.created, ["c1"]);
    assert_eq!(report.updated, ["a", "b"]);
    assert_eq!(dirty.write, BTreeSet::from([0]));
    assert_eq!(base.len(), 5);
    assert_eq!(base.by_id("a").unwrap().company_id.as_deref(), Some("c1"));
    assert_eq!(base.by_id("c1").unwrap().inn, "7707083893");
    assert_eq!(base.by_id("b").unwrap().company_id.as_deref(), Some("x"));
    assert_eq!(base.by_id("c").unwrap(), &person("c", "", ""));
}

/// The company name as this test compares it, written apart from the library's:
/// lowercase, `ё` as `е`, no quotes or commas, the legal forms in front taken off, and
/// the family of the first of them (sole trader, ООО, joint-stock company) kept beside
/// the rest. A name that is only legal forms is empty, without a family.
fn independent_key(name: &str) -> (String, Option<&'static str>) {
    const FAMILIES: [(&str, &str); 7] = [
        ("ип", "ип"),
        ("ооо", "ооо"),
        ("ао", "ао"),
        ("зао", "ао"),
        ("оао", "ао"),
        ("пао", "ао"),
        ("нао", "ао"),
    ];
    let family_of = |word: &str| {
        FAMILIES
            .iter()
            .find(|(form, _)| *form == word)
            .map(|&(_, family)| family)
    };
    let cleaned: String = name
        .to_lowercase()
        .replace('ё', "е")
        .chars()
        .filter(|c| !matches!(c, '«' | '»' | '"' | '\'' | '“' | '”' | '„' | ','))
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut family = None;
    while let Some(form_family) = words.first().and_then(|w| family_of(w)) {
        family = family.or(Some(form_family));
        words.remove(0);
    }
    let proper = words.join(" ");
    if proper.is_empty() {
        family = None;
    }
    (proper, family)
}

#[test]
fn a_russian_excel_sheet_gives_one_company_per_inn_and_per_name_without_one() {
    let (_, mapped) = common::import(include_bytes!("../../tests/fixtures/excel_ru_cp1251.csv"));
    let mut contacts: Vec<Contact> = mapped
        .into_iter()
        .enumerate()
        .map(|(i, row)| Contact {
            id: format!("p{i}"),
            ..row.contact
        })
        .collect();
    assert!(contacts.iter().all(|c| c.kind == ContactKind::Person));

    // Expected, from the rows alone: every 10-digit ИНН is a company; so is every name
    // given without one, unless a row with an ИНН already carries that name.
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let mut inns = BTreeSet::new();
    let mut names_with_inn = BTreeSet::new();
    let mut names_without_inn = BTreeSet::new();
    // Of every name proper, the families it comes in, and the first words it is spelt with.
    let mut families: HashMap<String, BTreeSet<Option<&str>>> = HashMap::new();
    let mut spellings: HashMap<(String, Option<&str>), BTreeSet<String>> = HashMap::new();
    for c in &contacts {
        let inn = digits(&c.inn);
        let key = independent_key(&c.company);
        if !key.0.is_empty() {
            families.entry(key.0.clone()).or_default().insert(key.1);
            let first_word = c.company.split_whitespace().next().unwrap_or_default();
            spellings
                .entry(key.clone())
                .or_default()
                .insert(first_word.to_owned());
        }
        if inn.len() == 10 {
            inns.insert(inn);
            names_with_inn.insert(key);
        } else if !key.0.is_empty() {
            names_without_inn.insert(key);
        }
    }
    let only_without_inn = names_without_inn.difference(&names_with_inn).count();
    // The sheet has both kinds, and names shared across them, so all paths are taken.
    assert!(inns.len() > 500 && only_without_inn > 300);
    assert!(names_without_inn.len() > only_without_inn);
    // It also has names that come as a sole trader and a company, which stay apart, and
    // joint-stock companies spelt both as ЗАО or ОАО and as АО, which are one.
    assert!(families.values().filter(|f| f.len() > 1).count() > 5);
    let joint_stock_spellings = spellings
        .iter()
        .filter(|((_, family), first)| *family == Some("ао") && first.len() > 1)
        .count();
    assert!(joint_stock_spellings > 5);

    let people = contacts.len();
    let report = link(&mut contacts);
    assert_eq!(report.created.len(), inns.len() + only_without_inn);
    assert_eq!(contacts.len(), people + report.created.len());
    let companies: Vec<&Contact> = contacts
        .iter()
        .filter(|c| c.kind == ContactKind::Company)
        .collect();
    assert_eq!(companies.len(), report.created.len());
    let with_inn: BTreeSet<&str> = companies
        .iter()
        .map(|c| c.inn.as_str())
        .filter(|inn| !inn.is_empty())
        .collect();
    assert_eq!(with_inn.len(), inns.len());

    // Every person with a company is linked to a company of that name, and no person
    // keeps an organisation's ИНН.
    let by_id: HashMap<&str, &Contact> = companies.iter().map(|c| (c.id.as_str(), *c)).collect();
    let mut linked = 0;
    for person in contacts.iter().filter(|c| c.kind == ContactKind::Person) {
        assert_ne!(digits(&person.inn).len(), 10, "{}", person.id);
        match &person.company_id {
            Some(id) => {
                linked += 1;
                assert_eq!(person.company, by_id[id.as_str()].company);
            }
            None => assert!(person.company.is_empty(), "{} is not linked", person.id),
        }
    }
    assert_eq!(linked, report.linked);
    let total: usize = companies
        .iter()
        .map(|c| people_of(contacts.iter(), &c.id).len())
        .sum();
    assert_eq!(total, linked);
    for company in &companies {
        if let Some(form) = ["ООО", "ЗАО", "ОАО", "АО", "ИП"]
            .into_iter()
            .find(|form| company.company.starts_with(&format!("{form} ")))
        {
            assert_eq!(company.legal_form, form, "{}", company.company);
        }
    }
}
