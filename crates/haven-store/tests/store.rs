#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Store behaviour on the backend named by HAVEN_TEST_BACKEND (sqlite by default).

use haven_core::access::{authorize, Permission, Purpose};
use haven_core::person::{PersonInput, PersonRecord};
use haven_store::persons::{Page, PersonState};
use haven_store::testdb;
use haven_store::{Backend, Store, StoreConfig, StoreError};

async fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = StoreConfig::new(dir.path().join("data"));
    config.create_key = true;
    if testdb::backend_under_test() == Backend::Postgres {
        config.database_url = Some(testdb::fresh_postgres_url().await.unwrap());
    }
    let store = Store::open(config).await.unwrap();
    (dir, store)
}

/// A fresh store with a supervisor, who reaches every record of the
/// organisation.
async fn open_as_supervisor() -> (tempfile::TempDir, Store, haven_core::access::Actor) {
    let (dir, store) = open().await;
    store.bootstrap().await.unwrap().unwrap();
    let org = store.org_by_name("Local organisation").await.unwrap();
    let leave = haven_core::access::OrgAdmin::key_holder(org);
    store
        .create_user(&leave, "sup", haven_core::access::Role::Supervisor, "a-long-test-password", false)
        .await
        .unwrap();
    let admin = store.user_by_username("sup").await.unwrap().actor();
    (dir, store, admin)
}

fn person(name: &str) -> PersonRecord {
    let today = time::OffsetDateTime::now_utc().date();
    PersonRecord::parse(&PersonInput { full_name: name.into(), ..Default::default() }, today).unwrap()
}

/// Name search is one statement that picks the rarest word, keeps only
/// people matching every word, and pages newest first in SQL: a family name
/// shared by many must not widen the result, and the page size must hold.
#[tokio::test]
async fn search_keeps_every_word_and_pages_newest_first() {
    let (_dir, store, admin) = open_as_supervisor().await;
    let w = authorize(&admin, Permission::WritePerson, Purpose::case_management(), "t").unwrap();
    let r = authorize(&admin, Permission::ReadPerson, Purpose::case_management(), "t").unwrap();
    for given in ["Minh", "Hoa", "Tuan", "Anh", "Binh", "Dung", "Hai", "Linh"] {
        store.create_person(&w, &person(&format!("Nguyễn Văn {given}"))).await.unwrap();
    }
    let mut lans = Vec::new();
    for middle in ["Thị", "Ngọc", "Phương"] {
        lans.push(store.create_person(&w, &person(&format!("Nguyễn {middle} Lan"))).await.unwrap());
    }
    store.create_person(&w, &person("Trần Thị Lan")).await.unwrap();

    for query in ["nguyen lan", "Lan NGUYỄN", "lan nguyen"] {
        let all = store.search_persons(&r, query, Page::new(1, 10)).await.unwrap();
        let mut ids: Vec<_> = all.items.iter().map(|p| p.id).collect();
        ids.sort();
        let mut want = lans.clone();
        want.sort();
        assert_eq!(ids, want, "{query}: only the people with both words");
        assert!(!all.has_more);
        let times: Vec<i64> = all.items.iter().map(|p| p.created_at_ms).collect();
        assert!(times.windows(2).all(|t| t[0] >= t[1]), "newest first: {times:?}");
    }
    let page = store.search_persons(&r, "nguyen lan", Page::new(1, 2)).await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert!(page.has_more, "a third match exists beyond the page");
    let full = store.search_persons(&r, "nguyen lan", Page::new(1, 3)).await.unwrap();
    assert_eq!(full.items.len(), 3);
    assert!(!full.has_more);
    let second = store.search_persons(&r, "nguyen lan", Page::new(2, 2)).await.unwrap();
    assert_eq!(second.items.len(), 1, "the second page holds the third match");
    assert!(!second.has_more);
    assert!(!page.items.iter().any(|p| p.id == second.items[0].id));
    assert!(store.search_persons(&r, "nguyen lan", Page::new(3, 2)).await.unwrap().items.is_empty());
    assert_eq!(store.search_persons(&r, "nguyen", Page::new(1, 100)).await.unwrap().items.len(), 11);
    assert!(store.search_persons(&r, "nguyen zzyzx", Page::new(1, 10)).await.unwrap().items.is_empty());
}

#[tokio::test]
async fn r28_person_round_trip_search_and_erase() {
    let (_dir, store, admin) = open_as_supervisor().await;
    let w = authorize(&admin, Permission::WritePerson, Purpose::case_management(), "t").unwrap();
    let r = authorize(&admin, Permission::ReadPerson, Purpose::case_management(), "t").unwrap();
    let e = authorize(&admin, Permission::ErasePerson, Purpose::case_management(), "t").unwrap();

    let id = store.create_person(&w, &person("Nguyễn Văn Minh")).await.unwrap();
    store.create_person(&w, &person("李伟")).await.unwrap();
    match store.get_person(&r, id).await.unwrap().state {
        PersonState::Active(p) => assert_eq!(p.full_name.as_str(), "Nguyễn Văn Minh"),
        PersonState::Erased { .. } => panic!("not erased yet"),
    }
    let hits = store.search_persons(&r, "nguyen minh", Page::new(1, 10)).await.unwrap();
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].id, id);
    assert_eq!(store.search_persons(&r, "li wei", Page::new(1, 10)).await.unwrap().items.len(), 1);
    assert!(store.list_persons(&r, Page::new(1, 1)).await.unwrap().has_more);

    // A read scope cannot write.
    assert!(matches!(store.create_person(&r, &person("X")).await, Err(StoreError::Denied)));

    store.erase_person(&e, id).await.unwrap();
    assert!(matches!(store.get_person(&r, id).await.unwrap().state, PersonState::Erased { .. }));
    assert!(store.search_persons(&r, "nguyen", Page::new(1, 10)).await.unwrap().items.is_empty());
    let report = store.verify_audit(|_, _| {}).await.unwrap();
    assert!(report.events > 5);
}
