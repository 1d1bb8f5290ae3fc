//! Keyed encodings of people: no plaintext name, place or date leaves the encoder.
//!
//! Each field gets its own keyed Bloom filter (CLK-style, Schnell et al.): every q-gram
//! sets `k` bits at positions `h1 + i·h2 mod m`, where `h1, h2` come from
//! HMAC-SHA256(linkage key, field label ‖ q-gram). The field label salts each field
//! separately, so the same q-gram sets different bits in the name and in the place
//! filter and a frequency table built on one field tells nothing about another. Equality
//! fields (sex, nationality, exact date of birth, birth years) are truncated HMAC tags.
//! Blocking keys are HMAC tags of skeleton prefixes and suffixes. See docs/tracing.md for
//! the threat model.

use std::collections::HashMap;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use thiserror::Error;

use crate::people::{Birth, Person, Sex};
use crate::romanise::{dialect_surnames_as_pinyin, native_qgrams, qgrams, read_name, NameReading};

type HmacSha256 = Hmac<Sha256>;

/// Words (u64) in the name filter: 1024 bits.
pub const NAME_WORDS: usize = 16;
/// Words in the native-script filter: 512 bits.
pub const NATIVE_WORDS: usize = 8;
/// Words in the place filter: 256 bits.
pub const PLACE_WORDS: usize = 4;
const NAME_K: u64 = 12;
const NATIVE_K: u64 = 10;
const PLACE_K: u64 = 8;
/// Years either side of a row's birth years kept as "near" tags.
pub const YEAR_SLACK: i32 = 2;
/// Years added either side of the birth years an age estimate allows: an estimate made by
/// looking at someone is often a year out, and a true pair one year outside it is common
/// where a namesake is not (generated seeds 41/42: F1 +0.004/+0.002; two years cost 0.005).
const AGE_SLACK: i32 = 1;
/// Widest birth-year span kept (an age estimate wider than this is clipped around its middle).
const MAX_YEAR_SPAN: i32 = 20;

/// The secret a partnership shares for linkage: 32 bytes, never the master key.
pub struct LinkageKey([u8; 32]);

impl LinkageKey {
    /// From 32 bytes the caller drew from a CSPRNG (or agreed by key agreement).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        LinkageKey(bytes)
    }

    /// Parses a key file: 64 hex digits, surrounding whitespace ignored.
    pub fn from_hex(text: &str) -> Option<Self> {
        let t = text.trim();
        if t.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(t.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(LinkageKey(out))
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn mac(&self, label: &[u8], value: &[u8]) -> [u8; 32] {
        // HMAC accepts keys of any length; 32 bytes cannot fail.
        let Ok(mut m) = HmacSha256::new_from_slice(&self.0) else {
            return [0; 32];
        };
        m.update(label);
        m.update(&[0]);
        m.update(value);
        m.finalize().into_bytes().into()
    }

    /// A check value stored in ENCODED so that two files under different keys are refused.
    pub fn check(&self) -> [u8; 8] {
        let m = self.mac(b"haven-trace key check v1", b"");
        let mut out = [0u8; 8];
        out.copy_from_slice(&m[..8]);
        out
    }
}

impl Drop for LinkageKey {
    fn drop(&mut self) {
        self.0 = [0; 32];
    }
}

/// One person, encoded. Holds no plaintext except the row's own id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub id: String,
    pub name: [u64; NAME_WORDS],
    pub native: Option<[u64; NATIVE_WORDS]>,
    pub place: Option<[u64; PLACE_WORDS]>,
    pub sex: Option<u32>,
    pub nationality: Option<u32>,
    pub dob: Option<u64>,
    /// Tags of the date of birth's parts, present with `dob`: year and month, year and day,
    /// month and day, and day and month swapped (labelled like month and day, so a date whose
    /// day and month were written the other way round meets it).
    pub dob_parts: Option<[u32; 4]>,
    /// Tags of every birth year the row allows.
    pub years: Vec<u32>,
    /// Tags of those years widened by [`YEAR_SLACK`] either side.
    pub years_near: Vec<u32>,
    /// Keyed blocking tokens.
    pub blocks: Vec<u64>,
}

/// Encodes people under one key; remembers the bit positions of q-grams already seen, which
/// repeat across a file, so a million rows cost far fewer than a million HMACs per field.
pub struct Encoder<'k> {
    key: &'k LinkageKey,
    memo: HashMap<(u8, String), [u64; 2]>,
}

impl<'k> Encoder<'k> {
    pub fn new(key: &'k LinkageKey) -> Self {
        Encoder { key, memo: HashMap::new() }
    }

    fn hashes(&mut self, field: u8, gram: &str) -> [u64; 2] {
        if let Some(h) = self.memo.get(&(field, gram.to_owned())) {
            return *h;
        }
        let m = self.key.mac(&[b'f', field], gram.as_bytes());
        let h1 = u64::from_le_bytes(m[0..8].try_into().unwrap_or_default());
        let h2 = u64::from_le_bytes(m[8..16].try_into().unwrap_or_default()) | 1;
        if self.memo.len() < 4_000_000 {
            self.memo.insert((field, gram.to_owned()), [h1, h2]);
        }
        [h1, h2]
    }

    fn bloom<const W: usize>(&mut self, field: u8, grams: &[String], k: u64) -> [u64; W] {
        let mut bits = [0u64; W];
        let m = (W * 64) as u64;
        for g in grams {
            let [h1, h2] = self.hashes(field, g);
            for i in 0..k {
                let p = h1.wrapping_add(i.wrapping_mul(h2)) % m;
                bits[(p / 64) as usize] |= 1 << (p % 64);
            }
        }
        bits
    }

    fn tag32(&self, label: &[u8], value: &[u8]) -> u32 {
        let m = self.key.mac(label, value);
        u32::from_le_bytes([m[0], m[1], m[2], m[3]])
    }

    fn tag64(&self, label: &[u8], value: &[u8]) -> u64 {
        let m = self.key.mac(label, value);
        u64::from_le_bytes(m[0..8].try_into().unwrap_or_default())
    }

    /// Encodes one person.
    pub fn encode(&mut self, p: &Person) -> Encoded {
        let mut reading = read_name(&p.full_name);
        if p.nationality.as_deref().is_some_and(|n| n.eq_ignore_ascii_case("CHN")) {
            dialect_surnames_as_pinyin(&mut reading.tokens);
        }
        let name = self.bloom::<NAME_WORDS>(1, &qgrams(&reading.tokens), NAME_K);
        let native = if reading.native.is_empty() {
            None
        } else {
            Some(self.bloom::<NATIVE_WORDS>(2, &native_qgrams(&reading.native), NATIVE_K))
        };
        let place_reading = read_name(&p.place_of_origin);
        let place = if place_reading.tokens.is_empty() {
            None
        } else {
            Some(self.bloom::<PLACE_WORDS>(3, &qgrams(&place_reading.tokens), PLACE_K))
        };
        let sex = p.sex.map(|s| self.tag32(b"sex", if s == Sex::Male { b"M" } else { b"F" }));
        let nationality = p.nationality.as_ref().map(|n| self.tag32(b"nat", n.as_bytes()));
        let (dob, dob_parts) = match p.birth {
            Birth::Date(d) => (
                Some(self.tag64(b"dob", format!("{:04}-{:02}-{:02}", d.year, d.month, d.day).as_bytes())),
                Some([
                    self.tag32(b"dob-ym", format!("{:04}-{:02}", d.year, d.month).as_bytes()),
                    self.tag32(b"dob-yd", format!("{:04}-{:02}", d.year, d.day).as_bytes()),
                    self.tag32(b"dob-md", format!("{:02}-{:02}", d.month, d.day).as_bytes()),
                    self.tag32(b"dob-md", format!("{:02}-{:02}", d.day, d.month).as_bytes()),
                ]),
            ),
            _ => (None, None),
        };
        let (mut years, mut years_near) = (Vec::new(), Vec::new());
        if let Some((mut lo, mut hi)) = p.birth_years() {
            if matches!(p.birth, Birth::AgeRange { .. }) {
                lo -= AGE_SLACK;
                hi += AGE_SLACK;
            }
            if hi - lo > MAX_YEAR_SPAN {
                let mid = (lo + hi) / 2;
                lo = mid - MAX_YEAR_SPAN / 2;
                hi = mid + MAX_YEAR_SPAN / 2;
            }
            for y in lo..=hi {
                years.push(self.tag32(b"year", &y.to_le_bytes()));
            }
            for y in lo - YEAR_SLACK..=hi + YEAR_SLACK {
                years_near.push(self.tag32(b"year", &y.to_le_bytes()));
            }
            years.sort_unstable();
            years_near.sort_unstable();
        }
        let blocks = self.blocks(&reading);
        Encoded { id: p.id.clone(), name, native, place, sex, nationality, dob, dob_parts, years, years_near, blocks }
    }

    /// Blocking tokens. Single: the first and last three letters of each name token's
    /// skeleton, and its consonants. Paired: the same for every two tokens of the name together,
    /// which stays selective where one token (a common family name) is shared by thousands.
    /// A typo rarely touches every variant of every token, so true pairs keep a shared block.
    fn blocks(&self, reading: &NameReading) -> Vec<u64> {
        let mut single: Vec<Vec<(u8, Vec<u8>)>> = Vec::new();
        for t in reading.tokens.iter().take(6) {
            let b = t.as_bytes();
            let mut keys = Vec::new();
            if b.len() <= 3 {
                keys.push((b'w', b.to_vec()));
            } else {
                keys.push((b'p', b[..3].to_vec()));
                keys.push((b's', b[b.len() - 3..].to_vec()));
            }
            // The consonants alone survive vowel spellings (Phanthavong, Panthawong).
            let consonants: Vec<u8> = b
                .iter()
                .copied()
                .filter(|c| !matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' | b'h'))
                .collect();
            if consonants.len() >= 3 {
                keys.push((b'c', consonants));
            }
            single.push(keys);
        }
        let mut out = Vec::new();
        for keys in &single {
            for (kind, k) in keys {
                out.push(self.tag64(&[b'b', b'1', *kind], k));
            }
        }
        let paired = &single[..single.len().min(4)];
        for (i, a) in paired.iter().enumerate() {
            for b in &paired[i + 1..] {
                for (ka, va) in a {
                    for (kb, vb) in b {
                        // Order-free: the two halves sorted, so given/family order never matters.
                        let (x, y) = if (ka, va) <= (kb, vb) { ((ka, va), (kb, vb)) } else { ((kb, vb), (ka, va)) };
                        let mut v = Vec::with_capacity(x.1.len() + y.1.len() + 3);
                        v.push(*x.0);
                        v.extend_from_slice(x.1);
                        v.push(0);
                        v.push(*y.0);
                        v.extend_from_slice(y.1);
                        out.push(self.tag64(b"b2", &v));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out.truncate(MAX_LIST);
        out
    }
}

/// Version 2 added the date-of-birth part tags; a version 1 file is refused, not misread.
const MAGIC: &[u8; 8] = b"HAVENTR2";
/// Longest row id kept in ENCODED (bytes).
pub const MAX_ID: usize = 256;
const MAX_LIST: usize = 128;
/// Most records in one ENCODED file.
pub const MAX_RECORDS: usize = 5_000_000;

/// An ENCODED file: the key check and the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedFile {
    pub key_check: [u8; 8],
    pub records: Vec<Encoded>,
}

/// Writes an ENCODED file (binary, little-endian).
pub fn write_encoded(file: &EncodedFile) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + file.records.len() * 220);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&file.key_check);
    out.extend_from_slice(&(file.records.len() as u32).to_le_bytes());
    for r in &file.records {
        let id = r.id.as_bytes();
        let id = &id[..id.len().min(MAX_ID)];
        out.push(id.len() as u8);
        out.push((id.len() >> 8) as u8);
        out.extend_from_slice(id);
        let flags = u8::from(r.native.is_some())
            | u8::from(r.place.is_some()) << 1
            | u8::from(r.sex.is_some()) << 2
            | u8::from(r.nationality.is_some()) << 3
            | u8::from(r.dob.is_some()) << 4;
        out.push(flags);
        r.name.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        if let Some(n) = &r.native {
            n.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        }
        if let Some(p) = &r.place {
            p.iter().for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
        }
        if let Some(s) = r.sex {
            out.extend_from_slice(&s.to_le_bytes());
        }
        if let Some(n) = r.nationality {
            out.extend_from_slice(&n.to_le_bytes());
        }
        if let Some(d) = r.dob {
            out.extend_from_slice(&d.to_le_bytes());
            r.dob_parts.unwrap_or_default().iter().for_each(|t| out.extend_from_slice(&t.to_le_bytes()));
        }
        for list in [&r.years, &r.years_near] {
            let n = list.len().min(MAX_LIST);
            out.push(n as u8);
            list[..n].iter().for_each(|t| out.extend_from_slice(&t.to_le_bytes()));
        }
        let n = r.blocks.len().min(MAX_LIST);
        out.push(n as u8);
        r.blocks[..n].iter().for_each(|t| out.extend_from_slice(&t.to_le_bytes()));
    }
    out
}

#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum EncodedError {
    #[error("not a haven ENCODED file")]
    Magic,
    #[error("the file ends inside record {0}")]
    Truncated(usize),
    #[error("record {0} is malformed: {1}")]
    Malformed(usize, &'static str),
    #[error("the file says it has more than {MAX_RECORDS} records")]
    TooMany,
    #[error("bytes follow the last record")]
    Trailing,
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).and_then(|s| s.try_into().ok()).map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8).and_then(|s| s.try_into().ok()).map(u64::from_le_bytes)
    }
    fn words<const W: usize>(&mut self) -> Option<[u64; W]> {
        let mut out = [0u64; W];
        for w in &mut out {
            *w = self.u64()?;
        }
        Some(out)
    }
}

/// Parses an ENCODED file from untrusted bytes: every length is bounded, nothing panics.
pub fn parse_encoded(bytes: &[u8]) -> Result<EncodedFile, EncodedError> {
    let mut c = Cursor { b: bytes, at: 0 };
    if c.take(8) != Some(MAGIC.as_slice()) {
        return Err(EncodedError::Magic);
    }
    let key_check: [u8; 8] = c.take(8).and_then(|s| s.try_into().ok()).ok_or(EncodedError::Truncated(0))?;
    let count = c.u32().ok_or(EncodedError::Truncated(0))? as usize;
    if count > MAX_RECORDS {
        return Err(EncodedError::TooMany);
    }
    // Never trust the count for allocation beyond what the bytes could hold.
    let mut records = Vec::with_capacity(count.min(bytes.len() / 140 + 1));
    for i in 0..count {
        let t = EncodedError::Truncated(i);
        let id_len = usize::from(c.u8().ok_or(t.clone())?) | usize::from(c.u8().ok_or(t.clone())?) << 8;
        if id_len == 0 || id_len > MAX_ID {
            return Err(EncodedError::Malformed(i, "id length"));
        }
        let id = std::str::from_utf8(c.take(id_len).ok_or(t.clone())?)
            .map_err(|_| EncodedError::Malformed(i, "id is not UTF-8"))?
            .to_owned();
        let flags = c.u8().ok_or(t.clone())?;
        if flags >> 5 != 0 {
            return Err(EncodedError::Malformed(i, "unknown flags"));
        }
        let name = c.words::<NAME_WORDS>().ok_or(t.clone())?;
        let native = if flags & 1 != 0 { Some(c.words::<NATIVE_WORDS>().ok_or(t.clone())?) } else { None };
        let place = if flags & 2 != 0 { Some(c.words::<PLACE_WORDS>().ok_or(t.clone())?) } else { None };
        let sex = if flags & 4 != 0 { Some(c.u32().ok_or(t.clone())?) } else { None };
        let nationality = if flags & 8 != 0 { Some(c.u32().ok_or(t.clone())?) } else { None };
        let dob = if flags & 16 != 0 { Some(c.u64().ok_or(t.clone())?) } else { None };
        let dob_parts = if flags & 16 != 0 {
            Some([
                c.u32().ok_or(t.clone())?,
                c.u32().ok_or(t.clone())?,
                c.u32().ok_or(t.clone())?,
                c.u32().ok_or(t.clone())?,
            ])
        } else {
            None
        };
        let mut lists: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = usize::from(c.u8().ok_or(t.clone())?);
            if n > MAX_LIST {
                return Err(EncodedError::Malformed(i, "list length"));
            }
            for _ in 0..n {
                list.push(c.u32().ok_or(t.clone())?);
            }
        }
        let [years, years_near] = lists;
        let n = usize::from(c.u8().ok_or(t.clone())?);
        if n > MAX_LIST {
            return Err(EncodedError::Malformed(i, "block count"));
        }
        let mut blocks = Vec::with_capacity(n);
        for _ in 0..n {
            blocks.push(c.u64().ok_or(t.clone())?);
        }
        records.push(Encoded { id, name, native, place, sex, nationality, dob, dob_parts, years, years_near, blocks });
    }
    if c.at != bytes.len() {
        return Err(EncodedError::Trailing);
    }
    Ok(EncodedFile { key_check, records })
}
