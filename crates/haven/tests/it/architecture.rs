//! The crate boundaries that ARCHITECTURE.md promises, checked from the
//! manifests so a new dependency cannot quietly cross them.

fn manifest(krate: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("Cargo.toml");
    std::fs::read_to_string(path).unwrap()
}

fn dependencies(krate: &str) -> Vec<String> {
    let text = manifest(krate);
    let mut out = Vec::new();
    let mut in_deps = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps {
            if let Some(name) = line.split(['=', '.']).next() {
                let name = name.trim();
                if !name.is_empty() && !name.starts_with('#') {
                    out.push(name.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn the_core_is_pure_no_io_http_sql_clock_or_randomness() {
    let deps = dependencies("haven-core");
    assert!(!deps.is_empty());
    for banned in ["tokio", "sqlx", "axum", "serde", "serde_json", "rand", "reqwest", "hyper", "askama"] {
        assert!(!deps.iter().any(|d| d == banned), "haven-core depends on {banned}");
    }
}

#[test]
fn the_instrument_parser_is_pure_too() {
    let deps = dependencies("haven-instrument");
    assert!(deps.iter().any(|d| d == "toml"));
    for banned in ["tokio", "sqlx", "axum", "serde_json", "rand", "reqwest"] {
        assert!(!deps.iter().any(|d| d == banned), "haven-instrument depends on {banned}");
    }
}

#[test]
fn only_the_web_crate_knows_http_json_and_html() {
    for krate in ["haven-core", "haven-instrument", "haven-store", "haven-formats"] {
        let deps = dependencies(krate);
        for banned in ["axum", "serde_json", "askama", "utoipa", "hyper", "tower", "fluent-templates"] {
            // Answers as a JSON file are a file format, which is what
            // haven-formats is for; HTTP and HTML stay out of it all the same.
            if krate == "haven-formats" && banned == "serde_json" {
                continue;
            }
            assert!(!deps.iter().any(|d| d == banned), "{krate} depends on {banned}");
        }
    }
    let web = dependencies("haven-web");
    assert!(web.iter().any(|d| d == "axum"));
    // The PDF engine renders text it is given; it knows no HTTP either.
    let pdf = dependencies("haven-pdf");
    assert!(pdf.iter().any(|d| d == "krilla"));
    for banned in ["axum", "serde_json", "askama", "tokio", "sqlx"] {
        assert!(!pdf.iter().any(|d| d == banned), "haven-pdf depends on {banned}");
    }
}

/// The web crate is a kit and feature folders (ARCHITECTURE.md, "haven-web").
/// The kit is mechanism and names no feature; a feature uses the kit, the
/// core and the store but never another feature, so a change to referrals
/// cannot break screening. Only `lib.rs` (which mounts them) and `views/`
/// (pages that compose several features) may name features. No file grows
/// past 800 lines, so each stays readable in one sitting.
#[test]
fn web_features_never_import_one_another_and_the_kit_names_none() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../haven-web/src");
    let mut features = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && name != "kit" && name != "views" {
            features.push(name);
        }
    }
    features.sort();
    assert!(features.len() >= 12, "{features:?}");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let mut checked = 0;
    for f in crate::helpers::files_under(&src) {
        if f.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(text.lines().count() <= 800, "{rel} has {} lines; split it", text.lines().count());
        let home = rel.split('/').next().unwrap_or_default();
        if rel == "lib.rs" || home == "views" {
            continue;
        }
        for other in &features {
            if other == home {
                continue;
            }
            for needle in [format!("crate::{other}::"), format!("crate::{other}}}"), format!("crate::{{{other}")] {
                assert!(!text.contains(&needle), "{rel} reaches into the {other} feature ({needle})");
            }
        }
        assert!(!text.contains("super::super"), "{rel} climbs out of its feature with super::super");
        checked += 1;
    }
    assert!(checked >= 40, "{checked}");
    for feature in &features {
        assert!(lib.contains(&format!("mod {feature};")), "lib.rs mounts {feature}");
        let module = std::fs::read_to_string(src.join(feature).join("mod.rs")).unwrap();
        assert!(
            module.contains("fn api()") || module.contains("fn pages()"),
            "{feature}/mod.rs exposes api() or pages()"
        );
    }
}

/// R15: assistance never depends on cooperation with investigators. The
/// cooperation record lives in one table, `cooperation_records`, which
/// only `haven-store/src/cooperation.rs` queries (and the backup, which
/// copies every table sealed as it is); only `haven-web/src/cooperation/`
/// calls it, under its own routes. So no other query, page, task, export or
/// report can read it, let alone cross-tabulate it with assistance. Adding a
/// second reader makes this test fail, to make that a deliberate step.
/// utoipa names a schema after its type alone, so two features' `ReviewOut`
/// would be one schema in the OpenAPI document, described wrongly for one
/// of them (a new-user review found exactly that).
#[test]
fn every_api_schema_name_is_used_by_one_type_only() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../haven-web/src");
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut dupes = Vec::new();
    for f in crate::helpers::files_under(&src) {
        if f.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let mut derives_schema = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with("#[derive(") {
                derives_schema = line.contains("ToSchema");
            } else if let Some(rest) = line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum ")) {
                if derives_schema {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if let Some(other) = seen.insert(name.clone(), f.display().to_string()) {
                        dupes.push(format!("{name}: {other} and {}", f.display()));
                    }
                }
                derives_schema = false;
            }
        }
    }
    assert!(seen.len() > 50, "{}", seen.len());
    assert!(dupes.is_empty(), "schema names used twice: {dupes:#?}");
}

#[test]
fn r15_cooperation_is_read_only_by_its_own_module() {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = crates.join("haven-store").join("migrations");
    let mut checked = 0;
    for backend in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(root.join(backend)).unwrap() {
            let path = entry.unwrap().path();
            let sql = std::fs::read_to_string(&path).unwrap().to_lowercase();
            let ddl: String = sql.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
            if path.file_name().unwrap().to_str().unwrap().ends_with("_cooperation.sql") {
                assert_eq!(ddl.matches("create table").count(), 1, "one table, nothing else");
                assert!(!ddl.contains("status"), "the decision is sealed, never a column");
            } else {
                assert!(!ddl.contains("cooperat"), "{} records cooperation", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 22);
    for (method, path) in haven_web::route_list() {
        if path.contains("cooperat") {
            assert!(
                ["/persons/{id}/cooperation", "/api/v1/persons/{id}/cooperation"].contains(&path.as_str()),
                "{method} {path}"
            );
        }
    }
    let readers = |dir: &std::path::Path, needle: &str| -> Vec<String> {
        let mut out = Vec::new();
        for f in crate::helpers::files_under(dir) {
            if !f.extension().is_some_and(|e| e == "rs" || e == "html") {
                continue;
            }
            // An unreadable source must fail the test, not count as "no readers".
            let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            if text.contains(needle) {
                out.push(f.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
        out.sort();
        out
    };
    assert_eq!(
        readers(&crates.join("haven-store").join("src"), "cooperation_records"),
        ["backup.rs", "cooperation.rs"]
    );
    // The store module names no assistance table, so it cannot join one.
    let store = std::fs::read_to_string(crates.join("haven-store/src/cooperation.rs")).unwrap();
    for table in ["referrals", "protection_records", "services", "cases", "screenings", "consents"] {
        assert!(!store.contains(&format!(" {table} ")) && !store.contains(&format!("JOIN {table}")), "{table}");
    }
    for call in ["list_cooperation", "record_cooperation"] {
        // Only the cooperation feature folder names the calls (R15).
        assert_eq!(
            readers(&crates.join("haven-web").join("src"), call),
            ["cooperation/api.rs", "cooperation/pages.rs"],
            "{call}"
        );
        assert_eq!(readers(&crates.join("haven").join("src"), call), Vec::<String>::new(), "{call}");
    }
    assert_eq!(readers(&crates.join("haven-web").join("templates"), "coop-"), ["cooperation.html", "person.html"]);
}

#[test]
fn unsafe_code_is_forbidden_and_unwrap_denied_workspace_wide() {
    let root =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml")).unwrap();
    assert!(root.contains("unsafe_code = \"forbid\""));
    assert!(root.contains("unwrap_used = \"deny\""));
    for krate in ["haven-core", "haven-instrument", "haven-store", "haven-web", "haven"] {
        assert!(manifest(krate).contains("[lints]\nworkspace = true"), "{krate} opts out of workspace lints");
    }
}

/// The live schema of a fresh database on the engine under test:
/// (table, column) pairs.
async fn live_columns() -> Vec<(String, String)> {
    use sqlx::Row;
    let app = crate::helpers::TestApp::spawn().await;
    let pool = app.store.pool();
    let rows = match crate::helpers::backend() {
        haven_store::Backend::Sqlite => {
            let mut out = Vec::new();
            let tables = sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for t in tables {
                let table: String = t.try_get("name").unwrap();
                for c in sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(pool)
                    .await
                    .unwrap()
                {
                    out.push((table.clone(), c.try_get::<String, _>("name").unwrap()));
                }
            }
            out
        }
        haven_store::Backend::Postgres => sqlx::query(
            "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get("t").unwrap(), r.try_get("c").unwrap()))
        .collect(),
    };
    assert!(rows.len() > 100, "the schema was read");
    rows
}

/// (table, column) pairs listed in ARCHITECTURE.md's column table.
fn documented_columns() -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ARCHITECTURE.md");
    let text = std::fs::read_to_string(path).unwrap();
    let section = text.split("## Columns at rest").nth(1).expect("ARCHITECTURE.md has a column table");
    let mut out = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| table") && !l.starts_with("|---")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (table, columns, at_rest) = (cells[1], cells[2], cells[3]);
        assert!(!at_rest.is_empty(), "{line}: say how the columns are kept");
        for c in columns.split(',').map(str::trim) {
            out.push((table.to_owned(), c.to_owned()));
        }
    }
    out
}

#[tokio::test]
async fn every_column_is_in_the_column_table_of_architecture_md() {
    let live: std::collections::BTreeSet<_> = live_columns().await.into_iter().collect();
    let documented: std::collections::BTreeSet<_> = documented_columns().into_iter().collect();
    let missing: Vec<_> = live.difference(&documented).collect();
    assert!(missing.is_empty(), "columns not in ARCHITECTURE.md's column table (say how each is kept): {missing:?}");
    let stale: Vec<_> = documented.difference(&live).collect();
    assert!(stale.is_empty(), "ARCHITECTURE.md lists columns the schema does not have: {stale:?}");
}

#[tokio::test]
async fn every_table_is_in_the_backup() {
    let live: std::collections::BTreeSet<String> = live_columns().await.into_iter().map(|(t, _)| t).collect();
    let backed_up: std::collections::BTreeSet<String> =
        haven_store::backup::TABLES.iter().map(|t| (*t).to_owned()).collect();
    assert_eq!(live, backed_up, "backup::TABLES must list every table (its columns are read from the live schema)");
}

/// Every refusal a rule or a check makes (a `ValidationError` anywhere in
/// the code) has its own translated message in all nine languages, so no
/// one is told only "Please check this field"; and no message a person
/// reads carries a rule code like "(R21)" (the JSON error's `rule` field
/// does). Issue 13's "plain refusals".
#[test]
fn r18_every_refusal_has_a_plain_message_in_every_language() {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut codes = std::collections::BTreeSet::new();
    for f in crate::helpers::files_under(&crates) {
        let path = f.to_string_lossy().replace('\\', "/");
        if !path.ends_with(".rs") || !path.contains("/src/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (at, m) in text.match_indices("ValidationError::new(") {
            // The code is the second argument: the second string literal, or
            // the first when the field is passed as a variable.
            let args = &text[at + m.len()..];
            let field_is_literal = args.trim_start().starts_with('"');
            let quoted: Vec<&str> = args.split('"').skip(1).step_by(2).take(2).collect();
            let code = if field_is_literal { quoted.get(1) } else { quoted.first() };
            if let Some(code) = code {
                codes.insert((*code).to_owned());
            }
        }
    }
    assert!(codes.len() >= 60, "found only {} codes", codes.len());
    let locales = crates.join("haven-web/locales");
    let mut missing = Vec::new();
    for lang in ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"] {
        let ftl = std::fs::read_to_string(locales.join(lang).join("main.ftl")).unwrap();
        for code in &codes {
            if !ftl.lines().any(|l| l.starts_with(&format!("validation-{code} ="))) {
                missing.push(format!("{lang}: validation-{code}"));
            }
        }
        for line in ftl.lines().filter(|l| l.starts_with("validation-")) {
            let shows_code = line.split("(R").skip(1).any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
            assert!(!shows_code, "{lang}: a rule code in a message people read: {line}");
        }
    }
    assert!(missing.is_empty(), "refusals without a plain message:\n{}", missing.join("\n"));
}

/// Every vulnerability an instrument can name has words in every language,
/// so a result page never shows a raw key (found by the new-user review).
#[test]
fn r09_every_vulnerability_an_instrument_names_has_words_in_every_language() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut codes = std::collections::BTreeSet::new();
    for f in crate::helpers::files_under(&root.join("instruments")) {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for line in text.lines().filter(|l| l.trim_start().starts_with("vulnerability = \"")) {
            codes.insert(line.split('"').nth(1).unwrap().to_owned());
        }
    }
    assert!(codes.len() >= 8, "{codes:?}");
    for lang in ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"] {
        let ftl = std::fs::read_to_string(root.join("crates/haven-web/locales").join(lang).join("main.ftl")).unwrap();
        for c in &codes {
            assert!(ftl.lines().any(|l| l.starts_with(&format!("vulnerability-{c} ="))), "{lang}: vulnerability-{c}");
        }
    }
}
