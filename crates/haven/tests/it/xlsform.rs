//! Screening instruments as XLSForms for KoboToolbox and ODK Collect (R18:
//! the interview in the survivor's language, no question mandatory), checked
//! with the real pyxform, the converter both tools run on upload.
//!
//! pyxform lives in a venv that `scripts/pyxform-check` creates on first
//! run; CI installs it before the Rust tests. Without it these tests fail
//! rather than skip: a form no field team can load is a defect.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::helpers::{haven, TestApp};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn venv() -> PathBuf {
    // Where scripts/pyxform-check (run by scripts/ensure-deps) puts it.
    std::env::var_os("PYXFORM_VENV").map_or_else(|| repo().join("target/pyxform-venv"), PathBuf::from)
}

/// Runs `scripts/pyxform-check` on the files; fails the test when pyxform
/// is not installed instead of letting the script install it mid-test.
fn pyxform_check(files: &[PathBuf]) -> Output {
    let venv = venv();
    assert!(
        venv.join("bin/xls2xform").exists(),
        "pyxform is not installed in {}: run scripts/pyxform-check once (it creates the venv), \
         or set PYXFORM_VENV to a venv that has pyxform",
        venv.display()
    );
    Command::new(repo().join("scripts/pyxform-check")).args(files).env("PYXFORM_VENV", &venv).output().unwrap()
}

fn built_in_ids() -> Vec<String> {
    let out = haven(&["instrument", "list"]);
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split('\t').next())
        .map(str::to_owned)
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    ids
}

#[test]
fn r18_every_built_in_instrument_exports_an_xlsform_pyxform_converts_without_error_or_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for id in built_in_ids() {
        let file = dir.path().join(format!("{id}.xlsx"));
        let out = haven(&["instrument", "xlsform", "--instrument", &id, "--out", file.to_str().unwrap()]);
        assert!(out.status.success(), "{id}: {}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        for lang in ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"] {
            assert!(said.contains(lang), "{id} is exported in {lang}: {said}");
        }
        files.push(file);
    }
    let out = pyxform_check(&files);
    assert!(
        out.status.success(),
        "pyxform refused or warned:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The check above can fail: a warning alone (a language column without a
/// code) or a file pyxform cannot read makes the script exit non-zero.
#[test]
fn r18_the_pyxform_check_fails_on_a_warning_and_on_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let warns = dir.path().join("warns.csv");
    std::fs::write(&warns, "survey,,,\n,type,name,label::Thai\n,text,q1,Hello\n").unwrap();
    let out = pyxform_check(std::slice::from_ref(&warns));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("machine-readable codes"));
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, "not a workbook").unwrap();
    assert!(!pyxform_check(&[broken]).status.success());
}

#[test]
fn an_unknown_instrument_is_refused_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.xlsx");
    let out = haven(&["instrument", "xlsform", "--instrument", "nope", "--out", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!file.exists());
}

#[tokio::test]
async fn r18_the_api_serves_the_xlsform_to_those_who_interview() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/v1/instruments/forced-criminality/xlsform").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment; filename=\"forced-criminality-"), "{disposition}");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    // What the API serves converts as cleanly as what the CLI writes.
    let dir = tempfile::tempdir().unwrap();
    let served = dir.path().join("served.xlsx");
    std::fs::write(&served, &bytes).unwrap();
    let out = pyxform_check(&[served]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    assert_eq!(app.get("/api/v1/instruments/nope/xlsform").send().await.unwrap().status(), 404);
    let auditor = app.user_token("Local organisation", "ngo_assistance", "auditor", "aud_xf").await;
    let res = app
        .client
        .get(app.url("/api/v1/instruments/forced-criminality/xlsform"))
        .bearer_auth(auditor)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "an auditor does not interview");
    let res = app.client.get(app.url("/api/v1/instruments/forced-criminality/xlsform")).send().await.unwrap();
    assert_eq!(res.status(), 401);
}
