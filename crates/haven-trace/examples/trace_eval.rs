//! Development aid: links REPORTS.csv against RECORDS.csv in-process and prints P/R/F1 per
//! nationality plus a sample of misses and false matches with their readings.
//! `cargo run --release -p haven-trace --example trace_eval -- DIR [SHOW [THRESHOLD [THREADS]]]`
//! (DIR from scripts/tracing-gen.py).

use std::collections::{HashMap, HashSet};

use haven_trace::matching::{link, weight, MatchConfig, Prepared};
use haven_trace::romanise::read_name;
use haven_trace::{parse_people, Encoder, LinkageKey};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/trgen".into());
    let show: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let read = |f: &str| std::fs::read(format!("{dir}/{f}")).unwrap_or_default();
    let (Ok(l), Ok(r)) = (parse_people(&read("reports.csv")), parse_people(&read("records.csv"))) else {
        return;
    };
    let key = LinkageKey::from_bytes([3; 32]);
    let mut enc = Encoder::new(&key);
    let le: Vec<_> = l.people.iter().map(|p| enc.encode(p)).collect();
    let re: Vec<_> = r.people.iter().map(|p| enc.encode(p)).collect();
    let text = |f: &str| String::from_utf8(read(f)).unwrap_or_default();
    let truth: HashMap<(String, String), String> = text("truth.csv")
        .lines()
        .skip(1)
        .map(|x| {
            let f: Vec<&str> = x.split(',').collect();
            ((f[0].to_owned(), f[1].to_owned()), f[2].to_owned())
        })
        .collect();
    let nat: HashMap<String, String> = text("nationality.csv")
        .lines()
        .skip(1)
        .filter_map(|x| x.split_once(',').map(|(a, b)| (a.to_owned(), b.to_owned())))
        .collect();
    let t = std::time::Instant::now();
    let threshold: f64 = std::env::args().nth(3).and_then(|s| s.parse().ok()).unwrap_or(0.5);
    let threads: usize = std::env::args().nth(4).and_then(|s| s.parse().ok()).unwrap_or(1);
    let (m, stats) = link(&le, &re, &MatchConfig { threads, threshold, ..MatchConfig::default() }, &|_| {});
    println!("{} comparisons in {:.3}s", stats.comparisons, t.elapsed().as_secs_f64());
    let got: HashSet<(String, String)> = m.iter().map(|m| (le[m.left].id.clone(), re[m.right].id.clone())).collect();
    let mut c: HashMap<String, [u32; 3]> = HashMap::new();
    for p in &got {
        let n = nat.get(&p.0).cloned().unwrap_or_default();
        c.entry(n).or_default()[if truth.contains_key(p) { 0 } else { 1 }] += 1;
    }
    for (p, n) in &truth {
        if !got.contains(p) {
            c.entry(n.clone()).or_default()[2] += 1;
        }
    }
    let mut keys: Vec<_> = c.keys().cloned().collect();
    keys.sort();
    let mut all = [0u32; 3];
    for k in keys.iter() {
        let [tp, fp, fn_] = c[k];
        all = [all[0] + tp, all[1] + fp, all[2] + fn_];
        prf(k, tp, fp, fn_);
    }
    prf("ALL", all[0], all[1], all[2]);
    // False matches by kind: the report has a true partner elsewhere, or none at all.
    let paired_left: HashSet<&str> = truth.keys().map(|k| k.0.as_str()).collect();
    let paired_right: HashSet<&str> = truth.keys().map(|k| k.1.as_str()).collect();
    let (mut fp_lp, mut fp_rp, mut fp_none) = (0, 0, 0);
    for p in got.iter().filter(|p| !truth.contains_key(*p)) {
        if paired_left.contains(p.0.as_str()) {
            fp_lp += 1;
        } else if paired_right.contains(p.1.as_str()) {
            fp_rp += 1;
        } else {
            fp_none += 1;
        }
    }
    println!("false matches: report has a partner {fp_lp}, record has one {fp_rp}, neither {fp_none}");
    let li: HashMap<&str, usize> = le.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let ri: HashMap<&str, usize> = re.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let (lp, rp) = (Prepared::new(&le), Prepared::new(&re));
    let row = |p: &haven_trace::Person| {
        format!("{} {:?} {:?} {:?} {}", p.full_name, read_name(&p.full_name).tokens, p.sex, p.birth, p.place_of_origin)
    };
    let mut cat = [0u32; 5];
    for p in truth.keys() {
        if got.contains(p) {
            continue;
        }
        let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
        let w = weight(&lp, i, &rp, j);
        let shared = le[i].blocks.iter().any(|b| re[j].blocks.contains(b));
        let taken = m
            .iter()
            .filter(|mm| mm.left == i || mm.right == j)
            .map(|mm| weight(&lp, mm.left, &rp, mm.right))
            .fold(f64::NEG_INFINITY, f64::max);
        let k = if !shared {
            0
        } else if taken == f64::NEG_INFINITY {
            1
        } else if taken > w + 0.5 {
            2
        } else if taken >= w - 0.5 {
            3
        } else {
            4
        };
        cat[k] += 1;
    }
    let mut hist_miss = [0u32; 6];
    let mut hist_false = [0u32; 6];
    let bucket = |d: f64| {
        if d >= 0.999 {
            5
        } else if d >= 0.9 {
            4
        } else if d >= 0.8 {
            3
        } else if d >= 0.7 {
            2
        } else if d >= 0.6 {
            1
        } else {
            0
        }
    };
    for p in truth.keys().filter(|p| !got.contains(*p)) {
        hist_miss[bucket(haven_trace::matching::name_of(&lp, li[p.0.as_str()], &rp, ri[p.1.as_str()]))] += 1;
    }
    for p in got.iter().filter(|p| !truth.contains_key(*p)) {
        hist_false[bucket(haven_trace::matching::name_of(&lp, li[p.0.as_str()], &rp, ri[p.1.as_str()]))] += 1;
    }
    println!("name sim <.6 .6 .7 .8 .9 1: misses {hist_miss:?} false {hist_false:?}");
    let bo = |i: usize, j: usize| {
        let (a, b) = (&le[i].blocks, &re[j].blocks);
        let shared = a.iter().filter(|k| b.binary_search(k).is_ok()).count();
        shared as f64 / a.len().min(b.len()).max(1) as f64
    };
    let bb = |x: f64| ((x * 10.0) as usize).min(10);
    let (mut h_tp, mut h_fp, mut h_miss) = ([0u32; 11], [0u32; 11], [0u32; 11]);
    for p in &got {
        let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
        if haven_trace::matching::name_of(&lp, i, &rp, j) < 0.999 {
            if truth.contains_key(p) {
                h_tp[bb(bo(i, j))] += 1
            } else {
                h_fp[bb(bo(i, j))] += 1
            }
        }
    }
    for p in truth.keys().filter(|p| !got.contains(*p)) {
        let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
        if haven_trace::matching::name_of(&lp, i, &rp, j) < 0.999 {
            h_miss[bb(bo(i, j))] += 1;
        }
    }
    {
        use haven_trace::people::Birth;
        let cat = |i: usize, j: usize| match (l.people[i].birth, r.people[j].birth) {
            (Birth::Date(a), Birth::Date(b)) if a != b => {
                if a.year == b.year && a.month == b.day && a.day == b.month {
                    1
                } else if (a.year == b.year) as u8 + (a.month == b.month) as u8 + (a.day == b.day) as u8 >= 2 {
                    2
                } else if a.year == b.year {
                    3
                } else {
                    4
                }
            }
            (Birth::Date(_), Birth::Date(_)) => 0,
            _ => 5,
        };
        let (mut ct, mut cf, mut cm) = ([0u32; 6], [0u32; 6], [0u32; 6]);
        for p in &got {
            let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
            if truth.contains_key(p) {
                ct[cat(i, j)] += 1
            } else {
                cf[cat(i, j)] += 1
            }
        }
        for p in truth.keys().filter(|p| !got.contains(*p)) {
            cm[cat(li[p.0.as_str()], ri[p.1.as_str()])] += 1;
        }
        println!("dob same/swap/two-of-three/year-only/other/not-both: tp {ct:?} fp {cf:?} miss {cm:?}");
        // Birth-year ranges where one side is an age estimate: years apart (0 = overlap).
        let gap = |i: usize, j: usize| {
            let (a, b) = (&l.people[i], &r.people[j]);
            let ranged = matches!(a.birth, Birth::AgeRange { .. }) || matches!(b.birth, Birth::AgeRange { .. });
            match (a.birth_years(), b.birth_years()) {
                (Some((a0, a1)), Some((b0, b1))) if ranged => Some((a0.max(b0) - a1.min(b1)).clamp(0, 6) as usize),
                _ => None,
            }
        };
        let (mut gt, mut gf, mut gm) = ([0u32; 7], [0u32; 7], [0u32; 7]);
        for p in &got {
            let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
            if let Some(g) = gap(i, j) {
                if truth.contains_key(p) {
                    gt[g] += 1
                } else {
                    gf[g] += 1
                }
            }
        }
        for p in truth.keys().filter(|p| !got.contains(*p)) {
            if let Some(g) = gap(li[p.0.as_str()], ri[p.1.as_str()]) {
                gm[g] += 1
            }
        }
        println!("age-estimate gap 0..6+: tp {gt:?} fp {gf:?} miss {gm:?}");
    }
    println!("block overlap (inexact names) tp {h_tp:?}\n fp {h_fp:?}\n miss {h_miss:?}");
    println!(
        "misses: unblocked {} | not taken by anyone {} | lost to higher raw w {} | to ~equal {} | to lower raw w {}",
        cat[0], cat[1], cat[2], cat[3], cat[4]
    );
    let mut shown = 0;
    for (p, n) in &truth {
        if !got.contains(p) && shown < show {
            shown += 1;
            let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
            let shared = le[i].blocks.iter().any(|b| re[j].blocks.contains(b));
            println!(
                "MISS {n} w={:.1} block={shared}\n   {}\n   {}",
                weight(&lp, i, &rp, j),
                row(&l.people[i]),
                row(&r.people[j])
            );
            for mm in m.iter().filter(|mm| mm.left == i || mm.right == j) {
                let side = if mm.left == i { "L-took" } else { "R-taken-by" };
                let other = if mm.left == i { row(&r.people[mm.right]) } else { row(&l.people[mm.left]) };
                println!("   {side} w={:.1} s={:.2}: {other}", weight(&lp, mm.left, &rp, mm.right), mm.score);
            }
        }
    }
    shown = 0;
    for p in &got {
        if !truth.contains_key(p) && shown < show {
            shown += 1;
            let (i, j) = (li[p.0.as_str()], ri[p.1.as_str()]);
            println!("FALSE w={:.1}\n   {}\n   {}", weight(&lp, i, &rp, j), row(&l.people[i]), row(&r.people[j]));
        }
    }
}

fn prf(k: &str, tp: u32, fp: u32, fn_: u32) {
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fn_).max(1));
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    println!("{k:4} P {p:.3} R {r:.3} F1 {f:.3}  (tp {tp} fp {fp} fn {fn_})");
}
