"""The caches under a random walk of edits: after every edit, a build that reuses the cache folder
(parsed YAML, laid-out pages, drawn pages, processed photos) gives the bytes of a fresh build.

Edits are those an editor makes during a year: a case's text with characters the edition never used,
a comment line, a title (which the contents show), the tools, a photo rewritten under its own name,
the order of the cases, a case removed; each build for the screen, the press or a gray copy, all
with one cache folder. CASEBOOK_FUZZ=N walks N steps (default 8).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from PIL import Image

from casebook_pdf.build import build
from casebook_pdf.render import Output
from tests.editions import CASE, make_edition

STEPS = int(os.environ.get("CASEBOOK_FUZZ", "0")) or 8
WORDS = ["鰊漁", "稚内", "網走", "釧路湿原", "流氷", "ＡＩ", "Wi-Fi", "12:30", "（試行）", "、", "。", "ｅメール", "髙橋", "﨑", "①", "㈱", "鷗外", "ﾊﾝｶｸ"]
PHOTO_CASE = CASE + "photos:\n  - {image: a.png, caption: 一枚目}\n  - {image: b.jpg, caption: 二枚目}\n"


def _edition(root: Path) -> Path:
    cases = {f"0{n}-case.yaml": (PHOTO_CASE if n % 2 else CASE).replace("テストの事例", f"事例その{n}") for n in range(1, 5)}
    edition = make_edition(root, cases, photo=False)
    Image.new("RGB", (900, 600), (40, 90, 140)).save(root / "images" / "a.png")
    Image.effect_noise((900, 600), 30).convert("RGB").save(root / "images" / "b.jpg", quality=90)
    return edition


def _edit(root: Path, rng: random.Random) -> str:
    cases = sorted((root / "data" / "cases").glob("*.yaml"))
    case = rng.choice(cases)
    text = case.read_text(encoding="utf-8")
    kind = rng.choice(["text", "comment", "title", "tools", "photo", "order", "remove"])
    if kind == "text":
        case.write_text(text.replace("effects: ", "effects: " + "".join(rng.choices(WORDS, k=3)), 1), encoding="utf-8")
    elif kind == "comment":
        case.write_text(f"# メモ {rng.random()}\n" + text, encoding="utf-8")
    elif kind == "title":
        case.write_text(text.replace("title: ", "title: " + rng.choice(WORDS), 1), encoding="utf-8")
    elif kind == "tools":
        tools = rng.choice(["[phone]", "[mail]", "[phone, mail]", "[]"])
        case.write_text("\n".join(f"tools: {tools}" if line.startswith("tools:") else line for line in text.splitlines()) + "\n",
                        encoding="utf-8")
    elif kind == "photo":
        name = rng.choice(["a.png", "b.jpg"])
        colour = tuple(rng.randrange(256) for _ in range(3))
        Image.new("RGB", (900, 600), colour).save(root / "images" / name)
    else:
        listing = root / "data" / "casebook.yaml"
        lines = listing.read_text(encoding="utf-8").splitlines()
        entries = [n for n, line in enumerate(lines) if line.startswith("  - cases/")]
        names = [lines[n] for n in entries]
        if kind == "order":
            rng.shuffle(names)
        elif len(names) > 1:
            names = names[:-1] if rng.random() < 0.5 else names  # one removed, or all kept
        kept = [line for n, line in enumerate(lines) if n not in entries[len(names):]]
        at = entries[0]
        kept[at:at + len(names)] = names
        listing.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return kind


@pytest.mark.parametrize("seed", [1, 2])
def test_every_cached_build_on_a_walk_of_edits_is_a_fresh_build(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    root = tmp_path / "ed"
    edition = _edition(root)
    cache = tmp_path / "cache"
    build(edition, tmp_path / "first.pdf", cache)
    kinds = [Output(), Output(press=True), Output(grayscale=True)]  # one cache folder for every kind of PDF
    done = []
    for step in range(STEPS):
        done.append(_edit(root, rng))
        kind = rng.choice(kinds)
        cached = build(edition, tmp_path / "cached.pdf", cache, kind=kind)
        fresh = build(edition, tmp_path / "fresh.pdf", kind=kind)
        assert (tmp_path / "cached.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes(), f"step {step}: {done}"
        assert cached.pages == fresh.pages and [str(w) for w in cached.warnings] == [str(w) for w in fresh.warnings], done
