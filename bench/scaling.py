#!/usr/bin/env python3
"""How `caleido score` grows from 350 to 3,500 programmes: time, report stage, memory.

Usage (from the project root, after `cargo build --release`):

    python3 bench/scaling.py ../shared/corpus [--sizes 350,1000,3500] [--jobs 2]
        [--caleido target/release/caleido] [--out bench/results/scaling.md] [--label after]
        [--trees /tmp/synth-]

For each size it builds a synthetic election with `bench/synth_election.py`
(`/tmp/synth-N`, or PREFIX + N with `--trees PREFIX`, so that two runs at once do
not rebuild each other's tree; symbolic links into the corpus; see that script
for what such a tree is and is not), runs

    caleido score /tmp/synth-N --rules keywords --out /tmp/scaling-out-N -j JOBS --no-date --stats

and prints one table row per size:

* wall s: the whole command, measured here;
* after files s and %: from the last file scored to the end (reuse measure and
  every report), from caleido's `stats:` line (`--stats`); with a binary that
  has no `--stats`, from the moment its last worker process ended, as seen by
  polling /proc every 0.05 s;
* after files CPU s: the CPU time caleido used in that stage (`--stats` only;
  on a busy machine steadier than the clock);
* reports s: the scorecard's figures, rendering and writing the reports
  (`--stats` only; the rest of "after files" is the reuse measure);
* parent peak MiB: the caleido process alone (its `ru_maxrss`, `--stats`;
  else the last VmHWM polled from /proc, a lower bound);
* worker peak MiB: the largest of its worker processes (`RUSAGE_CHILDREN`
  `ru_maxrss`, `--stats`; else the largest VmHWM polled).

/usr/bin/time -v would report the largest process of the tree, a worker, as
"maximum resident set size", which is why the parent is measured on its own.
The table goes to stdout and, as a Markdown section headed by --label, is
appended to --out.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATS = re.compile(r"^stats: (.*)$", re.M)


def kib(status_text: str, field: str) -> int:
    m = re.search(rf"^{field}:\s+(\d+) kB", status_text, re.M)
    return int(m.group(1)) if m else 0


def read(path: str) -> str:
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def children(pid: int):
    kids = []
    for tid in os.listdir(f"/proc/{pid}/task") if os.path.isdir(f"/proc/{pid}/task") else []:
        kids += [int(k) for k in read(f"/proc/{pid}/task/{tid}/children").split()]
    return kids


def run_once(caleido: str, tree: Path, out: Path, jobs: int, rules: str, stats: bool):
    cmd = [caleido, "score", str(tree), "--rules", rules, "--out", str(out), "-j", str(jobs), "--no-date"]
    if stats:
        cmd.append("--stats")
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent_hwm, worker_hwm, last_worker = 0, 0, None
    import threading

    err_chunks = []
    t = threading.Thread(target=lambda: err_chunks.append(p.stderr.read()))
    t.start()
    while p.poll() is None:
        parent_hwm = max(parent_hwm, kib(read(f"/proc/{p.pid}/status"), "VmHWM"))
        kids = children(p.pid)
        for k in kids:
            worker_hwm = max(worker_hwm, kib(read(f"/proc/{k}/status"), "VmHWM"))
        if kids:
            last_worker = time.monotonic()
        time.sleep(0.05)
    wall = time.monotonic() - start
    t.join()
    stdout = p.stdout.read()
    stderr = "".join(err_chunks)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {p.returncode}:\n{stderr[-2000:]}")
    row = {
        "wall": wall,
        "after": wall - (last_worker - start) if last_worker else float("nan"),
        "reports": float("nan"),
        "cpu": float("nan"),
        "parent": parent_hwm / 1024,
        "worker": worker_hwm / 1024,
        "stdout": stdout.strip().splitlines()[0] if stdout.strip() else "",
        "cmd": " ".join(cmd),
    }
    m = STATS.search(stderr)
    if m:
        fields = {}
        for part in m.group(1).split(", "):
            fm = re.match(r"([a-z ]+) ([\d.]+)", part)
            if fm:
                fields[fm.group(1)] = float(fm.group(2))
        row["after"] = fields.get("after files", row["after"])
        row["reports"] = fields.get("reports", row["reports"])
        row["cpu"] = fields.get("after files cpu", row["cpu"])
        row["parent"] = fields.get("parent peak", row["parent"])
        row["worker"] = fields.get("worker peak", row["worker"])
    return row


def supports_stats(caleido: str) -> bool:
    # --stats is hidden from --help: a binary that knows it prints the help, one that does not fails.
    h = subprocess.run([caleido, "score", "--stats", "--help"], capture_output=True, text=True)
    return h.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--sizes", default="350,1000,3500")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--caleido", default="target/release/caleido")
    ap.add_argument("--rules", default="keywords")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "scaling.md")
    ap.add_argument("--label", default="caleido")
    ap.add_argument("--trees", default="/tmp/synth-",
                    help="prefix of the synthetic trees (N is appended): give each concurrent run its own")
    a = ap.parse_args()
    stats = supports_stats(a.caleido)
    rows = []
    for n in [int(s) for s in a.sizes.split(",")]:
        tree = Path(f"{a.trees}{n}")
        subprocess.run([sys.executable, str(HERE / "synth_election.py"), str(a.corpus), str(n), str(tree)], check=True,
                       stdout=subprocess.DEVNULL)
        r = run_once(a.caleido, tree, Path(f"/tmp/scaling-out-{n}-{os.getpid()}"), a.jobs, a.rules, stats)
        r["n"] = n
        rows.append(r)
        print(f"{n}: {r['stdout']}", file=sys.stderr)
    head = ("| programmes | wall s | after files s | after files % of wall | after files CPU s | reports s "
            "| parent peak MiB | worker peak MiB |")
    lines = [head, "|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        pct = 100 * r["after"] / r["wall"]
        lines.append(
            f"| {r['n']:,} | {r['wall']:.1f} | {r['after']:.1f} | {pct:.1f} | {r['cpu']:.1f} | {r['reports']:.1f} | "
            f"{r['parent']:.0f} | {r['worker']:.0f} |"
        )
    table = "\n".join(lines)
    print(table)
    source = "caleido --stats" if stats else "/proc polling (no --stats in this binary)"
    section = (
        f"\n## {a.label}\n\n`{rows[-1]['cmd']}` (and the same for each size), "
        f"`-j {a.jobs}`, memory and stage times from {source}.\n\n{table}\n"
    )
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with open(a.out, "a") as f:
        f.write(section)


if __name__ == "__main__":
    main()
