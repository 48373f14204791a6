#!/usr/bin/env python3
"""A synthetic municipal election: N programmes in place folders, as symbolic links.

Usage (from the project root):

    python3 bench/synth_election.py ../shared/corpus 3500 /tmp/synth-3500 [--per-place 10] [--seed 1]

Builds `OUT/place001-2026/<Party>.<ext>`, `OUT/place002-2026/...`: N programmes,
PER_PLACE to a place (the last place may have fewer), each a *symbolic link* to a
programme file (.pdf, .txt) of the corpus, so the tree costs no disk space and
nothing is ever written into the corpus. Every place draws its own subset of
the corpus (a seeded shuffle per place), with at most one file per party name,
so no place holds a PDF and its own text twin; party names are made unique in
a place with a suffix. The corpus's metadata file is not linked: place and year
come from the folder names, party from the file names.

What this tree is not: a real election's programmes are different texts, here
each corpus file stands in about N/160 places. caleido's reuse measure therefore
finds most text "also in another programme of the run" (`reused_pct` near 100,
`reused_from` another place's link) and its cost is a worst case (every shingle
held by many programmes); `duplicate_of` stays empty, since copies are sought
within one place and election only. Scores of a linked file are those of the
original.

The same arguments give the same tree (same links, same names); an existing OUT
is removed first, but only when it holds nothing but place folders of links.
"""

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

PROGRAMME = {".pdf", ".txt"}
YEAR = "2026"


def programmes(corpus: Path):
    """(path, party) of every .pdf and .txt under the corpus, sorted by path."""
    parties = {}
    manifest = corpus / "MANIFEST.csv"
    if manifest.is_file():
        with open(manifest, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                parties[row["file"]] = row.get("party") or ""
    found = []
    for p in sorted(corpus.rglob("*")):
        if p.is_file() and p.suffix.lower() in PROGRAMME and not p.name.startswith("."):
            rel = p.relative_to(corpus).as_posix()
            party = parties.get(rel) or p.stem.split("_", 1)[-1]
            found.append((p.resolve(), party))
    return found


def safe(name: str) -> str:
    """A file-name-safe party name: letters, digits, `-` and `_`."""
    out = "".join(c if c.isalnum() or c in "-_" else "_" for c in name).strip("_")
    return out or "Partij"


def place_subset(files, per_place, rng):
    """Up to per_place files with distinct party names, in a shuffled order."""
    order = list(range(len(files)))
    rng.shuffle(order)
    chosen, seen = [], set()
    for i in order:
        party = files[i][1].lower()
        if party in seen:
            continue
        seen.add(party)
        chosen.append(files[i])
        if len(chosen) == per_place:
            break
    return chosen


def clear(out: Path):
    """Removes a previous tree, refusing anything that is not one."""
    if not out.exists():
        return
    for place in out.iterdir():
        if not place.is_dir() or place.is_symlink():
            sys.exit(f"{out} holds {place.name}, which is not a place folder; not removed")
        for f in place.iterdir():
            if not f.is_symlink():
                sys.exit(f"{f} is not a symbolic link; {out} not removed")
    shutil.rmtree(out)


def build(corpus: Path, n: int, out: Path, per_place: int, seed: int) -> int:
    files = programmes(corpus)
    if not files:
        sys.exit(f"no .pdf or .txt under {corpus}")
    clear(out)
    out.mkdir(parents=True)
    places = (n + per_place - 1) // per_place
    width = max(3, len(str(places)))
    made = 0
    for k in range(1, places + 1):
        rng = random.Random(seed * 1_000_003 + k)
        want = min(per_place, n - made)
        folder = out / f"place{k:0{width}d}-{YEAR}"
        folder.mkdir()
        names = set()
        for path, party in place_subset(files, want, rng):
            base = safe(party)
            name, i = base, 2
            while name.lower() in names:
                name, i = f"{base}-{i}", i + 1
            names.add(name.lower())
            (folder / f"{name}{path.suffix.lower()}").symlink_to(path)
            made += 1
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("n", type=int, help="number of programmes")
    ap.add_argument("out", type=Path)
    ap.add_argument("--per-place", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    corpus = a.corpus.resolve()
    if a.out.resolve().is_relative_to(corpus):
        sys.exit("the tree must not be inside the corpus")
    made = build(corpus, a.n, a.out, max(1, a.per_place), a.seed)
    print(f"{made} programmes in {(made + a.per_place - 1) // a.per_place} places under {a.out}")


if __name__ == "__main__":
    main()
