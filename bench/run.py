"""Benchmark: casebook-pdf beside Typst, cold, warm, after a one-case edit and under build --watch.

Usage: python bench/run.py [SIZES] [--repeat N] [--editions DIR]
  SIZES: comma-separated case counts, default 3,100,1000. 3 is the bundled edition (its illustrations);
  any other N is a made edition of N cases with 3 distinct 4000x3000 JPEG photos each (bench/make_edition.py).

Every build is a new process running the real command (`python -m casebook_pdf build`); its peak memory is
that process's own maximum resident set (VmHWM, written by bench/peak.py). "cold" is an empty cache
folder (images, laid-out pages), which the build fills as a user's first build does; at 3 cases
"cold, --no-cache" is also timed in the same rounds (nothing read or written: how issue 15 measured its
cold column). The parsed fonts live in their own folder, filled once before timing, like an
installation's .pyc files: the "first run" row shows a run with that folder empty too. The timed package's bytecode is
compiled before timing, as `pip install` does: with PYTHONDONTWRITEBYTECODE set (as on the project's
machines) every run would otherwise compile ~55 modules again (~0.05 s of a 3-case build). The Typst column compiles
../shared/peer/casebook.typ on the same edition with typst-py (`pip install -e ".[bench]"`), alternating
with casebook-pdf so both see the same machine load; only the ratios are meaningful on a shared machine.
Both start without `site` (python -S, the same packages on PYTHONPATH), so that an editable install's
import hook, which every Python start in this environment would otherwise run, favours neither side.
Where Typst runs every round (3 cases), the rounds' own ratios are summed up under the table: their
median with a 95 % bootstrap interval, and in how many rounds casebook-pdf was the faster.
Figures are printed (and the load average beside them), never asserted.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import shutil
import site
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The Typst runner: $CASEBOOK_PEER, else ../shared/peer beside the checkout (or beside its worktree folder).
PEER = next((p for p in (Path(os.environ.get("CASEBOOK_PEER", "/nonexistent")), ROOT.parent / "shared" / "peer",
                         ROOT.parent.parent / "shared" / "peer") if (p / "typst_build.py").is_file()), None)
# Every timed process starts without `site` (-S) and finds the same packages on PYTHONPATH, so that no
# .pth file of this environment runs in it: the import hook of an editable install (`pip install -e`)
# costs each Python start ~15 ms, ~8 ms net for the Typst runner (which imports little else) and ~2 ms
# for a build (which imports pathlib and re anyway), flattering the ratio by ~2 %.
PACKAGES = [p for p in (*site.getsitepackages(), *([site.getusersitepackages()] if site.ENABLE_USER_SITE else []))
            if os.path.isdir(p)]
sys.path.insert(0, str(HERE))

from make_edition import make

CPU: list[float] = []  # CPU seconds (user + system) of each run, in order: steadier than wall time under load


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the process's own VmHWM through bench/peak.py) of one new process
    running `python ARGS...`; its CPU seconds go to CPU."""
    with tempfile.NamedTemporaryFile(prefix="peak-", delete=False) as handle:
        peak_file = Path(handle.name)
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-S", str(HERE / "peak.py"), *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, **(env or {}), "BENCH_PEAK_FILE": str(peak_file)}, cwd=tempfile.gettempdir())
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if done.returncode:
            sys.exit(f"failed: {' '.join(args)}\n{done.stderr.decode()}")
        return wall, int(peak_file.read_text() or 0) / 1024
    finally:
        peak_file.unlink(missing_ok=True)


class Bench:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.env = cache_home(work / "font-cache")  # where the parsed fonts are kept
        self.typst_max = 100
        self.code: Path | None = None  # --code: another checkout's casebook_pdf (say, before a change)

    def ours(self, edition: Path, out: Path, cache: Path | None, env: dict[str, str] | None = None) -> tuple[float, float]:
        args = ["-m", "casebook_pdf", "build", str(edition), "-o", str(out), "-q"]
        args += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
        return run(args, {**self.env, "PYTHONPATH": python_path(self.code), **(env or {})})

    def typst(self, folder: Path, out: Path) -> tuple[float, float] | None:
        try:
            import typst  # noqa: F401
        except ImportError:
            return None
        if PEER is None:
            return None
        return run([str(PEER / "typst_build.py"), str(folder), str(out)],
                   {"CASEBOOK_FONTS": str(ROOT / "fonts"), "PYTHONPATH": os.pathsep.join(PACKAGES)})


def cache_home(folder: Path) -> dict[str, str]:
    """The environment that moves the default cache folder (where the parsed fonts live) into `folder`.
    On Linux through XDG_CACHE_HOME, so that the build still asks platformdirs for its default folder as
    a user's does (~3 ms of imports); elsewhere through CASEBOOK_CACHE, which skips that question."""
    if sys.platform.startswith("linux"):
        return {"XDG_CACHE_HOME": str(folder), "CASEBOOK_CACHE": ""}
    return {"CASEBOOK_CACHE": str(folder)}


def python_path(code: Path | None) -> str:
    """PYTHONPATH for a build: the timed checkout (--code, else this one), then the environment's packages."""
    return os.pathsep.join([str(code or ROOT), *PACKAGES])


def edition_for(size: int, work: Path, editions: Path) -> tuple[Path, Path]:
    """(edition file, folder holding data/casebook.yaml for the Typst runner), a fresh copy in `work`.

    Made editions are kept in `editions` (--editions) and copied with hard links for the photos, so
    runs can reuse them and the one-case edit never touches the original."""
    folder = work / f"edition-{size}"
    folder.mkdir(parents=True)
    if size == 3:
        shutil.copytree(ROOT / "data", folder / "data")  # a copy: the edit below must not touch the repository
        (folder / "images").symlink_to(ROOT / "images")
        return folder / "data" / "casebook.yaml", folder
    pristine = editions / f"edition-{size}" / "data"
    if not (pristine / "casebook.yaml").is_file():
        t = time.perf_counter()
        make(pristine, size)
        print(f"made {size} cases with {3 * size} photos in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    shutil.copytree(pristine, folder / "data", copy_function=os.link)
    for case in (folder / "data" / "cases").iterdir():  # own copies of the YAML, which gets edited
        body = case.read_bytes()
        case.unlink()
        case.write_bytes(body)
    return folder / "data" / "casebook.yaml", folder


def edit_one_case(edition: Path, text: str) -> None:
    case = sorted((edition.parent / "cases").glob("*.yaml"))[1]
    body = case.read_text(encoding="utf-8")
    key = "overview: " if "overview: " in body else "title: "
    case.write_text(body.replace(key, key + text, 1), encoding="utf-8")


def watch_rebuild(bench: Bench, edition: Path, out: Path, cache: Path) -> float:
    """build --watch's case: one process builds, one case is edited, the same workspace rebuilds. The
    process collects garbage as `casebook-pdf` does (GC_THRESHOLDS): with Python's defaults, a full
    collection of the first build's heap fell inside the timed rebuild in about half the runs (~0.13 s
    against ~0.21 s at 50 cases), a cost the command itself does not have."""
    case = sorted((edition.parent / "cases").glob("*.yaml"))[1]
    code = (
        "import gc, time, sys\n"
        "from pathlib import Path\n"
        "from casebook_pdf.cli import GC_THRESHOLDS\n"
        "gc.set_threshold(*GC_THRESHOLDS)  # as the command sets them (command.py)\n"
        "from casebook_pdf.build import build\n"
        "from casebook_pdf.workflow.progress import workspace\n"
        f"work = workspace(Path({str(cache)!r}), 300)\n"
        f"build(Path({str(edition)!r}), Path({str(out)!r}), Path({str(cache)!r}), 300, work)\n"
        "work.memo.sweep()\n"
        f"case = Path({str(case)!r})\n"
        "body = case.read_text(encoding='utf-8')\n"
        "key = 'overview: ' if 'overview: ' in body else 'title: '\n"
        "case.write_text(body.replace(key, key + '再編集。', 1), encoding='utf-8')\n"
        "t = time.perf_counter()\n"
        f"build(Path({str(edition)!r}), Path({str(out)!r}), Path({str(cache)!r}), 300, work)\n"
        "print(time.perf_counter() - t)\n"
    )
    env = {**os.environ, **bench.env, "PYTHONPATH": python_path(bench.code)}
    # not run from the checkout: `python -c` puts the current folder first on sys.path, before --code's
    done = subprocess.run([sys.executable, "-S", "-c", code], check=False, capture_output=True, text=True, env=env,
                          cwd=tempfile.gettempdir())
    if done.returncode:
        sys.exit(f"watch build failed:\n{done.stderr}")
    return float(done.stdout.split()[-1])


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(size: int, bench: Bench, repeat: int, editions: Path) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix=f"run-{size}-", dir=bench.work))
    edition, folder = edition_for(size, work, editions)
    rows: list[dict] = []
    ours_cold, theirs, rss_ours, rss_theirs, cpu_ours, cpu_theirs = [], [], [], [], [], []
    uncached: list[tuple[float, float, float]] = []  # at 3 cases: (wall, MB, CPU) of --no-cache builds

    def cold(n: int) -> None:
        wall, rss = bench.ours(edition, work / "cold.pdf", work / f"cold-cache-{n}")
        ours_cold.append(wall)
        cpu_ours.append(CPU[-1])
        rss_ours.append(rss)

    def no_cache(_n: int) -> None:  # the issue's own cold column: nothing read from or written to a cache
        uncached.append((*bench.ours(edition, work / "uncached.pdf", None), CPU[-1]))

    def peer(n: int) -> None:
        # typst-py 0.15 decodes every photo in full (about 45 MB for each 4000x3000 JPEG): 13 GB at 100
        # cases, so it runs once there and not at all above --typst-max on a shared machine.
        typst = bench.typst(folder, work / "typst.pdf") if size <= bench.typst_max and (size <= 3 or n == 0) else None
        if typst:
            theirs.append(typst[0])
            cpu_theirs.append(CPU[-1])
            rss_theirs.append(typst[1])

    steps = [cold, no_cache, peer] if size <= 3 else [cold, peer]
    for n in range(repeat):  # alternate, so all see the same load; each round starts with the next, so none always goes first
        turn = n % len(steps)
        for step in steps[turn:] + steps[:turn]:
            step(n)
        if n < repeat - 1:
            shutil.rmtree(work / f"cold-cache-{n}")
    typst_s = statistics.median(theirs) if theirs else None
    typst_mb = max(rss_theirs) if rss_theirs else None

    def row(name: str, seconds: float, mb: float | None, **extra: object) -> None:
        rows.append({"cases": size, "run": name, "s": seconds, "mb": mb, "typst_s": typst_s, "typst_mb": typst_mb,
                     "load": load(), **extra})

    row("cold", statistics.median(ours_cold), max(rss_ours), cpu=statistics.median(cpu_ours),
        typst_cpu=statistics.median(cpu_theirs) if cpu_theirs else None,
        paired=paired(ours_cold, theirs) if len(theirs) == len(ours_cold) > 1 else None)
    if uncached:
        row("cold, --no-cache", statistics.median(u[0] for u in uncached), max(u[1] for u in uncached),
            cpu=statistics.median(u[2] for u in uncached), typst_cpu=rows[-1]["typst_cpu"],
            paired=paired([u[0] for u in uncached], theirs) if len(theirs) == len(uncached) > 1 else None,
            same_as_cold=(work / "uncached.pdf").read_bytes() == (work / "cold.pdf").read_bytes())
    if size == 3:
        first = bench.ours(edition, work / "first.pdf", work / "first-cache", cache_home(work / "no-fonts-yet"))
        row("first run (no font cache)", *first, cpu=CPU[-1])
    cache = work / f"cold-cache-{repeat - 1}"
    warm = [bench.ours(edition, work / "warm.pdf", cache) for _ in range(repeat)]
    row("warm (cache filled)", statistics.median(w for w, _m in warm), max(m for _w, m in warm), cpu=statistics.median(CPU[-repeat:]))
    same_warm = (work / "cold.pdf").read_bytes() == (work / "warm.pdf").read_bytes()
    edit_one_case(edition, "追記：鰊漁の期間は稚内で確認。")  # new characters too: no other page may change
    edit = bench.ours(edition, work / "edit.pdf", cache)
    bench.ours(edition, work / "fresh.pdf", None)  # the edited edition, built afresh
    row("one case edited", *edit, cpu=CPU[-2], same_as_fresh=(work / "edit.pdf").read_bytes() == (work / "fresh.pdf").read_bytes())
    rows[0]["same_as_warm"] = same_warm
    watch = watch_rebuild(bench, edition, work / "watch.pdf", work / "watch-cache")
    row("watch: rebuild after one edit", watch, None,
        same_as_fresh=(work / "watch.pdf").read_bytes() == bench_fresh(bench, edition, work))
    return rows


def paired(ours: list[float], theirs: list[float], resamples: int = 2000) -> tuple[float, float, float, int, int]:
    """Round by round (each round built both, one after the other): the median of the ratios, the 95 %
    bootstrap interval of that median, and in how many of the rounds ours was the faster."""
    ratios = [a / b for a, b in zip(ours, theirs)]
    draw = random.Random(0)
    medians = sorted(statistics.median(draw.choices(ratios, k=len(ratios))) for _ in range(resamples))
    low, high = medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]
    return statistics.median(ratios), low, high, sum(r < 1.0 for r in ratios), len(ratios)


def bench_fresh(bench: Bench, edition: Path, work: Path) -> bytes:
    bench.ours(edition, work / "fresh2.pdf", None)
    return (work / "fresh2.pdf").read_bytes()


def table(rows: list[dict]) -> str:
    head = ("| cases | run | casebook-pdf s | CPU s | Typst s | Typst CPU s | ratio (wall) | ratio (CPU) | peak MB | Typst MB "
            "| RSS ratio | load avg | bytes |")
    lines = [head, "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cold = r["run"].startswith("cold")
        first = r["run"] == "first run (no font cache)"
        ratio = f"{r['s'] / r['typst_s']:.2f}×" if r["typst_s"] and (cold or first) else ""
        cpu_ratio = f"{r['cpu'] / r['typst_cpu']:.2f}×" if r.get("typst_cpu") and cold else ""
        rss = f"{r['mb'] / r['typst_mb']:.2f}×" if r["typst_mb"] and r["mb"] and cold else ""
        same = ""
        if "same_as_warm" in r:
            same = "cold = warm" if r["same_as_warm"] else "COLD ≠ WARM"
        if "same_as_cold" in r:
            same = "= cold" if r["same_as_cold"] else "≠ COLD"
        if "same_as_fresh" in r:
            same = "= fresh build" if r["same_as_fresh"] else "≠ FRESH BUILD"
        typst = f"{r['typst_s']:.2f}" if r["typst_s"] and cold else ""
        typst_cpu = f"{r['typst_cpu']:.2f}" if r.get("typst_cpu") and cold else ""
        typst_mb = f"{r['typst_mb']:.0f}" if r["typst_mb"] and cold else ""
        mb = f"{r['mb']:.0f}" if r["mb"] else ""
        cpu = f"{r['cpu']:.2f}" if r.get("cpu") is not None else ""
        lines.append(f"| {r['cases']} | {r['run']} | {r['s']:.2f} | {cpu} | {typst} | {typst_cpu} | {ratio} | {cpu_ratio} | {mb} "
                     f"| {typst_mb} | {rss} | {r['load']} | {same} |")
    for r in rows:
        if r.get("paired"):
            median, low, high, wins, count = r["paired"]
            lines.append(f"\n{r['cases']} cases {r['run']}, round by round: casebook-pdf / Typst {median:.2f}× "
                         f"(95 % interval {low:.2f}–{high:.2f}×), casebook-pdf the faster in {wins} of {count} rounds")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="?", default="3,100,1000")
    parser.add_argument("--repeat", type=int, default=0, help="cold and warm builds per size (default: 15 at 3 cases, 3 at 100, 1 above)")
    parser.add_argument("--editions", type=Path, default=None,
                        help="keep the made editions in this folder and reuse them (making 1000 cases takes minutes)")
    parser.add_argument("--code", type=Path, default=None, help="time the casebook_pdf of this checkout instead (PYTHONPATH)")
    parser.add_argument("--typst-max", type=int, default=100, help="largest edition Typst compiles (its memory: ~45 MB a photo)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    bench = Bench(work)
    bench.typst_max = args.typst_max
    bench.code = args.code
    try:
        package = (args.code or ROOT) / "casebook_pdf"
        compileall.compile_dir(str(package), quiet=1)  # what an installation has; written despite PYTHONDONTWRITEBYTECODE
        editions = args.editions or work / "editions"
        bench.ours(edition_for(3, work / "prime", editions)[0], work / "prime.pdf", None)  # fills the font cache
        rows: list[dict] = []
        for size in (int(s) for s in args.sizes.split(",")):
            # 3 cases: a build takes ~0.3 s and the machine's noise ~10 %, so 15 alternating rounds (~15 s)
            # for a median that does not swing by 0.1× from one run of this script to the next (five did).
            repeat = args.repeat or (15 if size <= 3 else 3 if size <= 100 else 1)
            done = measure(size, bench, repeat, editions)
            rows += done
            print(table(done), file=sys.stderr, flush=True)
        print(table(rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
