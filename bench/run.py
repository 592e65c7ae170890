"""Benchmark: cold build, cached rebuild and one-case edit of a large edition; time, memory, size.

Usage: python bench/run.py [N]   (default 100 cases x 3 camera-size photos)
Each build runs in its own process; peak memory is that process's maximum resident set size.
Figures are printed, never asserted: timings on shared machines vary.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_edition import make  # noqa: E402


def build(edition: Path, out: Path, cache: Path) -> dict[str, float]:
    code = (
        "import resource, sys, time\n"
        "def peak_kb():\n"
        "    # VmHWM is this process's own peak; ru_maxrss keeps the parent's across exec on Linux\n"
        "    try:\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith('VmHWM:'):\n"
        "                return int(line.split()[1])\n"
        "    except OSError:\n"
        "        pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "from pathlib import Path\n"
        "from casebook_pdf.build import build\n"

        "t = time.perf_counter()\n"
        f"r = build(Path({str(edition)!r}), Path({str(out)!r}), Path({str(cache)!r}))\n"
        "print(time.perf_counter() - t, peak_kb(), r.size, r.pages)\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"build failed:\n{done.stderr}")
    wall = time.perf_counter() - start
    inner, rss_kb, size, pages = done.stdout.split()
    return {"wall_s": round(wall, 2), "build_s": round(float(inner), 2), "peak_mb": round(int(rss_kb) / 1024),
            "pdf_mb": round(int(size) / 1e6, 2), "pages": int(pages)}


def watch_rebuild(edition: Path, out: Path, cache: Path) -> dict[str, float]:
    """build --watch's case: one process builds, one case is edited, the same workspace rebuilds."""
    case = edition.parent / "cases" / "002.yaml"
    code = (
        "import time\n"
        "from pathlib import Path\n"
        "from casebook_pdf.build import build\n"
        "from casebook_pdf.workflow.progress import workspace\n"
        f"work = workspace(Path({str(cache)!r}), 300)\n"
        "t = time.perf_counter()\n"
        f"build(Path({str(edition)!r}), Path({str(out)!r}), Path({str(cache)!r}), 300, work)\n"
        "first = time.perf_counter() - t\n"
        "work.memo.sweep()\n"
        f"case = Path({str(case)!r})\n"
        "case.write_text(case.read_text(encoding='utf-8').replace('overview: ', 'overview: 再編集。', 1), encoding='utf-8')\n"
        "t = time.perf_counter()\n"
        f"build(Path({str(edition)!r}), Path({str(out)!r}), Path({str(cache)!r}), 300, work)\n"
        "print(first, time.perf_counter() - t)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"build failed:\n{done.stderr}")
    first, again = done.stdout.split()
    return {"first_build_s": round(float(first), 2), "rebuild_after_one_case_edit_s": round(float(again), 2)}


def main(count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    try:
        t = time.perf_counter()
        edition = make(work / "edition", count)
        print(f"made {count} cases with {3 * count} photos in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        cache = work / "cache"
        results = {"cold": build(edition, work / "a.pdf", cache)}
        results["cached"] = build(edition, work / "b.pdf", cache)
        case = edition.parent / "cases" / "001.yaml"
        case.write_text(case.read_text(encoding="utf-8").replace("overview: ", "overview: 追記。", 1), encoding="utf-8")
        results["one_case_edit"] = build(edition, work / "c.pdf", cache)
        results["same_bytes_cold_vs_cached"] = (work / "a.pdf").read_bytes() == (work / "b.pdf").read_bytes()
        results["watch"] = watch_rebuild(edition, work / "w.pdf", work / "watch-cache")
        build(edition, work / "d.pdf", cache)  # the edited edition, built afresh
        results["same_bytes_watch_vs_fresh"] = (work / "w.pdf").read_bytes() == (work / "d.pdf").read_bytes()
        print(json.dumps({"cases": count, **results}, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
