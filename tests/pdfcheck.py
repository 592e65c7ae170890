"""Checks on a built PDF's pages, shared by the end-to-end and fuzz tests."""

from __future__ import annotations


def overlapping_chars(page) -> list[tuple[str, str]]:
    """Pairs of characters (pdfplumber) whose boxes overlap more than compressed punctuation allows."""
    found = []
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["top"])
    for i, a in enumerate(chars):
        for b in chars[i + 1 :]:
            if b["top"] >= a["bottom"] - 0.5:
                break
            # compressed punctuation may come within its blank half of the next character
            slack = 0.2 * min(a["size"], b["size"])
            overlap_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if overlap_x >= slack and overlap_y >= 0.5 * min(a["size"], b["size"]):
                found.append((a["text"], b["text"]))
    return found


def chars_off_page(page) -> list[str]:
    return [c["text"] for c in page.chars if c["x0"] < 0 or c["x1"] > page.width or c["top"] < 0 or c["bottom"] > page.height]
