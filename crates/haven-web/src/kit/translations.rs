//! The native-review round trip (R18): the rows a reviewer gets for one
//! language, and the checks and writing of what they send back.
//!
//! `haven i18n export` writes [`review_rows`] as a spreadsheet; `haven i18n
//! import` passes the sheet to [`import`], which checks every row
//! (placeholders, Fluent syntax, the term base) and, only if all pass,
//! writes DATA_DIR/i18n/LANG.ftl. The server loads that file over the
//! built-in catalogue at start ([`super::i18n::load_overrides`]), checking it
//! again, so a file edited by hand is held to the same rules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use haven_formats::translations::{ReviewRow, ReviewSheet};

use super::catalogue::{self, Message};
use super::termbase::{termbase, Scope};

/// The rows for a reviewer of `lang`: every English message with its
/// current translation (imported corrections included), where it appears,
/// the term base's words for the terms it names, and whether it is
/// reviewed.
pub fn review_rows(lang: &str) -> Result<Vec<ReviewRow>, String> {
    if lang == "en" || !super::i18n::LANGUAGES.iter().any(|(c, _)| *c == lang) {
        return Err(format!("{lang:?} is not a translated language (one of th, vi, my, km, lo, id, tl, zh-Hans)"));
    }
    let en = catalogue::parse(catalogue::SOURCES[0].1).map_err(|e| e.to_string())?;
    let current = super::i18n::current_sources(lang);
    let reviewed = super::i18n::reviewed_keys(lang);
    let tb = termbase();
    Ok(en
        .into_iter()
        .map(|m| {
            let hints: Vec<String> = tb
                .terms_in(&m.text)
                .into_iter()
                .filter_map(|t| t.words.get(lang).map(|w| format!("{} = {w}", t.en.join(" / "))))
                .collect();
            ReviewRow {
                translation: current.get(&m.key).cloned().unwrap_or_default(),
                reviewed: reviewed.contains(&m.key),
                context: catalogue::context(&m.key),
                term_base: hints.join("\n"),
                english: m.source,
                key: m.key,
            }
        })
        .collect())
}

/// The coverage table of `docs/translations.md`: per language, how many
/// strings a native speaker reviewed (the catalogue's REVIEWED marks) and
/// how many are still machine-quality, overall and among the strings a
/// survivor reads. Built-in catalogues only: an installation's imports are
/// shown by `haven i18n export`.
pub fn coverage_table() -> String {
    let en = catalogue::built_in("en");
    let survivor: Vec<&String> =
        en.keys().filter(|k| catalogue::audience(k) == catalogue::Audience::Survivor).collect();
    let mut out = String::from(
        "| language | strings | reviewed | machine-quality | survivor-facing reviewed |\n|---|---|---|---|---|\n",
    );
    for (code, name) in super::i18n::LANGUAGES.iter().skip(1) {
        let c = catalogue::built_in(code);
        let reviewed = c.values().filter(|m| m.reviewed).count();
        let sv = survivor.iter().filter(|k| c.get(k.as_str()).is_some_and(|m| m.reviewed)).count();
        out.push_str(&format!(
            "| {name} ({code}) | {} | {reviewed} | {} | {sv} of {} |\n",
            c.len(),
            c.len() - reviewed,
            survivor.len()
        ));
    }
    out
}

/// Checks a catalogue for `lang` written for import or loaded from
/// DATA_DIR/i18n: it parses as Fluent with nothing dropped, every key is a
/// key of the English catalogue and appears once, each message uses exactly
/// the English message's variables, and each uses the term base's words.
/// Every problem is listed, not only the first.
pub fn check_override(lang: &str, source: &str) -> Result<Vec<Message>, Vec<String>> {
    let messages = catalogue::parse(source).map_err(|e| e.0)?;
    let en = catalogue::built_in("en");
    let tb = termbase();
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for m in &messages {
        if !seen.insert(m.key.clone()) {
            problems.push(format!("{}: defined twice", m.key));
            continue;
        }
        let Some(e) = en.get(&m.key) else {
            problems.push(format!("{}: not a key of the English catalogue", m.key));
            continue;
        };
        if m.variables != e.variables {
            let names = |v: &std::collections::BTreeSet<String>| {
                v.iter().map(|n| format!("{{ ${n} }}")).collect::<Vec<_>>().join(" ")
            };
            problems.push(format!(
                "{}: uses the placeholders [{}] but the English uses [{}]",
                m.key,
                names(&m.variables),
                names(&e.variables)
            ));
        }
        if m.text.trim().is_empty() && !e.text.trim().is_empty() {
            problems.push(format!("{}: empty", m.key));
        }
        problems.extend(tb.check(Scope::Catalogue, &m.key, &e.text, lang, &m.text).iter().map(ToString::to_string));
    }
    if problems.is_empty() {
        Ok(messages)
    } else {
        Err(problems)
    }
}

/// What an import changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub lang: String,
    pub path: PathBuf,
    /// Messages whose text now differs from the built-in catalogue.
    pub changed: usize,
    /// Messages marked reviewed.
    pub reviewed: usize,
}

/// The file an import writes for `lang`.
pub fn override_path(data_dir: &Path, lang: &str) -> PathBuf {
    data_dir.join("i18n").join(format!("{lang}.ftl"))
}

/// Checks a reviewer's sheet and, if every row passes, writes the
/// language's reviewed catalogue under `data_dir` and applies it to this
/// process. Rows whose text equals the built-in one and that are not marked
/// reviewed are left out, so the file holds only what the review changed or
/// confirmed. Nothing is written when any row fails.
pub fn import(data_dir: &Path, sheet: &ReviewSheet) -> Result<Imported, Vec<String>> {
    let lang = sheet.language.as_str();
    if lang == "en" || !super::i18n::LANGUAGES.iter().any(|(c, _)| *c == lang) {
        return Err(vec![format!("the sheet's language {lang:?} is not a translated language")]);
    }
    let built_in: &BTreeMap<String, Message> = catalogue::built_in(lang);
    let mut out = format!(
        "# haven: {lang} strings reviewed by a native speaker, imported with `haven i18n import`.\n\
         # These take the place of the built-in catalogue's; the server checks this file at start.\n\n"
    );
    let mut problems = Vec::new();
    let (mut changed, mut reviewed) = (0, 0);
    for row in &sheet.rows {
        let Some(current) = built_in.get(&row.key) else {
            problems.push(format!("{}: not a key of the catalogue", row.key));
            continue;
        };
        let text = row.translation.trim();
        if text.is_empty() {
            problems.push(format!("{}: the translation is empty", row.key));
            continue;
        }
        let differs = text != current.source.trim();
        if !differs && !row.reviewed {
            continue;
        }
        changed += usize::from(differs);
        reviewed += usize::from(row.reviewed);
        out.push_str(&catalogue::entry(&row.key, text, row.reviewed));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    check_override(lang, &out)?;
    let path = override_path(data_dir, lang);
    write_atomically(&path, &out).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    super::i18n::install_override(lang, &out)?;
    Ok(Imported { lang: lang.to_owned(), path, changed, reviewed })
}

/// Writes beside the target and renames, so a server starting meanwhile
/// reads the old file or the new one, never half of one.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().ok_or_else(|| std::io::Error::other("no directory"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension("ftl.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::i18n::Tr;

    fn sheet(lang: &str, edits: &[(&str, &str, bool)]) -> ReviewSheet {
        let mut rows = review_rows(lang).unwrap();
        for (key, text, reviewed) in edits {
            let r = rows.iter_mut().find(|r| r.key == *key).unwrap();
            r.translation = (*text).to_owned();
            r.reviewed = *reviewed;
        }
        ReviewSheet { language: lang.to_owned(), rows }
    }

    /// R18: the round trip a native reviewer makes. Export, edit one cell,
    /// import: the page's lookup shows the correction and the string counts
    /// as reviewed. The spreadsheet itself goes through the XLSX writer and
    /// reader the CLI uses.
    #[test]
    fn r18_a_reviewed_sheet_round_trips_into_the_pages() {
        let dir = tempdir();
        // A key no other test reads, so this process-wide change is safe.
        let key = "persons-search-hint";
        let mut rows = review_rows("km").unwrap();
        assert_eq!(rows.len(), catalogue::built_in("en").len());
        let row = rows.iter_mut().find(|r| r.key == key).unwrap();
        assert!(!row.reviewed && row.context.contains("people"));
        let corrected = "វាយឈ្មោះជាអក្សរណាមួយក៏បាន ឬជាអក្សរឡាតាំង៖ ការស្វែងរក \"Nguyen\" ក៏រកឃើញ \"Nguyễn\" ដែរ។";
        assert_ne!(Tr::new("km").t(key), corrected);
        row.translation = corrected.to_owned();
        row.reviewed = true;
        let xlsx = haven_formats::translations::write_xlsx("km", &rows).unwrap();
        let back = haven_formats::translations::parse_xlsx(&xlsx).unwrap();
        let done = import(&dir, &back).unwrap();
        assert_eq!((done.changed, done.reviewed), (1, 1));
        assert_eq!(Tr::new("km").t(key), corrected);
        assert!(crate::kit::i18n::reviewed_keys("km").contains(key));
        // The file the server loads at start says the same.
        let file = std::fs::read_to_string(override_path(&dir, "km")).unwrap();
        assert!(file.contains(corrected) && file.contains(catalogue::REVIEWED_MARK));
        assert!(crate::kit::i18n::load_overrides(&dir.join("i18n")).is_empty());
        // And the next export starts from the corrected, reviewed text.
        let again = review_rows("km").unwrap();
        let r = again.iter().find(|r| r.key == key).unwrap();
        assert_eq!((r.translation.as_str(), r.reviewed), (corrected, true));
    }

    #[test]
    fn r18_an_import_that_breaks_a_placeholder_fluent_or_the_term_base_is_refused_whole() {
        let dir = tempdir();
        // A lost placeholder.
        let err = import(&dir, &sheet("vi", &[("nav-signed-in-as", "Đã đăng nhập", true)])).unwrap_err();
        assert!(err.iter().any(|e| e.contains("nav-signed-in-as") && e.contains("username")), "{err:?}");
        // Broken Fluent.
        let err = import(&dir, &sheet("vi", &[("login-title", "Đăng nhập { $", true)])).unwrap_err();
        assert!(!err.is_empty());
        // The term base: "notice" is paunawa in Tagalog, not abiso.
        let err = import(&dir, &sheet("tl", &[("notice-send-to", "Ipadala ang abiso sa", true)])).unwrap_err();
        assert!(err.iter().any(|e| e.contains("paunawa")), "{err:?}");
        // One good row beside a bad one: nothing is written or applied.
        let err = import(
            &dir,
            &sheet("vi", &[("persons-prev", "Trang trước (đã duyệt)", true), ("nav-signed-in-as", "x", true)]),
        );
        assert!(err.is_err());
        assert!(!override_path(&dir, "vi").exists());
        assert_ne!(Tr::new("vi").t("persons-prev"), "Trang trước (đã duyệt)");
    }

    #[test]
    fn r18_a_bad_file_in_the_data_directory_is_refused_at_start_and_the_built_in_stays() {
        let dir = tempdir().join("i18n");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("lo.ftl"), "persons-next = ໜ້າຕໍ່ໄປ (ok)\nnav-signed-in-as = ບໍ່ມີຊື່\n").unwrap();
        let refused = crate::kit::i18n::load_overrides(&dir);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].lang, "lo");
        assert_ne!(Tr::new("lo").t("persons-next"), "ໜ້າຕໍ່ໄປ (ok)", "not half-applied");
    }

    #[test]
    fn every_built_in_catalogue_passes_the_import_checks() {
        for (lang, src) in catalogue::SOURCES.iter().skip(1) {
            check_override(lang, src).unwrap_or_else(|e| panic!("{lang}: {}", e.join("\n")));
        }
    }

    /// R18: a survivor choosing their language sees, in that language,
    /// that its wording is not yet reviewed; once every survivor-facing
    /// string is reviewed the mark goes.
    #[test]
    fn r18_the_language_menu_marks_languages_whose_survivor_strings_are_not_reviewed() {
        let menu = crate::kit::i18n::language_menu();
        assert_eq!(menu[0], ("en", "English".to_owned()));
        let th = &menu.iter().find(|(c, _)| *c == "th").unwrap().1;
        assert!(th.starts_with("ไทย (") && th.contains(&Tr::new("th").t("nav-language-unreviewed")), "{th}");
        let id_label = |m: &[(&str, String)]| m.iter().find(|(c, _)| *c == "id").unwrap().1.clone();
        assert_ne!(id_label(&menu), "Bahasa Indonesia");
        // Review every survivor-facing Indonesian string (text unchanged).
        let mut rows = review_rows("id").unwrap();
        for r in rows.iter_mut().filter(|r| catalogue::audience(&r.key) == catalogue::Audience::Survivor) {
            r.reviewed = true;
        }
        let dir = tempdir();
        import(&dir, &ReviewSheet { language: "id".into(), rows }).unwrap();
        assert_eq!(id_label(&crate::kit::i18n::language_menu()), "Bahasa Indonesia");
    }

    /// The coverage in `docs/translations.md` is what the catalogues say.
    #[test]
    fn r18_the_documented_coverage_is_the_measured_one() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/translations.md")).unwrap();
        let table = coverage_table();
        assert!(doc.contains(&table), "docs/translations.md is out of date; it should contain:\n{table}");
    }

    fn tempdir() -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let d = std::env::temp_dir().join(format!(
            "haven-i18n-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
