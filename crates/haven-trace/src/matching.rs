//! Matching two ENCODED files: blocking, Fellegi–Sunter-style scoring, a one-to-one solve.
//!
//! Scores are sums of per-field log-likelihood weights: each field that both rows carry
//! adds evidence for or against; a field missing on either side adds nothing, so a report
//! with no date of birth is neither helped nor hurt by it. An age estimate becomes a range
//! of birth years (at the row's date), compared with the other row's range or year.

use std::collections::HashMap;

use crate::encode::{Encoded, NAME_WORDS, NATIVE_WORDS, PLACE_WORDS};

/// Tuning of the matcher. The defaults are the documented ones (docs/tracing.md).
#[derive(Debug, Clone, Copy)]
pub struct MatchConfig {
    /// Pairs scoring below this (a probability-like value in 0..1) are not matches.
    pub threshold: f64,
    /// A blocking key shared by more right-hand rows than this is skipped for a left row
    /// that has a more selective key (common family names would otherwise dominate); a name
    /// that has no other key keeps its most selective one.
    pub max_block: usize,
    /// Worker threads.
    pub threads: usize,
}

impl Default for MatchConfig {
    fn default() -> Self {
        MatchConfig { threshold: 0.5, max_block: 2_000, threads: 2 }
    }
}

/// One accepted match, indices into the left and right record lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    pub left: usize,
    pub right: usize,
    pub score: f64,
}

/// What a run did, for progress and throughput reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct MatchStats {
    /// Pairs scored (each computes one or two Dice coefficients).
    pub comparisons: u64,
    pub candidates_above_threshold: u64,
}

#[inline]
fn popcount<const W: usize>(a: &[u64; W]) -> u32 {
    a.iter().map(|w| w.count_ones()).sum()
}

/// Bits set in both arrays.
#[inline]
fn common<const W: usize>(a: &[u64; W], b: &[u64; W]) -> u32 {
    let mut inter = 0u32;
    for i in 0..W {
        inter += (a[i] & b[i]).count_ones();
    }
    inter
}

/// Name similarity: the mean of Dice and the overlap coefficient, so that a name written with
/// one part left out (a Vietnamese middle name, a second given name) loses less than a name
/// that differs.
#[inline]
fn name_similarity<const W: usize>(a: &[u64; W], b: &[u64; W], pa: u32, pb: u32) -> f64 {
    let smaller = pa.min(pb);
    if smaller == 0 {
        return 0.0;
    }
    let inter = f64::from(common(a, b));
    0.5 * (2.0 * inter / f64::from(pa + pb) + inter / f64::from(smaller))
}

/// Dice coefficient of two bit arrays, given their popcounts.
#[inline]
pub fn dice<const W: usize>(a: &[u64; W], b: &[u64; W], pa: u32, pb: u32) -> f64 {
    let total = pa + pb;
    if total == 0 {
        return 0.0;
    }
    let mut inter = 0u32;
    for i in 0..W {
        inter += (a[i] & b[i]).count_ones();
    }
    2.0 * f64::from(inter) / f64::from(total)
}

fn intersects(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

/// Records with their popcounts computed once.
pub struct Prepared<'a> {
    recs: &'a [Encoded],
    name_pop: Vec<u32>,
    native_pop: Vec<u32>,
    place_pop: Vec<u32>,
}

impl<'a> Prepared<'a> {
    pub fn new(recs: &'a [Encoded]) -> Self {
        Prepared {
            recs,
            name_pop: recs.iter().map(|r| popcount(&r.name)).collect(),
            native_pop: recs.iter().map(|r| r.native.as_ref().map_or(0, popcount)).collect(),
            place_pop: recs.iter().map(|r| r.place.as_ref().map_or(0, popcount)).collect(),
        }
    }
}

/// Name similarity that is neither for nor against a match.
const NAME_NEUTRAL: f64 = 0.80;
/// Log-odds per unit of name similarity.
const NAME_SLOPE: f64 = 40.0;

/// Log-likelihood weight of a pair, before the threshold offset and the name-frequency
/// adjustment.
pub fn weight(a: &Prepared<'_>, i: usize, b: &Prepared<'_>, j: usize) -> f64 {
    weight_and_name(a, i, b, j).0
}

/// The weight, and the name similarity it rests on.
fn weight_and_name(a: &Prepared<'_>, i: usize, b: &Prepared<'_>, j: usize) -> (f64, f64) {
    let d = name_of(a, i, b, j);
    (weight_given_name(a, i, b, j, d), d)
}

/// Name similarity of a pair: Latin readings, or native script when both have it and it agrees
/// better.
#[inline]
pub fn name_of(a: &Prepared<'_>, i: usize, b: &Prepared<'_>, j: usize) -> f64 {
    let (x, y) = (&a.recs[i], &b.recs[j]);
    let mut d = name_similarity::<NAME_WORDS>(&x.name, &y.name, a.name_pop[i], b.name_pop[j]);
    if let (Some(nx), Some(ny)) = (&x.native, &y.native) {
        d = d.max(name_similarity::<NATIVE_WORDS>(nx, ny, a.native_pop[i], b.native_pop[j]));
    }
    d
}

/// Both rows carry the same date of birth.
const DATE_SAME: f64 = 5.0;
/// The same date with day and month the other way round.
const DATE_SWAPPED: f64 = 3.5;
/// Two of year, month and day the same.
const DATE_TWO_OF_THREE: f64 = 2.5;
/// Two full dates that differ in two parts or all three.
const DATE_DIFFERENT: f64 = -1.0;

/// Most that fields other than the name can add (sex, date of birth, nationality, place).
const MAX_OTHER: f64 = 0.5 + DATE_SAME + 0.5 + 2.0;

fn weight_given_name(a: &Prepared<'_>, i: usize, b: &Prepared<'_>, j: usize, d: f64) -> f64 {
    let (x, y) = (&a.recs[i], &b.recs[j]);
    // Name agreement: the main evidence. A similarity of 0.80 is neutral; each 0.025 above or
    // below moves the odds by e.
    let mut w = ((d - NAME_NEUTRAL) * NAME_SLOPE).clamp(-12.0, 6.0);
    if let (Some(sx), Some(sy)) = (x.sex, y.sex) {
        w += if sx == sy { 0.5 } else { -6.0 };
    }
    // Two full dates settle the birth year between them: the same date; the same date with day
    // and month swapped; two of year, month and day the same (a misread month, a slipped day,
    // a year off by a keystroke); or a different date. Only a different date in a different
    // year goes on to the birth-year comparison, for how far apart the years are.
    let mut dates_compared = false;
    if let (Some(dx), Some(dy), Some(px), Some(py)) = (x.dob, y.dob, x.dob_parts, y.dob_parts) {
        dates_compared = true;
        if dx == dy {
            w += DATE_SAME;
        } else if px[2] == py[3] && intersects(&x.years, &y.years) {
            w += DATE_SWAPPED;
        } else if px[0] == py[0] || px[1] == py[1] || px[2] == py[2] {
            w += DATE_TWO_OF_THREE;
        } else {
            w += DATE_DIFFERENT;
            dates_compared = intersects(&x.years, &y.years);
        }
    }
    if !dates_compared && !x.years.is_empty() && !y.years.is_empty() {
        if intersects(&x.years, &y.years) {
            w += if x.years.len() == 1 && y.years.len() == 1 { 2.5 } else { 1.2 };
        } else if intersects(&x.years, &y.years_near) || intersects(&x.years_near, &y.years) {
            w -= 1.0;
        } else {
            w -= 5.0;
        }
    }
    if let (Some(nx), Some(ny)) = (x.nationality, y.nationality) {
        w += if nx == ny { 0.5 } else { -3.0 };
    }
    if let (Some(px), Some(py)) = (&x.place, &y.place) {
        let pd = dice::<PLACE_WORDS>(px, py, a.place_pop[i], b.place_pop[j]);
        w += ((pd - 0.5) * 4.0).clamp(-2.0, 2.0);
    }
    w
}

/// Name Dice at or above which two rows count as "the same name" for the frequency adjustment.
const SAME_NAME: f64 = 0.8;

/// The weight at which a pair is as likely a match as not (score 0.5) when nothing competes
/// with it.
const OFFSET: f64 = 4.0;

/// How much of the frequency adjustment's ln k is kept (see [`link`]); the rest is left to the
/// competition between candidates, which sees the other fields too.
const FREQUENCY: f64 = 0.75;

/// How strongly a pair's competitors (other candidates of either row) count against it.
const COMPETITION: f64 = 0.5;

/// Most log-odds competition can take off a pair. Two rows in one file that agree on every
/// field are more likely the same person recorded twice than rivals; without a cap they would
/// halve each other's odds however strong the evidence.
const MAX_COMPETITION: f64 = 4.0;

/// Probability-like score of a weight.
pub fn score_of(w: f64) -> f64 {
    1.0 / (1.0 + (-(w - OFFSET)).exp())
}

/// Links `left` against `right`: every pair sharing a blocking key is scored, pairs above the
/// threshold are solved one-to-one (greedy by score, ties by index, so the result is
/// deterministic). `progress` is called with the number of left rows done so far.
///
/// A pair's score weighs it against its competitors. With weights `w` (log-odds against a
/// single candidate), the chance that left row i is right row j is about
/// `e^w(i,j) / (e^OFFSET + Σ e^w(i,j') + Σ e^w(i',j))` over the other candidates of both rows:
/// a report whose name two records share equally is an even bet between them, not a sure
/// match to either, while a namesake whose birth year conflicts hardly counts. Those sums are
/// taken at [`COMPETITION`] strength, since the one-to-one solve also settles some of it, and
/// take off at most [`MAX_COMPETITION`]; they are linear in the pairs scored (one sum per left
/// row, one array over the right rows).
pub fn link(
    left: &[Encoded],
    right: &[Encoded],
    config: &MatchConfig,
    progress: &(dyn Fn(usize) + Sync),
) -> (Vec<Match>, MatchStats) {
    let lp = Prepared::new(left);
    let rp = Prepared::new(right);
    let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
    for (j, r) in right.iter().enumerate() {
        for &k in &r.blocks {
            index.entry(k).or_default().push(j as u32);
        }
    }
    let threads = config.threads.max(1);
    let chunk = left.len().div_ceil(threads).max(1);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let min_weight = -(1.0 / config.threshold.clamp(1e-9, 1.0 - 1e-9) - 1.0).ln() + OFFSET;
    // A name so unlike that no other field could lift the pair to the threshold is not scored
    // further (the other fields sit in other cache lines).
    let name_floor = NAME_NEUTRAL + (min_weight - MAX_OTHER) / NAME_SLOPE;
    // Per thread: candidates (the score still a weight) with their row's competition sum,
    // comparisons, and every right row's competition sum over this thread's left rows.
    type Part = (Vec<(Match, f64)>, u64, Vec<f64>);
    let results: Vec<Part> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (lp, rp, index, done) = (&lp, &rp, &index, &done);
                s.spawn(move || {
                    let start = (t * chunk).min(left.len());
                    let end = ((t + 1) * chunk).min(left.len());
                    let mut seen = vec![u32::MAX; right.len()];
                    let mut out = Vec::new();
                    let mut comparisons = 0u64;
                    let mut blocks: Vec<&Vec<u32>> = Vec::new();
                    let mut scored: Vec<(u32, f64, f64)> = Vec::new();
                    let mut column = vec![0.0f64; right.len()];
                    for (i, row) in left.iter().enumerate().take(end).skip(start) {
                        blocks.clear();
                        blocks.extend(row.blocks.iter().filter_map(|k| index.get(k)));
                        blocks.sort_by_key(|b| b.len());
                        scored.clear();
                        for (n, block) in blocks.iter().enumerate() {
                            if n > 0 && block.len() > config.max_block {
                                break;
                            }
                            for &j in block.iter() {
                                let j = j as usize;
                                if seen[j] == i as u32 {
                                    continue;
                                }
                                seen[j] = i as u32;
                                comparisons += 1;
                                let d = name_of(lp, i, rp, j);
                                if d >= name_floor {
                                    scored.push((j as u32, weight_given_name(lp, i, rp, j, d), d));
                                }
                            }
                        }
                        // Fellegi–Sunter's frequency adjustment: agreeing on a name that k
                        // right-hand rows share is worth ln k less than agreeing on a rare one.
                        let same = scored.iter().filter(|s| s.2 >= SAME_NAME).count().max(1) as f64;
                        let common = FREQUENCY * same.ln();
                        let mut row_sum = 0.0;
                        for s in scored.iter_mut() {
                            if s.2 >= SAME_NAME {
                                s.1 -= common;
                            }
                            let e = s.1.exp();
                            row_sum += e;
                            column[s.0 as usize] += e;
                        }
                        for &(j, w, _) in &scored {
                            // Competition only lowers a pair's odds, so a pair below the
                            // threshold without it is not kept.
                            if w >= min_weight {
                                out.push((Match { left: i, right: j as usize, score: w }, row_sum));
                            }
                        }
                        if (i - start) % 1024 == 1023 {
                            let d = done.fetch_add(1024, std::sync::atomic::Ordering::Relaxed) + 1024;
                            progress(d);
                        }
                    }
                    (out, comparisons, column)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    progress(left.len());
    let mut stats = MatchStats::default();
    let mut raw = Vec::new();
    let mut column = vec![0.0f64; right.len()];
    for (c, n, col) in results {
        stats.comparisons += n;
        raw.extend(c);
        for (a, b) in column.iter_mut().zip(col) {
            *a += b;
        }
    }
    let min_logit = min_weight - OFFSET;
    let base = OFFSET.exp();
    let mut candidates = Vec::new();
    for (m, row_sum) in raw {
        let e = m.score.exp();
        let others = (row_sum - e).max(0.0) + (column[m.right] - e).max(0.0);
        let logit = m.score - OFFSET - ((base + COMPETITION * others).ln() - OFFSET).min(MAX_COMPETITION);
        if logit >= min_logit {
            candidates.push(Match { score: 1.0 / (1.0 + (-logit).exp()), ..m });
        }
    }
    stats.candidates_above_threshold = candidates.len() as u64;
    (one_to_one(candidates, left.len(), right.len()), stats)
}

/// Greedy one-to-one: best score first; each row is used at most once on either side.
pub fn one_to_one(mut candidates: Vec<Match>, n_left: usize, n_right: usize) -> Vec<Match> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.left.cmp(&b.left)).then(a.right.cmp(&b.right)));
    let mut used_l = vec![false; n_left];
    let mut used_r = vec![false; n_right];
    let mut out = Vec::new();
    for m in candidates {
        if m.left < n_left && m.right < n_right && !used_l[m.left] && !used_r[m.right] {
            used_l[m.left] = true;
            used_r[m.right] = true;
            out.push(m);
        }
    }
    out.sort_by_key(|m| (m.left, m.right));
    out
}
