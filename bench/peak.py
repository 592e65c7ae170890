"""Run a module (-m NAME) or a script as __main__, then write this process's own peak memory (VmHWM, KB)
to $BENCH_PEAK_FILE. ru_maxrss cannot be used: on Linux a child starts from its parent's peak."""

from __future__ import annotations

import atexit
import os
import runpy
import sys


def _peak_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _write() -> None:
    with open(os.environ["BENCH_PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(str(_peak_kb()))


if __name__ == "__main__":
    atexit.register(_write)
    if sys.argv[1] == "-m":
        sys.argv = [sys.argv[2], *sys.argv[3:]]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")
