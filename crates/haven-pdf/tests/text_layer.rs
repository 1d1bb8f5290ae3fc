//! The PDF carries a real text layer in every script: a reader (and
//! `pdftotext`, from poppler-utils, which `scripts/ensure-deps` installs)
//! gets back the very names that were printed. A notice whose name cannot be
//! found or copied is worth less to the person holding it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use haven_pdf::{render, Block, Doc};

const NAMES: [&str; 9] = [
    "John Smith",
    "สมชาย ใจดี",
    "Nguyễn Văn Anh",
    "အောင်ကျော်",
    "សុខ សុភា",
    "ສົມໃຈ ແກ້ວ",
    "Siti Rahayu",
    "Maria Santos",
    "王小明",
];

#[test]
fn every_script_prints_and_extracts_back_as_text() {
    let mut blocks = vec![Block::Title("Non-punishment notice".into())];
    for n in NAMES {
        blocks.push(Block::Para(format!("Name: {n}")));
    }
    let pdf = render(&Doc { title: "Notice".into(), lang: "en".into(), blocks }).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed: run scripts/ensure-deps");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for n in NAMES {
        assert!(text.contains(n), "{n} not found in the extracted text:\n{text}");
    }
}
