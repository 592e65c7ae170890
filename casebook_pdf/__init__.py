"""casebook-pdf: YAML case reports -> print-ready Japanese PDF casebook.

Flow: source (YAML + line marks) -> model (validated dataclasses) -> layout (pure, positioned
frames) -> render (reportlab canvas).
"""

__version__ = "0.1.0"
