"""Fuzzing: whatever the input, the only outcomes are a PDF or a clean data error, never a crash.

Three levels, each bounded for CI (a few seconds) and longer on request:
    CASEBOOK_FUZZ=2000 python3 -m pytest tests/test_fuzz.py      # examples per property
- the loader: random YAML-like text (quotes, brackets, IME characters, separators, tabs, BOMs) as a
  case file, through load_edition: a model or a DataError whose every issue names its file;
- the text engine: any Unicode text at any width through the inline parser and the line breaker with
  the real fonts: lines no wider than the box unless one character alone is wider, no character lost;
- whole editions: cases mutated at random (wrong types, odd values, random blocks) and valid but
  extreme cases, built to the PDF bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook_pdf.build import build
from casebook_pdf.errors import CasebookError, DataError
from casebook_pdf.fonts import load_fonts
from casebook_pdf.load.edition import load_edition
from casebook_pdf.text import break_lines, parse_paragraphs
from tests.editions import CASE, make_edition

SCALE = int(os.environ.get("CASEBOOK_FUZZ", "0"))  # examples per property; 0 = the CI defaults below


def examples(ci: int) -> settings:
    return settings(max_examples=SCALE or ci, deadline=None, suppress_health_check=list(HealthCheck))


# ---- the loader ---------------------------------------------------------------------------------

# Pieces a damaged case file is made of: real lines of a case, YAML punctuation, IME slips,
# separators editors do not show, and characters from other encodings.
PIECES = [line + "\n" for line in CASE.splitlines()] + [
    "\n", "\r\n", "\r", "  ", "\t", "- ", ": ", ":", "：", "\u3000", "－ ", "#", "'", '"', "[", "]", "{", "}",
    ",", "|", ">", "*", "&", "!", "!!python/object:os.system", "<<: ", "---\n", "...", "%YAML 1.1\n", "@",
    "`", "\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\x07", "\u200b", "\u202e", "😀", "𠮷", "葛\U000e0100",
    "ｶﾀｶﾅ", "8:45", "25:00", "2024-02-30", "yes", "0123", "1e9999", "~", "null", "blocks:\n  - type: flow\n",
    "photos:\n  - image: ", "../", "/etc/passwd", "photo.png", "notes:\n", "  - text: 見出し\n    items: [",
    "via: {1: ", "steps: [一, 二]", "segments:\n  - {from: 8:45, to: ", "tools: [phone", "overview: ",
]
damaged = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@examples(150)
@given(damaged, st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16"]))
def test_any_case_file_loads_or_fails_with_a_clear_error(text: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        edition = make_edition(Path(tmp), photo=True)
        case_file = Path(tmp) / "data" / "cases" / "01-test.yaml"
        try:
            case_file.write_bytes(text.encode(encoding))
        except UnicodeEncodeError:
            case_file.write_bytes(text.encode("utf-8"))
        try:
            load_edition(edition)
        except DataError as exc:
            assert exc.issues
            for issue in exc.issues:
                assert issue.file is not None and issue.message and "\n" not in str(issue)
                assert issue.line is None or issue.line >= 1


@examples(100)
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_case_file_load_or_fail_with_a_clear_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        edition = make_edition(Path(tmp), photo=False)
        (Path(tmp) / "data" / "cases" / "01-test.yaml").write_bytes(data)
        try:
            load_edition(edition)
        except DataError as exc:
            assert exc.issues and all(issue.file is not None and "\n" not in str(issue) for issue in exc.issues)


# ---- the text engine ----------------------------------------------------------------------------

FONTS = load_fonts()


@examples(150)
@given(st.text(max_size=300), st.floats(min_value=1.0, max_value=600.0), st.sampled_from([6.0, 9.0, 10.5, 24.0]))
def test_any_text_breaks_into_lines_that_fit(text: str, width: float, size: float) -> None:
    for spans in parse_paragraphs(text):
        lines = break_lines(spans, width, size, FONTS)
        for line in lines:
            widest_char = max((FONTS.advance(ch, True) * size for ch in line.text), default=0.0)
            assert line.width <= max(width, widest_char * 2) + 1e-6, (line.text, line.width, width)
        kept = "".join(line.text for line in lines)
        written = "".join(span.text for span in spans)
        assert sorted(_printed(kept)) == sorted(_printed(written))


def _printed(text: str) -> list[str]:
    """The characters that must survive line breaking: spaces (a zero-width one too) may go at a break."""
    from casebook_pdf.text.classes import SPACES

    return [ch for ch in text if ch not in SPACES and ch != "\n"]


# ---- whole editions ------------------------------------------------------------------------------

BASE = yaml.safe_load(CASE)
ODD = st.sampled_from(
    [None, 0, -1, 3.5, True, [], {}, "", " ", "x" * 3000, "25:00", "8:60", "8:45", "😀", "\uF0D8", "💡",
     "../x.png", "/etc/passwd", "photo.png", "nothere.png", {"text": "見出し"}, {"a": [1, {"b": None}]},
     ["・", "（", "」"], "**太字**", "a\n\nb", "2019-04-30", 10**30]
)
BLOCK_TYPES = ["items", "list", "comparison", "flow", "contrast", "examples", "schedule", "note", "chart"]
BLOCK_KEYS = ["title", "groups", "items", "columns", "steps", "via", "caption", "before", "after", "rows",
              "segments", "events", "note", "text", "label", "tone", "from", "to", "at", "kind", "image", "plan"]

values = st.recursive(ODD, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(BLOCK_KEYS), inner, max_size=4)), max_leaves=12)
blocks = st.fixed_dictionaries({"type": st.sampled_from(BLOCK_TYPES)}, optional={k: values for k in BLOCK_KEYS[:12]})
mutations = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.sampled_from(sorted(BASE) + ["photos", "notes", "headline", "badge", "overveiw"]), values),
        st.tuples(st.just("drop"), st.sampled_from(sorted(BASE)), st.none()),
        st.tuples(st.just("block"), st.none(), blocks),
    ),
    min_size=1,
    max_size=4,
)


def mutate(changes: list) -> dict:
    case = dict(BASE)
    for action, key, value in changes:
        if action == "set":
            case[key] = value
        elif action == "drop":
            case.pop(key, None)
        else:
            case.setdefault("blocks", [])
            if isinstance(case["blocks"], list):
                case["blocks"].append(value)
    return case


@examples(60)
@given(mutations)
def test_mutated_case_builds_or_fails_with_a_clear_error(changes: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        text = yaml.safe_dump(mutate(changes), allow_unicode=True)
        edition = make_edition(root, {"01-case.yaml": text})
        try:
            build(edition, root / "out.pdf")
        except CasebookError as exc:
            assert exc.issues
            for issue in exc.issues:
                assert issue.file is not None and issue.message
            assert not (root / "out.pdf").exists()
        else:
            assert (root / "out.pdf").read_bytes().startswith(b"%PDF-")


# ---- valid but extreme content: lengths, counts and characters at their limits ----------------

CHARS = "あいうえおカキクケコ漢字訓練防災、。「」（）ー・！？ABCxyz0123 -:/%"


def _valid(text: str) -> bool:
    """Not empty, and not a full-width dash and a space (the loader takes that for a mistyped "- ")."""
    return bool(text) and not (text[0] in "ー" and text[1:2] == " ")


texts = st.text(st.sampled_from(CHARS), min_size=1, max_size=400).map(str.strip).filter(_valid)
short = st.text(st.sampled_from(CHARS), min_size=1, max_size=12).map(str.strip).filter(_valid)
items = st.lists(st.one_of(texts, st.fixed_dictionaries({"text": short, "items": st.lists(texts, min_size=1, max_size=3)})), min_size=1, max_size=5)
times = st.integers(0, 23).flatmap(lambda h: st.sampled_from([f"{h}:00", f"{h}:30"]))
valid_blocks = st.one_of(
    st.fixed_dictionaries({"type": st.just("items"), "groups": st.lists(st.fixed_dictionaries({"label": short, "items": st.lists(short, min_size=1, max_size=4)}), min_size=1, max_size=4)}),
    st.fixed_dictionaries({"type": st.just("list"), "items": items}, optional={"title": short}),
    st.fixed_dictionaries({"type": st.just("comparison"), "columns": st.lists(st.fixed_dictionaries({"label": short, "items": items}), min_size=1, max_size=4)}),
    st.fixed_dictionaries({"type": st.just("flow"), "steps": st.lists(st.one_of(short, st.lists(short, min_size=1, max_size=3)), min_size=2, max_size=7)}, optional={"caption": short}),
    st.fixed_dictionaries({"type": st.just("contrast"), "before": st.fixed_dictionaries({"caption": texts}), "after": st.fixed_dictionaries({"caption": texts})}),
    st.fixed_dictionaries({"type": st.just("examples"), "rows": st.lists(st.fixed_dictionaries({"case": short, "plan": st.lists(short, min_size=1, max_size=3)}), min_size=1, max_size=5)}),
    st.fixed_dictionaries({"type": st.just("note"), "text": texts}),
    st.fixed_dictionaries({"type": st.just("schedule"), "segments": st.just([{"from": "8:45", "to": "12:00", "label": "職場勤務", "kind": "office"}, {"from": "12:00", "to": "12:10", "label": "休", "kind": "break"}, {"from": "12:10", "to": "17:30", "label": "在宅勤務", "kind": "home"}])}, optional={"note": texts}),
)
cases = st.fixed_dictionaries(
    {"category": short, "title": texts.map(lambda t: t[:60]), "department": short, "overview": texts, "effects": st.one_of(texts, items),
     "before": st.one_of(texts, items), "after": st.one_of(texts, items)},
    optional={"headline": texts.map(lambda t: t[:80]), "notes": items, "badge": short,
              "photos": st.lists(st.fixed_dictionaries({"image": st.just("photo.png"), "caption": texts.map(lambda t: t[:60])}), max_size=4),
              "blocks": st.lists(valid_blocks, max_size=4)},
)


@examples(30)
@given(cases)
def test_valid_case_builds_or_reports_what_does_not_fit(case: dict) -> None:
    from casebook_pdf.errors import FitError

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        edition = make_edition(root, {"01-case.yaml": yaml.safe_dump(case, allow_unicode=True)})
        try:
            build(edition, root / "out.pdf")
        except FitError as exc:
            assert all("枠に収まりません" in issue.message and issue.file.name == "01-case.yaml" for issue in exc.issues)
        else:
            import pdfplumber

            from tests.pdfcheck import chars_off_page, overlapping_chars

            with pdfplumber.open(root / "out.pdf") as pdf:
                for page in pdf.pages:
                    assert chars_off_page(page) == []
                    assert overlapping_chars(page) == []
