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

/// R15: assistance never depends on cooperation with investigators. Today
/// that holds by absence: no table, column or route records cooperation, so
/// no rule, permission or report can relate the two. Whoever adds a
/// cooperation record must add it as a separate restricted record, with
/// tests that every assistance step proceeds whatever it says; this test
/// fails first, to make that a deliberate step.
#[test]
fn r15_no_table_column_or_route_records_cooperation_with_investigators() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("haven-store").join("migrations");
    let mut checked = 0;
    for backend in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(root.join(backend)).unwrap() {
            let sql = std::fs::read_to_string(entry.unwrap().path()).unwrap().to_lowercase();
            let ddl: String = sql.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
            assert!(!ddl.contains("cooperat"), "a migration records cooperation");
            checked += 1;
        }
    }
    assert!(checked >= 18);
    for (method, path) in haven_web::route_list() {
        assert!(!path.contains("cooperat"), "{method} {path} records cooperation");
    }
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
