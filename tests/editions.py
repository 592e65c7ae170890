"""Small editions written to a temporary folder, for tests that need their own data."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

EDITION = """\
title: [テスト事例集]
issuer: テスト県
date: 2024-04
tools:
  - {id: phone, label: 公用スマホ}
  - group: その他
    tools:
      - {id: mail, label: Mail}
cases:
{cases}
"""

CASE = """\
category: テスト
title: テストの事例
department: 総務部テスト課
tools: [phone]
before:
  - これまでは紙で回覧していた。
after:
  - これからは公用スマホで共有できる。
overview: 公用スマホを活用した事例。
effects: 時間が短縮された。
"""


def make_edition(root: Path, cases: dict[str, str] | None = None, photo: bool = True) -> Path:
    """Write casebook.yaml, cases/*.yaml and images/ under root; returns the edition file."""
    cases = cases if cases is not None else {"01-test.yaml": CASE}
    (root / "data" / "cases").mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    if photo:
        Image.new("RGB", (400, 300), (40, 90, 140)).save(root / "images" / "photo.png")
    for name, text in cases.items():
        (root / "data" / "cases" / name).write_text(text, encoding="utf-8")
    listing = "\n".join(f"  - cases/{name}" for name in cases)
    edition = root / "data" / "casebook.yaml"
    edition.write_text(EDITION.replace("{cases}", listing), encoding="utf-8")
    return edition
