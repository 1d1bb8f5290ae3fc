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
    for krate in ["haven-core", "haven-instrument", "haven-store"] {
        let deps = dependencies(krate);
        for banned in ["axum", "serde_json", "askama", "utoipa", "hyper", "tower", "fluent-templates"] {
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

/// R15: assistance never depends on cooperation with investigators. The
/// cooperation record lives in one table, `cooperation_records`, which
/// only `haven-store/src/cooperation.rs` queries (and the backup, which
/// copies every table sealed as it is); only `haven-web/src/cooperation.rs`
/// calls it, under its own routes. So no other query, page, task, export or
/// report can read it, let alone cross-tabulate it with assistance. Adding a
/// second reader makes this test fail, to make that a deliberate step.
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
                ["/persons/{id}/cooperation", "/api/v1/persons/{id}/cooperation"].contains(&path),
                "{method} {path}"
            );
        }
    }
    let readers = |dir: &std::path::Path, needle: &str| -> Vec<String> {
        let mut out = Vec::new();
        for f in crate::helpers::files_under(dir) {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            if f.extension().is_some_and(|e| e == "rs" || e == "html") && text.contains(needle) {
                out.push(f.file_name().unwrap().to_string_lossy().into_owned());
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
        assert_eq!(readers(&crates.join("haven-web").join("src"), call), ["cooperation.rs"], "{call}");
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
