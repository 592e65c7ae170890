"""Random bad input never crashes: every failure is a CasebookError with file and message.

Hypothesis mutates a valid case (wrong types, missing keys, unknown keys, odd values, random blocks)
and runs the whole pipeline up to the PDF bytes. The only acceptable outcomes are a PDF, or a
CasebookError whose every issue names a file; a traceback would be a bug.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook_pdf.build import build
from casebook_pdf.errors import CasebookError
from tests.editions import CASE, make_edition

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


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
