#!/usr/bin/env python3
"""PDF text quality and speed of caleido, side by side with its peers.

Usage (from the project root, after `cargo build --release --bin caleido --example pdf_extract_baseline`):

    python3 bench/pdf_bench.py ../shared/corpus [--out bench/results] [--quick]

For every PDF under the given folders (searched recursively) it measures

* text agreement with pdftotext (poppler-utils): word-level agreement, the
  multiset Jaccard of lower-cased words, sum(min)/sum(max), of caleido's
  sentences (`caleido extract --plain`) against pdftotext's text with
  end-of-line hyphenation undone;
* term recall: for every term in `keywords/m*.toml` (each side of a NEAR term
  counts as a term), the occurrences in caleido's sentences against those in
  pdftotext's text; per file sum(min(ours, theirs)) / sum(theirs);

and, over the whole set, the wall time and peak memory of

* `caleido score` end to end (all cores, reports written),
* plain pdf-extract as it comes (`examples/pdf_extract_baseline`, one process per file),
* pdftotext, one process per file,
* PyMuPDF `page.get_text()` over all pages, in one Python process,

with the ratios to PyMuPDF, and how caleido's time grows from 10 files to all.
Machines here are noisy: read the ratios, not the seconds.
"""

import argparse
import collections
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from pathlib import Path

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"(?<=\w)[-'’](?=\w)", "", text)


def dehyphenate(text):
    return re.sub(r"(\w)-\s*\n\s*([a-zà-ÿ])", r"\1\2", text)


def words(text):
    return collections.Counter(WORD.findall(fold(text)))


def agreement(a, b):
    union = sum((a | b).values())
    return sum((a & b).values()) / union if union else 1.0


def term_patterns(rules_dir):
    """Every distinct phrase in the mirror files' terms, as a tuple of word patterns."""
    phrases = set()
    for path in sorted(Path(rules_dir).glob("m*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for rule in data.get("rule", []):
            for term in rule.get("terms", []):
                for side in re.split(r"\s+NEAR/\d+\s+", term, flags=re.IGNORECASE):
                    phrases.add(tuple(fold(side.strip()).split()))
    return sorted(phrases)


def word_matches(pattern, word):
    core = pattern.strip("*")
    before, after = pattern.startswith("*"), pattern.endswith("*") and len(pattern) > 1
    if before and after:
        return core in word
    if before:
        return word.endswith(core)
    if after:
        return word.startswith(core)
    return word == core


def term_counts(text, patterns):
    """Occurrences of each phrase in the text's folded words (consecutive words for phrases)."""
    tokens = WORD.findall(fold(text))
    distinct = set(tokens)
    hits = {w: {t for t in distinct if word_matches(w, t)} for ph in patterns for w in ph}
    counts = {}
    for ph in patterns:
        first = hits[ph[0]]
        n = 0
        for i, tok in enumerate(tokens):
            if tok in first and all(i + j < len(tokens) and tokens[i + j] in hits[w] for j, w in enumerate(ph)):
                n += 1
        counts[ph] = n
    return counts


def term_recall(ours, theirs):
    total = sum(theirs.values())
    if total == 0:
        return None
    return sum(min(ours[p], theirs[p]) for p in theirs) / total


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def timed(cmd):
    """Wall seconds and peak RSS (MiB) of a command, via GNU time when present."""
    gnu_time = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    start = time.perf_counter()
    if gnu_time:
        proc = run([gnu_time, "-f", "%M", *cmd])
        peak = int(proc.stderr.decode().strip().splitlines()[-1]) / 1024
    else:
        proc = run(cmd)
        peak = float("nan")
    return time.perf_counter() - start, peak, proc.returncode


def quality(pdfs, caleido, patterns, out_csv):
    rows = []
    for pdf in pdfs:
        ours = run([caleido, "extract", "--plain", str(pdf)]).stdout.decode("utf-8", "replace")
        ref_proc = run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"])
        ref = dehyphenate(ref_proc.stdout.decode("utf-8", "replace")) if ref_proc.returncode == 0 else ""
        agree = agreement(words(ours), words(ref)) if ref.strip() else None
        recall = term_recall(term_counts(ours, patterns), term_counts(ref, patterns)) if ref.strip() else None
        rows.append({"file": str(pdf), "words_caleido": sum(words(ours).values()),
                     "words_pdftotext": sum(words(ref).values()),
                     "word_agreement": "" if agree is None else f"{agree:.4f}",
                     "term_recall": "" if recall is None else f"{recall:.4f}"})
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return rows


PYMUPDF = """
import sys, pymupdf
for p in sys.argv[1:]:
    try:
        doc = pymupdf.open(p)
        for page in doc:
            page.get_text()
    except Exception as e:
        print(p, e, file=sys.stderr)
"""


def speed(pdfs, caleido, baseline, workdir):
    link_dir = Path(workdir) / "pdfs"
    link_dir.mkdir()
    for i, pdf in enumerate(pdfs):
        (link_dir / f"{i:03d}_{pdf.name}").symlink_to(pdf.resolve())
    results = {}
    results["caleido score (all cores)"] = timed([caleido, "score", str(link_dir), "--out", str(Path(workdir) / "r")])
    results["pdf-extract 0.12 as it comes"] = per_file([baseline], pdfs)
    results["pdftotext (poppler)"] = per_file(["pdftotext", "-enc", "UTF-8"], pdfs, tail=["-"])
    results["PyMuPDF get_text, one process"] = timed([sys.executable, "-c", PYMUPDF, *map(str, pdfs)])
    return results


def per_file(cmd, pdfs, tail=()):
    wall, peak = 0.0, 0.0
    for pdf in pdfs:
        w, p, _ = timed([*cmd, str(pdf), *tail])
        wall += w
        peak = max(peak, p)
    return wall, peak, 0


def scaling(pdfs, caleido, workdir):
    out = []
    for n in (10, 20, 40, len(pdfs)):
        if n > len(pdfs):
            continue
        d = Path(workdir) / f"scale{n}"
        d.mkdir()
        for i, pdf in enumerate(pdfs[:n]):
            (d / f"{i:03d}_{pdf.name}").symlink_to(pdf.resolve())
        wall, peak, _ = timed([caleido, "score", str(d), "--out", str(Path(workdir) / f"r{n}")])
        out.append((n, wall, peak))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--caleido", default="target/release/caleido")
    ap.add_argument("--baseline", default="target/release/examples/pdf_extract_baseline")
    ap.add_argument("--rules", default="keywords")
    ap.add_argument("--out", default="bench/results")
    ap.add_argument("--quick", action="store_true", help="quality only, no timing")
    args = ap.parse_args()
    pdfs = sorted(p for root in args.paths for p in Path(root).rglob("*") if p.suffix.lower() == ".pdf")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    rows = quality(pdfs, args.caleido, term_patterns(args.rules), Path(args.out) / "quality.csv")
    report_quality(rows)
    if args.quick:
        return
    with tempfile.TemporaryDirectory() as work:
        results = speed(pdfs, args.caleido, args.baseline, work)
        report_speed(results, len(pdfs))
        report_scaling(scaling(pdfs, args.caleido, work))


def report_quality(rows):
    agree = [float(r["word_agreement"]) for r in rows if r["word_agreement"]]
    recall = [float(r["term_recall"]) for r in rows if r["term_recall"]]
    print(f"## Text quality over {len(rows)} PDFs (pdftotext as reference)\n")
    print(f"word agreement: mean {sum(agree) / len(agree):.3f}, min {min(agree):.3f}; "
          f"{sum(a < 0.97 for a in agree)} files under 0.97")
    print(f"term recall: mean {sum(recall) / len(recall):.4f}, min {min(recall):.4f}; "
          f"{sum(r < 0.99 for r in recall)} files under 0.99\n")
    print("| file | word agreement | term recall |\n|---|--:|--:|")
    worst = sorted(rows, key=lambda r: float(r["term_recall"] or 1) + float(r["word_agreement"] or 1))[:12]
    for r in worst:
        print(f"| {Path(r['file']).name} | {r['word_agreement']} | {r['term_recall']} |")
    print()


def report_speed(results, n):
    base = results["PyMuPDF get_text, one process"][0]
    print(f"## Speed over {n} PDFs (one run, same machine)\n")
    print("| tool | wall s | x PyMuPDF | peak MiB |\n|---|--:|--:|--:|")
    for name, (wall, peak, _) in results.items():
        print(f"| {name} | {wall:.1f} | {wall / base:.2f} | {peak:.0f} |")
    print()


def report_scaling(points):
    print("## caleido score: time as the set grows\n")
    print("| files | wall s | s per file | peak MiB |\n|--:|--:|--:|--:|")
    for n, wall, peak in points:
        print(f"| {n} | {wall:.1f} | {wall / n:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
