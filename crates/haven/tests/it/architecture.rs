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
