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
* the same two against pdftotext's body text: repeated lines at the top and
  bottom of its pages (running headers and footers, which caleido removes on
  purpose) taken out;
* for every file under 0.97 body agreement, the words each side has more
  often (gaps.md), to explain the gap;

and, over the whole set, the wall time and peak memory of

* `caleido score -j 1` end to end (one worker, reports written; `bench/speed.py`
  compares caleido and PyMuPDF at 1 and 2 workers),
* plain pdf-extract as it comes (`examples/pdf_extract_baseline`, one process per file),
* pdftotext, one process per file,
* PyMuPDF `page.get_text()` over all pages, in one Python process,

with the ratios to PyMuPDF (the median of --repeat rounds, 3 by default), and
how caleido's time grows from 10 files to all.
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


def furniture_key(line):
    """A line as a running header or footer repeats it: folded, digits dropped, spaces collapsed."""
    return " ".join(re.sub(r"\d+", " ", fold(line)).split())


def strip_furniture(text, edge=4, min_pages=3):
    """pdftotext's text without running headers and footers.

    A line counts as furniture when it stands among the first or last `edge` non-empty
    lines of a page (pages are split on form feeds) and the same line, digits aside,
    stands there on at least `min_pages` pages. caleido removes such lines on purpose,
    so term recall and word agreement are also given against this body text.
    """
    pages = [[ln for ln in page.splitlines() if ln.strip()] for page in text.split("\f")]
    edges = [page[:edge] + page[-edge:] for page in pages]
    seen = collections.Counter(k for page in edges for k in {furniture_key(ln) for ln in page})
    repeated = {k for k, n in seen.items() if n >= min_pages}
    body = []
    for page in pages:
        keep = [ln for i, ln in enumerate(page)
                if not ((i < edge or i >= len(page) - edge) and furniture_key(ln) in repeated)]
        body.append("\n".join(keep))
    return "\f".join(body)


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
    positions = collections.defaultdict(list)
    for i, tok in enumerate(tokens):
        positions[tok].append(i)
    hits = {w: {t for t in positions if word_matches(w, t)} for ph in patterns for w in ph}
    counts = {}
    for ph in patterns:
        starts = (i for t in hits[ph[0]] for i in positions[t])
        counts[ph] = sum(all(i + j < len(tokens) and tokens[i + j] in hits[w] for j, w in enumerate(ph[1:], 1))
                         for i in starts)
    return counts


def term_recall(ours, theirs):
    total = sum(theirs.values())
    if total == 0:
        return None
    return sum(min(ours[p], theirs[p]) for p in theirs) / total


def ratio(value):
    return "" if value is None else f"{value:.4f}"


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


def quality(pdfs, caleido, patterns, out_csv, gaps_md):
    rows, gaps = [], []
    for pdf in pdfs:
        ours = run([caleido, "extract", "--plain", str(pdf)]).stdout.decode("utf-8", "replace")
        ref_proc = run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"])
        ref = dehyphenate(ref_proc.stdout.decode("utf-8", "replace")) if ref_proc.returncode == 0 else ""
        body = strip_furniture(ref)
        has_text = bool(ref.strip())
        ours_words, ours_terms = words(ours), term_counts(ours, patterns)
        rows.append({"file": str(pdf), "words_caleido": sum(ours_words.values()),
                     "words_pdftotext": sum(words(ref).values()),
                     "words_pdftotext_body": sum(words(body).values()),
                     "word_agreement": ratio(agreement(ours_words, words(ref)) if has_text else None),
                     "word_agreement_body": ratio(agreement(ours_words, words(body)) if has_text else None),
                     "term_recall": ratio(term_recall(ours_terms, term_counts(ref, patterns)) if has_text else None),
                     "term_recall_body": ratio(term_recall(ours_terms, term_counts(body, patterns))
                                               if has_text else None)})
        if has_text and float(rows[-1]["word_agreement_body"]) < 0.97:
            gaps.append(word_gap(pdf, ours_words, words(body)))
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    with open(gaps_md, "w", encoding="utf-8") as f:
        f.write("# Files under 0.97 word agreement with pdftotext's body text\n\n"
                "The words each side has more often than the other (folded), most frequent first.\n\n")
        f.writelines(gaps)
    return rows


def word_gap(pdf, ours, ref, top=15):
    """Markdown lines: the words only caleido has and those only pdftotext has, most frequent first."""
    show = lambda c: ", ".join(f"`{w}` {n}" for w, n in c.most_common(top))
    only_ours, only_ref = ours - ref, ref - ours
    return (f"## {pdf.name}\n\n- caleido only ({sum(only_ours.values())} words): {show(only_ours)}\n"
            f"- pdftotext only ({sum(only_ref.values())} words): {show(only_ref)}\n\n")


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


def speed(pdfs, caleido, baseline, workdir, repeat):
    """Wall time and peak memory of each tool over all PDFs; the median of `repeat`
    rounds, the tools taking turns within a round so that load on the machine hits all alike."""
    link_dir = Path(workdir) / "pdfs"
    link_dir.mkdir()
    for i, pdf in enumerate(pdfs):
        (link_dir / f"{i:03d}_{pdf.name}").symlink_to(pdf.resolve())
    tools = {
        "caleido score -j 1": lambda: timed([caleido, "score", str(link_dir), "-j", "1",
                                             "--out", str(Path(workdir) / "r")]),
        "pdf-extract 0.12 as it comes": lambda: per_file([baseline], pdfs),
        "pdftotext (poppler)": lambda: per_file(["pdftotext", "-enc", "UTF-8"], pdfs, tail=["-"]),
        "PyMuPDF get_text, one process": lambda: timed([sys.executable, "-c", PYMUPDF, *map(str, pdfs)]),
    }
    rounds = {name: [] for name in tools}
    for _ in range(repeat):
        for name, run_tool in tools.items():
            rounds[name].append(run_tool())
    return {name: median_run(runs) for name, runs in rounds.items()}


def median_run(runs):
    """The run with the median wall time, and the highest peak memory of all runs."""
    ordered = sorted(runs, key=lambda r: r[0])
    wall, _, code = ordered[len(ordered) // 2]
    return wall, max(r[1] for r in runs), code


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
    ap.add_argument("--repeat", type=int, default=3, help="rounds of the speed comparison (median reported)")
    args = ap.parse_args()
    pdfs = sorted(p for root in args.paths for p in Path(root).rglob("*") if p.suffix.lower() == ".pdf")
    Path(args.out).mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    rows = quality(pdfs, args.caleido, term_patterns(args.rules), out / "quality.csv", out / "gaps.md")
    report_quality(rows)
    if args.quick:
        return
    with tempfile.TemporaryDirectory() as work:
        results = speed(pdfs, args.caleido, args.baseline, work, args.repeat)
        report_speed(results, len(pdfs), args.repeat)
        report_scaling(scaling(pdfs, args.caleido, work))


def summarise(rows, column, goal, digits):
    values = [float(r[column]) for r in rows if r[column]]
    return (f"mean {sum(values) / len(values):.{digits}f}, min {min(values):.{digits}f}; "
            f"{sum(v < goal for v in values)} files under {goal}")


def report_quality(rows):
    print(f"## Text quality over {len(rows)} PDFs (pdftotext as reference)\n")
    print("Against all of pdftotext's text, and against its body text (running headers and")
    print("footers removed from the reference, as caleido removes them; see strip_furniture).\n")
    print("| measure | all text | body text |\n|---|---|---|")
    print(f"| word agreement | {summarise(rows, 'word_agreement', 0.97, 3)} "
          f"| {summarise(rows, 'word_agreement_body', 0.97, 3)} |")
    print(f"| term recall | {summarise(rows, 'term_recall', 0.99, 4)} "
          f"| {summarise(rows, 'term_recall_body', 0.99, 4)} |\n")
    print("| file | word agreement | body | term recall | body |\n|---|--:|--:|--:|--:|")
    key = lambda r: float(r["term_recall_body"] or 1) + float(r["word_agreement_body"] or 1)
    for r in sorted(rows, key=key)[:15]:
        print(f"| {Path(r['file']).name} | {r['word_agreement']} | {r['word_agreement_body']} "
              f"| {r['term_recall']} | {r['term_recall_body']} |")
    print()


def report_speed(results, n, repeat):
    base = results["PyMuPDF get_text, one process"][0]
    print(f"## Speed over {n} PDFs (median of {repeat} rounds, tools taking turns, same machine)\n")
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
