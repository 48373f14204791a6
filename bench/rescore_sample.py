#!/usr/bin/env python3
"""Score rule folders against a coded `caleido sample` sheet.

`caleido agree` compares coders with the rules the sample was drawn with (the
key records them). After a rule change you want the same coded units scored
with the new rules: this script re-runs `caleido extract --matches --rules DIR`
on the sampled programmes, finds each coded unit by its text, and prints per
mirror the units right and wrong, precision, and precision and recall weighted
back to the programmes by the key's stratum weights; then, for the first rule
folder, the share of each rule's matches the coders called right.

    python3 bench/rescore_sample.py --key sample.key.csv --inputs DIR \
        --coded coder-a.csv coder-b.csv --rules keywords /tmp/new-rules

Each coded unit counts once; when coders' sheets overlap, the last sheet read
decides. A unit whose text no longer appears in its programme (ingest changed)
is counted as misaligned and left out.
"""
import argparse
import collections
import csv
import os
import re
import subprocess
import sys

csv.field_size_limit(10**9)
UNIT = re.compile(r"(?:##|  ) \[(\d+)\] (.*)")
MATCH = re.compile(r"\s+-> mirror (\d) \([^)]*\) rules (\S+)")


def read_coded(paths):
    """Map unit id to the set of mirrors the coder gave (empty set: coded 0)."""
    coded = {}
    for path in paths:
        with open(path, encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                cell = (row.get("mirrors") or "").strip()
                if cell:
                    coded[row["id"]] = set(cell.split(";")) - {"0", ""}
    return coded


def matches_by_text(caleido, rules, path):
    """Unit text -> (mirrors, rule ids) as `caleido extract --matches` prints them."""
    out = subprocess.run(
        [caleido, "extract", "--matches", "--rules", rules, path],
        capture_output=True, text=True, check=False,
    ).stdout
    units, current = {}, None
    for line in out.splitlines():
        unit = UNIT.match(line)
        if unit:
            current = unit.group(2).strip()
            units.setdefault(current, (set(), []))
            continue
        match = MATCH.match(line)
        if match and current is not None:
            units[current][0].add(match.group(1))
            units[current][1].extend(r.split("^")[0] for r in match.group(2).split(";"))
    return units


def score(args, rules, key, coded):
    cache, rows, misaligned = {}, [], 0
    for unit_id, gold in coded.items():
        entry = key[unit_id]
        path = os.path.join(args.inputs, entry["file"])
        if path not in cache:
            cache[path] = matches_by_text(args.caleido, rules, path)
        found = cache[path].get(entry["unit"].strip())
        if found is None:
            misaligned += 1
            continue
        rows.append((gold, found[0], float(entry["weight"]), set(found[1])))
    return rows, misaligned


def mirror_line(rows, mirror):
    tp = fp = fn = 0
    wtp = wfp = wfn = 0.0
    for gold, pred, weight, _ in rows:
        g, p = mirror in gold, mirror in pred
        tp, fp, fn = tp + (g and p), fp + (p and not g), fn + (g and not p)
        wtp += weight * (g and p)
        wfp += weight * (p and not g)
        wfn += weight * (g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    wprec = wtp / (wtp + wfp) if wtp + wfp else 0.0
    wrec = wtp / (wtp + wfn) if wtp + wfn else 0.0
    return f"right {tp:4d} wrong {fp:4d} missed {fn:4d} P {prec:.2f} | weighted P {wprec:.2f} R {wrec:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--key", required=True, help="the key `caleido sample` wrote")
    ap.add_argument("--inputs", required=True, help="the folder the sample was drawn from")
    ap.add_argument("--coded", nargs="+", required=True, help="coders' filled-in sheets")
    ap.add_argument("--rules", nargs="+", required=True, help="rule folders to compare")
    ap.add_argument("--caleido", default="caleido", help="the caleido binary")
    args = ap.parse_args()
    with open(args.key, encoding="utf-8-sig") as f:
        key = {row["id"]: row for row in csv.DictReader(f)}
    coded = read_coded(args.coded)
    unknown = [u for u in coded if u not in key]
    if unknown:
        sys.exit(f"{len(unknown)} coded unit(s) not in the key, e.g. {unknown[0]}")
    runs = [score(args, rules, key, coded) for rules in args.rules]
    print(f"coded units: {len(coded)}")
    for rules, (rows, misaligned) in zip(args.rules, runs):
        print(f"\n{rules} ({len(rows)} units scored, {misaligned} misaligned)")
        for mirror in "12345":
            print(f"  m{mirror} {mirror_line(rows, mirror)}")
    right, wrong = collections.Counter(), collections.Counter()
    for gold, _, _, rule_ids in runs[0][0]:
        for rule in rule_ids:
            (right if rule[1] in gold else wrong)[rule] += 1
    print(f"\nper rule, {args.rules[0]} (share of its matches the coders called right):")
    for rule in sorted(set(right) | set(wrong), key=lambda r: right[r] / (right[r] + wrong[r])):
        total = right[rule] + wrong[rule]
        print(f"  {rule:32s} right {right[rule]:4d} wrong {wrong[rule]:4d} P {right[rule] / total:.2f}")


if __name__ == "__main__":
    main()
