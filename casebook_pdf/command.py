"""The `casebook-pdf` command's entry point (also `python -m casebook_pdf`): it sets the garbage
collector's thresholds before anything else is imported, then runs cli.run.

A build keeps what it makes to the end (laid-out pages, drawn pages): with Python's default
thresholds (700, 10, 10) the collector scans the growing heap over and over, 1.6 s of a cold
1000-case build (0.09 s at 100 cases, so more per page at 1000). Collecting the youngest objects every
200,000 allocations: none at all in a small edition's build (every 10,000: 5 collections, 12-15 ms of
a cold 3-case build, freeing ~500 objects; 40 ms at 100 cases), 0.6 s of a cold 1000-case build
(0.5 s every 10,000) and 1.6 MB more at its peak. Cyclic garbage is still collected, a little later.
Set here rather than in cli.run because importing the command (click and cli's own modules) made 18
collections of its own, 2.4 ms of every run, before cli.run could set them.
"""

from __future__ import annotations

import gc
from typing import NoReturn

GC_THRESHOLDS = (200_000, 10, 10)


def run() -> NoReturn:
    gc.set_threshold(*GC_THRESHOLDS)
    from casebook_pdf.cli import run as run_cli

    run_cli()
