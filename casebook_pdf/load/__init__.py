"""Step 1 of the pipeline: YAML files -> a validated model.Edition, every problem collected.

source (YAML text with line marks) -> fields (typed readers) -> edition and blocks (the format's
rules) -> model; printed maps a model value back to its file, line and YAML path for later checks.
"""

from casebook_pdf.load.edition import load_edition

__all__ = ["load_edition"]
