"""Make the vertical-forms fonts (縦書き用) from the bundled BIZ UDPGothic.

For every character the font's GSUB 'vert' feature turns for vertical text (ー, brackets, small
kana, 、。 …), the output font maps that same character to its vertical glyph. Vertical text then
simply uses this font for the characters it covers: the PDF keeps the real characters (copy and
search work) while the glyphs are the font designer's vertical forms.

Run from the repository root after changing the bundled fonts:
    python tools/make_vertical_fonts.py
It writes fonts/BIZUDPGothic-Vertical-Regular.ttf and -Bold.ttf (SIL OFL, like their source).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"Regular": "BIZUDPGothic-Regular.ttf", "Bold": "BIZUDPGothic-Bold.ttf"}
FIRST_CJK = 0x2000  # Latin is turned as whole words by layout, not by glyph substitution


def vertical_map(font: TTFont) -> dict[int, str]:
    """Code point -> vertical glyph name, from the 'vert' feature's single substitutions."""
    gsub = font["GSUB"].table
    subst: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != "vert":
            continue
        for index in record.Feature.LookupListIndex:
            for table in gsub.LookupList.Lookup[index].SubTable:
                table = getattr(table, "ExtSubTable", table)
                subst.update(getattr(table, "mapping", {}))
    cmap = font.getBestCmap()
    return {code: subst[glyph] for code, glyph in sorted(cmap.items()) if code >= FIRST_CJK and glyph in subst}


def make(weight: str) -> Path:
    source = ROOT / "fonts" / SOURCES[weight]
    font = TTFont(source)
    mapping = vertical_map(font)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=sorted(set(mapping.values())))
    subsetter.subset(font)
    for table in font["cmap"].tables:
        table.cmap = dict(mapping) if table.isUnicode() else {}
    family = "BIZ UDPGothic Vertical"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (4,):
            record.string = f"{family} {weight}"
        elif record.nameID == 6:
            record.string = f"BIZUDPGothicVertical-{weight}"
    out = ROOT / "fonts" / f"BIZUDPGothic-Vertical-{weight}.ttf"
    font.save(out)
    return out


if __name__ == "__main__":
    for weight in SOURCES:
        path = make(weight)
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")
