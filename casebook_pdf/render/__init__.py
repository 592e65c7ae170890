"""Render: laid-out pages (frames) -> PDF bytes, for the screen, the press, the copier or handouts.

kind (which PDF: Output, Meta), pdf (the writer: render_pdf), colour (RGB / CMYK / gray as a property
of drawing), marks (bleed, トンボ, boxes), impose (n-up handouts), icons (vector icons for characters no
font has). Importing the package imports only `kind`: the writer comes with render.pdf.
"""

from casebook_pdf.render.kind import Meta, Output

__all__ = ["Meta", "Output"]
