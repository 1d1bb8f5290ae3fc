//! Printable documents: notices and letters as PDF, in any of haven's nine
//! languages.
//!
//! Callers hand over already-translated text as a list of [`Block`]s; this
//! crate picks a font per script, shapes the text (rustybuzz, through
//! krilla's glyph API), breaks lines, paginates on A4 and writes a PDF with
//! embedded font subsets and a text layer, so that the name of the person
//! can be searched and copied from the file.
//!
//! The fonts are compiled in (see `assets/fonts/README.md`): a letter that
//! keeps someone out of detention must render on any machine, without
//! depending on what fonts the host happens to have.
//!
//! Like the core, this crate does no IO: text in, bytes out.

use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;
use rustybuzz::{Face, UnicodeBuffer};

/// One piece of a document, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Bullet(String),
    /// Footnotes, references, signatures.
    Small(String),
    /// Extra vertical space between parts.
    Space,
}

/// A document to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// Shown by PDF readers in the window title.
    pub title: String,
    /// BCP 47 tag of the main language, for screen readers.
    pub lang: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("a bundled font could not be read: {0}")]
    Font(&'static str),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FontId {
    Latin,
    LatinBold,
    Thai,
    Lao,
    Khmer,
    Myanmar,
    Cjk,
}

const FONT_COUNT: usize = 7;

impl FontId {
    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            FontId::Latin => "NotoSans-Regular",
            FontId::LatinBold => "NotoSans-Bold",
            FontId::Thai => "NotoSansThai-Regular",
            FontId::Lao => "NotoSansLao-Regular",
            FontId::Khmer => "NotoSansKhmer-Regular",
            FontId::Myanmar => "NotoSansMyanmar-Regular",
            FontId::Cjk => "DroidSansFallbackFull",
        }
    }

    fn data(self) -> &'static [u8] {
        match self {
            FontId::Latin => include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
            FontId::LatinBold => include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
            FontId::Thai => include_bytes!("../../../assets/fonts/NotoSansThai-Regular.ttf"),
            FontId::Lao => include_bytes!("../../../assets/fonts/NotoSansLao-Regular.ttf"),
            FontId::Khmer => include_bytes!("../../../assets/fonts/NotoSansKhmer-Regular.ttf"),
            FontId::Myanmar => include_bytes!("../../../assets/fonts/NotoSansMyanmar-Regular.ttf"),
            FontId::Cjk => include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf"),
        }
    }

    const ALL: [FontId; FONT_COUNT] =
        [FontId::Latin, FontId::LatinBold, FontId::Thai, FontId::Lao, FontId::Khmer, FontId::Myanmar, FontId::Cjk];
}

/// The font a character's script needs, or `None` for characters every
/// font can carry (spaces, digits, common punctuation), which stay in the
/// run they are in.
fn script_font(c: char) -> Option<FontId> {
    use unicode_script::{Script, UnicodeScript};
    match c.script() {
        Script::Thai => Some(FontId::Thai),
        Script::Lao => Some(FontId::Lao),
        Script::Khmer => Some(FontId::Khmer),
        Script::Myanmar => Some(FontId::Myanmar),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo => Some(FontId::Cjk),
        // Full-width and ideographic punctuation exist only in the CJK font.
        Script::Common if matches!(u32::from(c), 0x3000..=0x303F | 0xFF00..=0xFFEF) => Some(FontId::Cjk),
        Script::Common | Script::Inherited => None,
        _ => Some(FontId::Latin),
    }
}

/// Characters that attach to the one before and must never start a line:
/// combining marks of the scripts we print, and what follows a virama.
fn attaches_to_previous(prev: char, c: char) -> bool {
    let p = u32::from(prev);
    // Khmer coeng and Myanmar virama join the next consonant into a stack.
    if p == 0x17D2 || p == 0x1039 {
        return true;
    }
    matches!(u32::from(c),
        0x0300..=0x036F
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECD
        | 0x17B4..=0x17D3 | 0x17DD
        | 0x102B..=0x103E | 0x1056..=0x1059 | 0x105E..=0x1060 | 0x1062..=0x1064 | 0x1067..=0x106D
        | 0x1071..=0x1074 | 0x1082..=0x108D | 0x108F | 0x109A..=0x109D
        | 0x200C | 0x200D)
}

struct Fonts {
    faces: Vec<Face<'static>>,
    krilla: Vec<Font>,
}

impl Fonts {
    fn load() -> Result<Self, PdfError> {
        let mut faces = Vec::with_capacity(FONT_COUNT);
        let mut krilla = Vec::with_capacity(FONT_COUNT);
        for id in FontId::ALL {
            faces.push(Face::from_slice(id.data(), 0).ok_or(PdfError::Font(id.name()))?);
            krilla.push(Font::new(id.data().into(), 0).ok_or(PdfError::Font(id.name()))?);
        }
        Ok(Fonts { faces, krilla })
    }

    fn has(&self, id: FontId, c: char) -> bool {
        self.faces[id.index()].glyph_index(c).is_some()
    }

    /// Splits text into runs that one font can draw. `base` is the font
    /// for Latin text (regular or bold).
    fn runs(&self, text: &str, base: FontId) -> Vec<(FontId, std::ops::Range<usize>)> {
        let mut runs: Vec<(FontId, std::ops::Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let wanted = match script_font(c) {
                Some(FontId::Latin) => Some(base),
                other => other,
            };
            match (runs.last_mut(), wanted) {
                (Some((f, r)), None) if self.has(*f, c) || c.is_whitespace() => r.end = end,
                (Some((f, r)), Some(w)) if *f == w => r.end = end,
                (_, w) => runs.push((w.unwrap_or(base), i..end)),
            }
        }
        runs
    }

    fn shape(&self, id: FontId, text: &str) -> Vec<KrillaGlyph> {
        let face = &self.faces[id.index()];
        let upem = face.units_per_em().max(1) as f32;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = rustybuzz::shape(face, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let start = info.cluster as usize;
            // A cluster ends where the next cluster starts (left to right:
            // none of the nine languages is written right to left).
            let end = infos[i + 1..]
                .iter()
                .map(|n| n.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len())
                .max(start);
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / upem,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        glyphs
    }

    fn width(&self, text: &str, base: FontId, size: f32) -> f32 {
        self.runs(text, base)
            .into_iter()
            .map(|(f, r)| self.shape(f, &text[r]).iter().map(|g| g.x_advance).sum::<f32>() * size)
            .sum()
    }
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;

struct Line {
    text: String,
    x: f32,
    size: f32,
    base: FontId,
    /// Space above the line's baseline.
    advance: f32,
}

/// The Unicode line breaker (UAX #14) with ICU's dictionaries for Thai, Lao,
/// Khmer and Burmese, which are written without spaces between words: a
/// break may fall only where the dictionary sees a word boundary.
fn line_breaker() -> icu_segmenter::LineSegmenterBorrowed<'static> {
    icu_segmenter::LineSegmenter::new_dictionary(icu_segmenter::options::LineBreakOptions::default())
}

/// Splits text into the smallest pieces a line may break between: words
/// with their trailing space, single ideographs, and the dictionary's words
/// in scripts written without spaces.
fn units(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut last = 0;
    for at in line_breaker().segment_str(text) {
        if at > last {
            out.push(text[last..at].to_owned());
            last = at;
        }
    }
    if last < text.len() {
        out.push(text[last..].to_owned());
    }
    out
}

/// Breaks one piece wider than the line (a word longer than the line, which
/// only a made-up string has) at character boundaries that do not split a
/// cluster: a last resort, so nothing is ever cut off the page.
fn split_long(fonts: &Fonts, unit: &str, base: FontId, size: f32, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in unit.chars() {
        let may_break = prev.is_some_and(|p| !attaches_to_previous(p, c));
        if may_break && !cur.is_empty() {
            let mut tried = cur.clone();
            tried.push(c);
            if fonts.width(&tried, base, size) > width {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
        prev = Some(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn wrap(fonts: &Fonts, text: &str, base: FontId, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut pieces = Vec::new();
    for u in units(text) {
        if fonts.width(u.trim_end(), base, size) > width {
            pieces.extend(split_long(fonts, &u, base, size, width));
        } else {
            pieces.push(u);
        }
    }
    // Each piece is shaped once and the line's width summed, so a long
    // paragraph is not reshaped for every word added to it.
    let mut line_width = 0.0;
    for p in pieces {
        let body = fonts.width(p.trim_end(), base, size);
        if !line.is_empty() && line_width + body > width {
            lines.push(std::mem::take(&mut line).trim_end().to_owned());
            line_width = 0.0;
        }
        line_width += fonts.width(&p, base, size);
        line.push_str(&p);
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

fn layout(fonts: &Fonts, doc: &Doc) -> Vec<Vec<(Line, f32)>> {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pages: Vec<Vec<(Line, f32)>> = vec![Vec::new()];
    let mut y = MARGIN;
    for block in &doc.blocks {
        let (text, size, base, indent, before, bullet) = match block {
            Block::Title(t) => (t.as_str(), 16.0, FontId::LatinBold, 0.0, 0.0, false),
            Block::Heading(t) => (t.as_str(), 12.5, FontId::LatinBold, 0.0, 10.0, false),
            Block::Para(t) => (t.as_str(), 10.5, FontId::Latin, 0.0, 5.0, false),
            Block::Bullet(t) => (t.as_str(), 10.5, FontId::Latin, 14.0, 3.0, true),
            Block::Small(t) => (t.as_str(), 8.5, FontId::Latin, 0.0, 4.0, false),
            Block::Space => {
                y += 12.0;
                continue;
            }
        };
        y += before;
        // Burmese and Khmer stack marks above and below: give them room.
        let leading = size * 1.75;
        for (i, l) in wrap(fonts, text, base, size, width - indent).into_iter().enumerate() {
            if y + leading > PAGE_H - MARGIN {
                pages.push(Vec::new());
                y = MARGIN;
            }
            y += leading;
            let page = pages.len() - 1;
            if bullet && i == 0 {
                pages[page]
                    .push((Line { text: "•".into(), x: MARGIN + 2.0, size, base: FontId::Latin, advance: leading }, y));
            }
            pages[page].push((Line { text: l, x: MARGIN + indent, size, base, advance: leading }, y));
        }
    }
    pages
}

/// Renders a document to PDF bytes.
pub fn render(doc: &Doc) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::load()?;
    let pages = layout(&fonts, doc);
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(doc.title.clone()).language(doc.lang.clone()));
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError::Write("page size".into()))?;
    for lines in &pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for (line, y) in lines {
            let mut x = line.x;
            let _ = line.advance;
            for (f, range) in fonts.runs(&line.text, line.base) {
                let text = &line.text[range];
                let glyphs = fonts.shape(f, text);
                surface.draw_glyphs(
                    Point::from_xy(x, *y),
                    &glyphs,
                    fonts.krilla[f.index()].clone(),
                    text,
                    line.size,
                    false,
                );
                x += glyphs.iter().map(|g| g.x_advance).sum::<f32>() * line.size;
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn every_script_has_a_font_with_its_glyphs() {
        let fonts = Fonts::load().unwrap();
        for (sample, id) in [
            ("Nguyễn Văn Anh", FontId::Latin),
            ("สมชาย", FontId::Thai),
            ("ສົມໃຈ", FontId::Lao),
            ("សុខា", FontId::Khmer),
            ("အောင်ကျော်", FontId::Myanmar),
            ("王小明", FontId::Cjk),
        ] {
            let runs = fonts.runs(sample, FontId::Latin);
            assert_eq!(runs.len(), 1, "{sample}");
            assert_eq!(runs[0].0, id, "{sample}");
            for g in fonts.shape(id, sample) {
                assert_ne!(g.glyph_id.to_u32(), 0, "{sample} has a missing glyph");
            }
        }
    }

    #[test]
    fn long_text_wraps_within_the_margins_in_every_script() {
        let fonts = Fonts::load().unwrap();
        let width = PAGE_W - 2.0 * MARGIN;
        for text in [
            "Under the non-punishment principle this person must not be detained, charged or prosecuted for acts they were compelled to commit. ".repeat(3),
            "บุคคลนี้ต้องไม่ถูกควบคุมตัวหรือถูกดำเนินคดีสำหรับการกระทำที่ถูกบังคับให้กระทำอันเป็นผลมาจากการถูกค้ามนุษย์".repeat(3),
            "根据不惩罚原则，此人不得因被贩运而被迫实施的行为而被拘留、起诉或惩罚。".repeat(4),
            "ဤပုဂ္ဂိုလ်ကို လူကုန်ကူးခံရမှု၏ အကျိုးဆက်အဖြစ် ကျူးလွန်ခဲ့ရသော လုပ်ရပ်များအတွက် ထိန်းသိမ်းခြင်း မပြုရပါ။".repeat(3),
        ] {
            let lines = wrap(&fonts, &text, FontId::Latin, 10.5, width);
            assert!(lines.len() > 1, "{text}");
            for l in &lines {
                assert!(fonts.width(l, FontId::Latin, 10.5) <= width + 0.5, "overflow: {l}");
            }
            let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(joined, original, "wrapping must not lose or reorder text");
        }
    }

    /// The catalogue's notice strings for one language, as (key, text).
    fn notice_strings(lang: &str) -> Vec<(String, String)> {
        let path = format!("{}/../haven-web/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("notice-"))
            .filter_map(|l| l.split_once(" = "))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    /// R12: the notice must be readable in the person's language. Thai, Lao,
    /// Khmer and Burmese put no spaces between words, so breaking at spaces
    /// alone cuts words in half; the longest paragraph of the notice and its
    /// title (the widest line, set large) must break only between words and
    /// never run past the margin. Chinese may break between any two
    /// characters, as Chinese typesetting does, so only its width is checked.
    #[test]
    fn r12_the_longest_notice_string_of_every_language_breaks_between_words_within_a4() {
        let fonts = Fonts::load().unwrap();
        let width = PAGE_W - 2.0 * MARGIN;
        let words = icu_segmenter::WordSegmenter::new_dictionary(Default::default());
        for lang in ["en", "th", "vi", "my", "km", "lo", "id", "tl", "zh-Hans"] {
            let strings = notice_strings(lang);
            assert!(strings.len() >= 10, "{lang}");
            let longest = strings.iter().map(|(_, v)| v.clone()).max_by_key(|v| v.chars().count()).unwrap();
            let title = strings.iter().find(|(k, _)| k == "notice-title").unwrap().1.clone();
            for (text, size, base) in [(longest, 10.5, FontId::Latin), (title, 16.0, FontId::LatinBold)] {
                let lines = wrap(&fonts, &text, base, size, width);
                let boundaries: Vec<usize> = words.segment_str(&text).collect();
                let mut at = 0;
                for (i, line) in lines.iter().enumerate() {
                    assert!(fonts.width(line, base, size) <= width + 0.5, "{lang}: line overflows the margin: {line}");
                    let start = at + text[at..].find(line.as_str()).unwrap();
                    at = start + line.len();
                    if i + 1 < lines.len() && lang != "zh-Hans" {
                        assert!(boundaries.contains(&at), "{lang}: a line break falls inside a word after {line}");
                    }
                }
                let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
                let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(joined, original, "{lang}: wrapping lost or reordered text");
            }
        }
    }

    /// The check above can fail: a line broken by characters alone, as the
    /// old wrapper did, splits Thai words.
    #[test]
    fn a_break_between_characters_is_seen_as_inside_a_word() {
        let words = icu_segmenter::WordSegmenter::new_dictionary(Default::default());
        let text = "ภาษาไทย";
        let boundaries: Vec<usize> = words.segment_str(text).collect();
        assert!(boundaries.contains(&"ภาษา".len()));
        assert!(!boundaries.contains(&"ภา".len()));
    }

    #[test]
    fn a_long_document_paginates_and_renders() {
        let mut blocks = vec![Block::Title("Title".into())];
        for i in 0..120 {
            blocks.push(Block::Para(format!("Paragraph {i}: some text that fills the page.")));
        }
        let doc = Doc { title: "t".into(), lang: "en".into(), blocks };
        let fonts = Fonts::load().unwrap();
        assert!(layout(&fonts, &doc).len() > 1);
        let bytes = render(&doc).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
