//! Fictional data for newcomers (`haven demo`) and for benchmarks
//! (`haven bench-seed`). Every demo record says it is fictional.

use anyhow::Result;
use haven_core::access::{authorize, OrgAdmin, Permission, Purpose, Role};
use haven_core::case::CaseRecord;
use haven_core::person::{PersonInput, PersonRecord};
use haven_store::Store;

const DEMO_ORG: &str = "Demo shelter (fictional)";

struct Demo {
    name: &'static str,
    latin: &'static str,
    nationality: &'static str,
    language: &'static str,
    age: u16,
    uncertain: bool,
    location: &'static str,
    sex: &'static str,
}

const PEOPLE: &[Demo] = &[
    Demo {
        name: "Nguyễn Văn Minh",
        latin: "",
        nationality: "VNM",
        language: "vi",
        age: 24,
        uncertain: false,
        location: "immigration_detention",
        sex: "male",
    },
    Demo {
        name: "สมชาย ใจดี",
        latin: "Somchai Jaidee",
        nationality: "THA",
        language: "th",
        age: 31,
        uncertain: false,
        location: "shelter",
        sex: "male",
    },
    Demo {
        name: "အောင်ကျော်",
        latin: "Aung Kyaw",
        nationality: "MMR",
        language: "my",
        age: 17,
        uncertain: true,
        location: "shelter",
        sex: "male",
    },
    Demo {
        name: "សុខ ចាន់ថា",
        latin: "Sok Chantha",
        nationality: "KHM",
        language: "km",
        age: 22,
        uncertain: false,
        location: "community",
        sex: "female",
    },
    Demo {
        name: "ສົມພອນ ວົງສາ",
        latin: "Somphone Vongsa",
        nationality: "LAO",
        language: "lo",
        age: 27,
        uncertain: false,
        location: "hospital",
        sex: "female",
    },
    Demo {
        name: "Dewi Lestari",
        latin: "",
        nationality: "IDN",
        language: "id",
        age: 29,
        uncertain: false,
        location: "police_custody",
        sex: "female",
    },
    Demo {
        name: "Juan Dela Cruz",
        latin: "",
        nationality: "PHL",
        language: "tl",
        age: 35,
        uncertain: false,
        location: "shelter",
        sex: "male",
    },
    Demo {
        name: "李伟",
        latin: "Li Wei",
        nationality: "CHN",
        language: "zh-Hans",
        age: 26,
        uncertain: false,
        location: "in_compound",
        sex: "male",
    },
];

pub async fn seed(store: &Store) -> Result<()> {
    if store.org_by_name(DEMO_ORG).await.is_ok() {
        println!("demo data already present in \"{DEMO_ORG}\"");
        return Ok(());
    }
    let org = store.create_org(DEMO_ORG, "shelter", Some("THA")).await?;
    store.mark_demo_org(org).await?;
    let password = haven_store::crypto::random_password();
    let user_id =
        store.create_user(&OrgAdmin::key_holder(org), "demo.caseworker", Role::Caseworker, &password, true).await?;
    let actor = store.user_by_username("demo.caseworker").await?.actor();
    let purpose = Purpose::parse("demonstration")?;
    let write = authorize(&actor, Permission::WritePerson, purpose.clone(), "demo")?;
    let cases = authorize(&actor, Permission::WriteCase, purpose, "demo")?;
    let today = time::OffsetDateTime::now_utc().date();
    for d in PEOPLE {
        let input = PersonInput {
            full_name: d.name.into(),
            latin_name: (!d.latin.is_empty()).then(|| d.latin.to_owned()),
            sex: Some(d.sex.into()),
            estimated_age: Some(d.age),
            age_uncertain: d.uncertain,
            nationalities: vec![d.nationality.into()],
            languages: vec![d.language.into()],
            location: Some(d.location.into()),
            notes: Some("FICTIONAL DEMO RECORD. This person does not exist.".into()),
            ..Default::default()
        };
        let record = PersonRecord::parse(&input, today)?;
        let id = store.create_person(&write, &record).await?;
        store.open_case(&cases, id, &CaseRecord::open(today, Some(user_id))).await?;
    }
    println!("Demo organisation \"{DEMO_ORG}\" with {} fictional people.", PEOPLE.len());
    println!("  username: demo.caseworker");
    println!("  one-time password: {password}");
    Ok(())
}

/// Synthetic people with generated names in several scripts, inserted in
/// batches through the same sealing and indexing path as real records.
pub async fn bench_seed(store: &Store, count: u64) -> Result<()> {
    // Benchmarks act as a supervisor, who reaches every record of the organisation.
    if store.user_by_username("bench").await.is_err() {
        let org = store.org_by_name("Local organisation").await?;
        let password = haven_store::crypto::random_password();
        store.create_user(&OrgAdmin::key_holder(org), "bench", Role::Supervisor, &password, true).await?;
        println!("bench user: bench");
        println!("  bench one-time password: {password}");
    }
    let actor = store.user_by_username("bench").await?.actor();
    let scope = authorize(&actor, Permission::WritePerson, Purpose::parse("benchmark")?, "bench-seed")?;
    let today = time::OffsetDateTime::now_utc().date();
    const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Santos", "Reyes", "Wijaya", "Sok"];
    const GIVEN: [&str; 8] = ["Minh", "Anh", "Hùng", "Lan", "Maria", "Jose", "Budi", "Dara"];
    let bar = indicatif::ProgressBar::new(count);
    let mut batch = Vec::with_capacity(1000);
    for i in 0..count {
        // A unique third token keeps search selective, as real names mostly are.
        let name = format!("{} {} {}", FAMILY[(i % 8) as usize], GIVEN[((i / 8) % 8) as usize], bench_token(i));
        let input = PersonInput { full_name: name, location: Some("shelter".into()), ..Default::default() };
        batch.push(PersonRecord::parse(&input, today)?);
        if batch.len() == 1000 || i + 1 == count {
            store.create_persons_bulk(&scope, &batch).await?;
            bar.inc(batch.len() as u64);
            batch.clear();
        }
    }
    bar.finish_and_clear();
    store.optimize().await?;
    println!("seeded {count} synthetic people");
    Ok(())
}

/// A pronounceable token unique to `i`: "kabedo", "kabedu", …
pub fn bench_token(mut i: u64) -> String {
    const C: &[u8] = b"bdghklmnprstv";
    const V: &[u8] = b"aeiou";
    let mut s = String::new();
    for _ in 0..4 {
        s.push(C[(i % 13) as usize] as char);
        i /= 13;
        s.push(V[(i % 5) as usize] as char);
        i /= 5;
    }
    s
}
