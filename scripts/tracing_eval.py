#!/usr/bin/env python3
"""Helpers for scripts/tracing-eval: run anonlink/clkhash on the same data, and score matches.

  tracing_eval.py anonlink REPORTS RECORDS OUT_MATCHES   # best-threshold anonlink, prints throughput
  tracing_eval.py score NAME MATCHES TRUTH NATS          # P/R/F1 per nationality
"""
import csv
import json
import sys
import time
from collections import defaultdict

SCHEMA = {
    "version": 3,
    "clkConfig": {"l": 1024, "kdf": {"type": "HKDF", "hash": "SHA256", "keySize": 64,
                                      "salt": "aGF2ZW4tdHJhY2luZy1ldmFs", "info": "aGF2ZW4="}},
    "features": [
        {"identifier": "id", "ignored": True},
        {"identifier": "name", "format": {"type": "string", "encoding": "utf-8", "case": "mixed"},
         "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerToken": 15}, "hash": {"type": "doubleHash"}}},
        {"identifier": "sex", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": {"comparison": {"type": "ngram", "n": 1}, "strategy": {"bitsPerToken": 30}, "hash": {"type": "doubleHash"}}},
        {"identifier": "dob", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": {"comparison": {"type": "ngram", "n": 1, "positional": True}, "strategy": {"bitsPerToken": 10}, "hash": {"type": "doubleHash"}}},
        {"identifier": "nationality", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": {"comparison": {"type": "ngram", "n": 3}, "strategy": {"bitsPerToken": 20}, "hash": {"type": "doubleHash"}}},
        {"identifier": "place", "format": {"type": "string", "encoding": "utf-8", "case": "mixed"},
         "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerToken": 5}, "hash": {"type": "doubleHash"}}},
    ],
}


def pii_rows(path):
    """anonlink's best configuration in the issue: Latin transliteration added on both sides."""
    from anyascii import anyascii
    ids, rows = [], []
    with open(path, encoding="utf-8") as f:
        r = csv.DictReader(f)
        for row in r:
            name = row["full_name"]
            latin = anyascii(name)
            if latin != name:
                name = name + " " + latin
            ids.append(row["id"])
            place = row["place_of_origin"]
            if anyascii(place) != place:
                place = place + " " + anyascii(place)
            rows.append([row["id"], name.lower(), row["sex"], row["date_of_birth"], row["nationality"], place.lower()])
    return ids, rows


def run_anonlink(reports, records, out):
    import anonlink
    from clkhash import clk
    from clkhash.schema import from_json_dict
    schema = from_json_dict(SCHEMA)
    lids, lrows = pii_rows(reports)
    rids, rrows = pii_rows(records)
    t = time.time()
    lclk = clk.generate_clks(lrows, schema, "haven-eval-secret")
    rclk = clk.generate_clks(rrows, schema, "haven-eval-secret")
    enc = time.time() - t
    best = None
    for thr in [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90]:
        t = time.time()
        cands = anonlink.candidate_generation.find_candidate_pairs(
            [lclk, rclk], anonlink.similarities.dice_coefficient_accelerated, thr)
        secs = time.time() - t
        groups = anonlink.solving.greedy_solve(cands)
        pairs = []
        for g in groups:
            g = sorted(g)
            if len(g) == 2 and g[0][0] == 0 and g[1][0] == 1:
                pairs.append((lids[g[0][1]], rids[g[1][1]]))
        yield_ = (thr, pairs, secs)
        if best is None or thr == 0.60:
            pass
        best = best or []
        best.append(yield_)
    comps = len(lclk) * len(rclk)
    secs = min(b[2] for b in best)
    print(f"anonlink: encoded {len(lclk)}+{len(rclk)} in {enc:.1f} s; "
          f"{comps / secs / 1e6:.1f} M Dice comparisons/s on one thread ({comps} in {secs:.2f} s)")
    with open(out, "w") as f:
        json.dump({str(thr): pairs for thr, pairs, _ in best}, f)


def load_truth(truth):
    with open(truth) as f:
        return {(r["left_id"], r["right_id"]): r["nationality"] for r in csv.DictReader(f)}


def load_nats(nats):
    with open(nats) as f:
        return {r["id"]: r["nationality"] for r in csv.DictReader(f)}


def prf(pairs, truth, nats):
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    got = set(pairs)
    for p in got:
        n = nats.get(p[0], "?")
        if p in truth:
            tp[n] += 1
        else:
            fp[n] += 1
    for p, n in truth.items():
        if p not in got:
            fn[n] += 1
    out = {}
    for n in sorted(set(tp) | set(fp) | set(fn)) + ["ALL"]:
        a = sum(tp.values()) if n == "ALL" else tp[n]
        b = sum(fp.values()) if n == "ALL" else fp[n]
        c = sum(fn.values()) if n == "ALL" else fn[n]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[n] = (p, r, f)
    return out


def print_table(name, res):
    print(f"{name:<10} " + " ".join(f"{n:>17}" for n in res))
    print(f"{'':<10} " + " ".join(f"{'P/R/F1':>17}" for _ in res))
    print(f"{'':<10} " + " ".join(f"{p:.3f}/{r:.3f}/{f:.3f}".rjust(17) for p, r, f in res.values()))


def main():
    cmd = sys.argv[1]
    if cmd == "anonlink":
        run_anonlink(*sys.argv[2:5])
    elif cmd == "score":
        name, matches, truth, nats = sys.argv[2:6]
        truth, nats = load_truth(truth), load_nats(nats)
        if matches.endswith(".json"):
            with open(matches) as f:
                runs = json.load(f)
            scored = {thr: prf([tuple(p) for p in pairs], truth, nats) for thr, pairs in runs.items()}
            thr = max(scored, key=lambda t: scored[t]["ALL"][2])
            print(f"(anonlink at its best threshold on this set, {thr}: optimistic for anonlink)")
            print_table(name, scored[thr])
        else:
            with open(matches) as f:
                pairs = [(r["left_id"], r["right_id"]) for r in csv.DictReader(f)]
            print_table(name, prf(pairs, truth, nats))


if __name__ == "__main__":
    main()
