#!/usr/bin/env python3
"""How well two coders of the same pages agree, and the rules with each of them.

Usage: python3 bench/silver_agreement.py TEXT_DIR GOLD_A GOLD_B [--caleido BIN] [--rules DIR]

TEXT_DIR holds the pages (`<slug>.txt`); GOLD_A and GOLD_B each hold one coder's
whole-document coding of them (`<slug>.csv`, the gold format of `../shared/gold`:
every sentence not listed belongs to no mirror). The units are caleido's sentences
(`caleido extract --plain`); a coded sentence counts for every unit it equals or, when
longer than 30 characters, contains or is contained in (letters and digits only,
lower case), as `caleido eval` aligns. Per mirror it prints the F1 of coder B against
coder A (the same number the other way round), Cohen's kappa over all units, and the
F1 of the rules (`caleido score`) against each coder. Macro-F1 is over the five mirrors.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

MIRRORS = ["1", "2", "3", "4", "5"]


def norm(text):
    return re.sub(r"\W+", "", text.lower())


def units_of(caleido, path):
    out = subprocess.run([caleido, "extract", "--plain", path], capture_output=True, text=True, check=True).stdout
    return [line for line in out.split("\n") if line.strip()]


def coded(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            mirrors = {m for m in (r.get("mirrors") or "").split(";") if m in MIRRORS}
            if mirrors:
                rows.append((norm(r.get("sentence") or ""), mirrors))
    return rows


def labels(units, rows):
    """Per unit, the mirrors of the coded sentences aligned with it; and how many rows found no unit."""
    keys = [norm(u) for u in units]
    out = [set() for _ in units]
    lost = 0
    for text, mirrors in rows:
        hit = False
        for i, k in enumerate(keys):
            if text and (k == text or (len(text) > 30 and (text in k or (len(k) > 30 and k in text)))):
                out[i] |= mirrors
                hit = True
        lost += not hit
    return out, lost


def tool_labels(caleido, text_dir, rules):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [caleido, "score", text_dir, "--out", tmp, "--no-date"] + (["--rules", rules] if rules else [])
        subprocess.run(cmd, capture_output=True, check=True)
        found = {}
        with open(os.path.join(tmp, "passages.csv"), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                doc = os.path.splitext(os.path.basename(r["file"]))[0]
                found.setdefault((doc, norm(r["text"])), set()).add(r["mirror"])
        return found


def f1(gold, pred, m):
    tp = sum(1 for g, p in zip(gold, pred) if m in g and m in p)
    fp = sum(1 for g, p in zip(gold, pred) if m not in g and m in p)
    fn = sum(1 for g, p in zip(gold, pred) if m in g and m not in p)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan"), tp, fp, fn


def kappa(a, b, m):
    n = len(a)
    if n == 0:
        return float("nan")
    both = sum(1 for x, y in zip(a, b) if (m in x) == (m in y))
    pa, pb = sum(m in x for x in a) / n, sum(m in y for y in b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (both / n - expected) / (1 - expected) if expected < 1 else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("text_dir")
    ap.add_argument("gold_a")
    ap.add_argument("gold_b")
    ap.add_argument("--caleido", default="target/release/caleido")
    ap.add_argument("--rules", default=None)
    args = ap.parse_args()
    docs = sorted(
        os.path.splitext(f)[0]
        for f in os.listdir(args.gold_a)
        if f.endswith(".csv")
        and os.path.exists(os.path.join(args.gold_b, f))
        and os.path.exists(os.path.join(args.text_dir, os.path.splitext(f)[0] + ".txt"))
    )
    tool = tool_labels(args.caleido, args.text_dir, args.rules)
    a_all, b_all, t_all, lost_a, lost_b = [], [], [], 0, 0
    for doc in docs:
        units = units_of(args.caleido, os.path.join(args.text_dir, doc + ".txt"))
        a, la = labels(units, coded(os.path.join(args.gold_a, doc + ".csv")))
        b, lb = labels(units, coded(os.path.join(args.gold_b, doc + ".csv")))
        a_all += a
        b_all += b
        t_all += [tool.get((doc, norm(u)), set()) for u in units]
        lost_a, lost_b = lost_a + la, lost_b + lb
    print(f"{len(docs)} documents, {len(a_all)} units; coded sentences without a unit: A {lost_a}, B {lost_b}\n")
    print("| mirror | units A | units B | F1 B vs A | kappa A, B | F1 rules vs A | F1 rules vs B |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    sums = [[], [], []]
    for m in MIRRORS:
        ab, ta, tb = f1(a_all, b_all, m)[0], f1(a_all, t_all, m)[0], f1(b_all, t_all, m)[0]
        for s, v in zip(sums, (ab, ta, tb)):
            s.append(0.0 if v != v else v)
        na, nb = sum(m in x for x in a_all), sum(m in y for y in b_all)
        print(f"| {m} | {na} | {nb} | {ab:.3f} | {kappa(a_all, b_all, m):.3f} | {ta:.3f} | {tb:.3f} |")
    mean = [sum(s) / len(s) for s in sums]
    print(f"| macro-F1 | | | {mean[0]:.3f} | | {mean[1]:.3f} | {mean[2]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
