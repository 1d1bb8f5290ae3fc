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

fn person(name: &str) -> PersonRecord {
    let today = time::OffsetDateTime::now_utc().date();
    PersonRecord::parse(&PersonInput { full_name: name.into(), ..Default::default() }, today).unwrap()
}

#[tokio::test]
async fn r28_person_round_trip_search_and_erase() {
    let (_dir, store) = open().await;
    store.bootstrap().await.unwrap().unwrap();
    let org = store.org_by_name("Local organisation").await.unwrap();
    store.create_user(org, "sup", haven_core::access::Role::Supervisor, "a-long-test-password", false).await.unwrap();
    let admin = store.user_by_username("sup").await.unwrap().actor();
    let w = authorize(&admin, Permission::WritePerson, Purpose::case_management(), "t").unwrap();
    let r = authorize(&admin, Permission::ReadPerson, Purpose::case_management(), "t").unwrap();
    let e = authorize(&admin, Permission::ErasePerson, Purpose::case_management(), "t").unwrap();

    let id = store.create_person(&w, &person("Nguyễn Văn Minh")).await.unwrap();
    store.create_person(&w, &person("李伟")).await.unwrap();
    match store.get_person(&r, id).await.unwrap().state {
        PersonState::Active(p) => assert_eq!(p.full_name.as_str(), "Nguyễn Văn Minh"),
        PersonState::Erased { .. } => panic!("not erased yet"),
    }
    let hits = store.search_persons(&r, "nguyen minh", 10).await.unwrap();
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].id, id);
    assert_eq!(store.search_persons(&r, "li wei", 10).await.unwrap().items.len(), 1);
    assert!(store.list_persons(&r, Page::new(1, 1)).await.unwrap().has_more);

    // A read scope cannot write.
    assert!(matches!(store.create_person(&r, &person("X")).await, Err(StoreError::Denied)));

    store.erase_person(&e, id).await.unwrap();
    assert!(matches!(store.get_person(&r, id).await.unwrap().state, PersonState::Erased { .. }));
    assert!(store.search_persons(&r, "nguyen", 10).await.unwrap().items.is_empty());
    let report = store.verify_audit(|_, _| {}).await.unwrap();
    assert!(report.events > 5);
}
