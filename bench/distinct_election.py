#!/usr/bin/env python3
"""A synthetic election of N *distinct* text programmes, for the parent's memory.

Usage (from the project root):

    python3 bench/distinct_election.py ../shared/corpus 3500 /tmp/distinct-3500 [--words 10000]
    caleido score /tmp/distinct-3500 --out /tmp/distinct-out -j 2 --no-date --stats

`bench/synth_election.py` links the corpus's 163 files into 3,500 places, so
caleido's reuse measure holds 163 distinct texts whatever N is. A real election
holds N different programmes. This script writes N text files (ten to a place,
`placeNNN-2026/PartijK.txt`), each the first WORDS words of one of the corpus's
text programmes of more than 2,000 words (in turn), with a token unique to the
file after every sixth word, so that no two files share most of their
five-word shingles. The files are written (about 270 MB for 3,500), never
linked; an existing OUT is refused.
"""

import argparse
import sys
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--words", type=int, default=10000)
    a = ap.parse_args()
    if a.out.exists():
        sys.exit(f"{a.out} exists; remove it first")
    sources = []
    for f in sorted(a.corpus.rglob("*.txt")):
        words = f.read_text(encoding="utf-8", errors="replace").split()
        if len(words) > 2000:
            sources.append(words[: a.words])
    if not sources:
        sys.exit("no text programme of more than 2,000 words in the corpus")
    for i in range(a.n):
        place, k = divmod(i, 10)
        folder = a.out / f"place{place:03d}-2026"
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for j, w in enumerate(sources[i % len(sources)]):
            out.append(w)
            if j % 6 == 5:
                out.append(f"q{place}x{k}y{j}")
        (folder / f"Partij{k}.txt").write_text(" ".join(out), encoding="utf-8")
    print(f"{a.n} programmes from {len(sources)} texts in {a.out}")


if __name__ == "__main__":
    main()
