"""Checks on a built PDF's pages, shared by the end-to-end and fuzz tests."""

from __future__ import annotations


# A full-width ．or ，inside a number (１２０，０００) is set at the advance of its half-width form
# (text/clusters.py): its dot sits at the left of a full-width cell, so the next digit comes over the
# blank rest of the box pdfplumber gives it.
NUMBER_POINTS = "．，"
FULL_DIGITS = "０１２３４５６７８９"


def _slack(a: dict, b: dict) -> float:
    left, right = (a, b) if a["x0"] <= b["x0"] else (b, a)
    if left["text"] in NUMBER_POINTS and right["text"] in FULL_DIGITS:
        return 0.8 * left["size"]
    # compressed punctuation may come within its blank half of the next character
    return 0.2 * min(a["size"], b["size"])


def overlapping_chars(page) -> list[tuple[str, str]]:
    """Pairs of characters (pdfplumber) whose boxes overlap more than compressed punctuation allows."""
    found = []
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["top"])
    for i, a in enumerate(chars):
        for b in chars[i + 1 :]:
            if b["top"] >= a["bottom"] - 0.5:
                break
            slack = _slack(a, b)
            overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if overlap_x >= slack and overlap_y >= 0.5 * min(a["size"], b["size"]):
                found.append((a["text"], b["text"]))
    return found


def chars_off_page(page) -> list[str]:
    return [c["text"] for c in page.chars if c["x0"] < 0 or c["x1"] > page.width or c["top"] < 0 or c["bottom"] > page.height]
