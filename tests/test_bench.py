"""bench/run.py's arithmetic and how it starts the timed processes (no timing here: the bench measures)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():  # noqa: ANN201 - the module bench/run.py
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_paired_ratios_round_by_round(bench) -> None:  # noqa: ANN001
    ours = [0.30, 0.28, 0.33, 0.29, 0.31]
    theirs = [0.32, 0.27, 0.30, 0.30, 0.35]
    median, low, high, wins, count = bench.paired(ours, theirs)
    ratios = sorted(a / b for a, b in zip(ours, theirs))
    assert median == pytest.approx(ratios[2])
    assert ratios[0] <= low <= median <= high <= ratios[-1]
    assert (wins, count) == (3, 5)  # 0.30/0.32, 0.29/0.30, 0.31/0.35


def test_paired_interval_narrows_with_agreeing_rounds(bench) -> None:  # noqa: ANN001
    _m, low, high, wins, count = bench.paired([0.9] * 40, [1.0] * 40)
    assert low == high == pytest.approx(0.9)
    assert (wins, count) == (40, 40)


def test_timed_processes_start_without_site_and_find_the_same_packages(bench, tmp_path: Path) -> None:  # noqa: ANN001
    """python -S with PYTHONPATH: no .pth file of the environment runs (an editable install's import hook
    would slow every start, the Typst runner's most), and the timed checkout comes first."""
    code = tmp_path / "checkout"
    path = bench.python_path(code).split(os.pathsep)
    assert path[0] == str(code)
    assert path[1:] == bench.PACKAGES
    probe = "import sys; print('site' in sys.modules); import yaml, PIL, reportlab, click; print('ok')"
    done = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": bench.python_path(None)})
    assert done.stdout.split() == ["False", "ok"]


def test_the_font_cache_moves_as_a_users_default_folder_would(bench, tmp_path: Path) -> None:  # noqa: ANN001
    """The bench keeps the parsed fonts in a folder of its own; on Linux the build still finds it through
    platformdirs (XDG_CACHE_HOME), as a user's build finds its default cache folder."""
    env = {**os.environ, "CASEBOOK_CACHE": "/elsewhere", **bench.cache_home(tmp_path),
           "PYTHONPATH": bench.python_path(None)}
    probe = "import sys; from casebook_pdf.fonts import font_cache_dir; print(font_cache_dir()); print('platformdirs' in sys.modules)"
    done = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True, check=True, env=env)
    folder, asked = done.stdout.split()
    assert Path(folder).is_relative_to(tmp_path)
    assert asked == ("True" if sys.platform.startswith("linux") else "False")
