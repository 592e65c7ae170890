"""Render: laid-out pages (frames) -> PDF bytes, for the screen, the press, the copier or handouts.

pdf (the writer), colour (RGB / CMYK / gray as a property of drawing), marks (bleed, トンボ, boxes),
impose (n-up handouts), icons (vector icons for characters no font has).
"""

from casebook_pdf.render.pdf import Meta, Output, render_pdf

__all__ = ["Meta", "Output", "render_pdf"]
