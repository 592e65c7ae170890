"""Step 1 of the pipeline: YAML files -> a validated model.Edition, every problem collected.

source (YAML text with line marks) -> fields (typed readers) -> edition and blocks (the format's
rules) -> model; printed maps a model value back to its file, line and YAML path for later checks.
early reads only what a build can use before YAML and the model are imported (the pictures to start
decoding), so `load_edition` is imported from its module when first used (PEP 562).
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_edition"]


def __getattr__(name: str) -> Any:
    if name != "load_edition":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from casebook_pdf.load.edition import load_edition

    return load_edition
