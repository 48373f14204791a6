#!/usr/bin/env python3
"""caleido against PyMuPDF at equal workers, in one command.

Usage (from the project root, after `cargo build --release --bin caleido`):

    python3 bench/speed.py ../shared/corpus [--rounds 5] [--caleido target/release/caleido]

Over every PDF under the given folders (searched recursively) it times, in
alternating rounds (caleido -j 1, PyMuPDF 1 process, caleido -j 2, PyMuPDF 2
processes, then again), the whole-process wall time of

* `caleido score DIR -j N --out TMP` (reports written), N = 1 and 2, where DIR
  holds symbolic links to the PDFs only;
* PyMuPDF `page.get_text()` over all pages, in one Python process, and in two
  processes with the files dealt out alternately (largest first) to a
  `multiprocessing.Pool(2)` started inside the timed run.

It prints the median wall time (and CPU time: user + system of the whole
process tree) of each and the ratio caleido / PyMuPDF at the same number of
workers, with the load average before and after (the machine is
shared; when the load is high, read the ratios and run again).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYMUPDF = r"""
import sys, pymupdf
from multiprocessing import Pool

def extract(paths):
    for p in paths:
        try:
            doc = pymupdf.open(p)
            for page in doc:
                page.get_text()
        except Exception as e:
            print(p, e, file=sys.stderr)
    return len(paths)

if __name__ == "__main__":
    workers, paths = int(sys.argv[1]), sys.argv[2:]
    if workers == 1:
        extract(paths)
    else:
        with Pool(workers) as pool:
            pool.map(extract, [paths[i::workers] for i in range(workers)])
"""


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd):
    """Wall seconds and CPU seconds (user + system, the whole process tree) of a command."""
    cpu, start = cpu_of_children(), time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, cpu_of_children() - cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--caleido", default="target/release/caleido")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    args = ap.parse_args()
    pdfs = sorted(p for root in args.paths for p in Path(root).rglob("*") if p.suffix.lower() == ".pdf")
    by_size = [str(p) for p in sorted(pdfs, key=lambda p: -p.stat().st_size)]
    workers = [int(w) for w in args.workers.split(",")]
    times = {(tool, n): [] for n in workers for tool in ("caleido", "pymupdf")}
    print(f"{len(pdfs)} PDFs, {args.rounds} rounds, load before: {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory() as work:
        links = Path(work) / "pdfs"
        links.mkdir()
        for i, pdf in enumerate(pdfs):
            (links / f"{i:03d}_{pdf.name}").symlink_to(pdf.resolve())
        for r in range(args.rounds):
            for n in workers:
                out = Path(work) / f"r{r}-{n}"
                times["caleido", n].append(timed([args.caleido, "score", str(links), "-j", str(n),
                                                  "--out", str(out)]))
                times["pymupdf", n].append(timed([sys.executable, "-c", PYMUPDF, str(n), *by_size]))
                (cw, cc), (pw, pc) = times["caleido", n][-1], times["pymupdf", n][-1]
                print(f"round {r + 1}, {n} worker(s): caleido {cw:.2f} s wall {cc:.2f} s CPU, "
                      f"PyMuPDF {pw:.2f} s wall {pc:.2f} s CPU, load {os.getloadavg()[0]:.2f}", flush=True)
    print(f"\nload after: {os.getloadavg()[0]:.2f}\n")
    print("| workers | caleido wall s | PyMuPDF wall s | wall ratio | caleido CPU s | PyMuPDF CPU s | CPU ratio |")
    print("|--:|--:|--:|--:|--:|--:|--:|")
    med = lambda tool, n, i: statistics.median(t[i] for t in times[tool, n])
    for n in workers:
        ow, tw, oc, tc = med("caleido", n, 0), med("pymupdf", n, 0), med("caleido", n, 1), med("pymupdf", n, 1)
        print(f"| {n} | {ow:.2f} | {tw:.2f} | **{ow / tw:.2f}** | {oc:.2f} | {tc:.2f} | {oc / tc:.2f} |")


if __name__ == "__main__":
    main()
