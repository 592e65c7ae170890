"""load/source.py: YAML text -> data + path->line map, safely, without YAML 1.1 base-60 numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook_pdf.errors import DataError
from casebook_pdf.load.source import child_path, load_yaml, parse_yaml

F = Path("case.yaml")


def parse(text: str):
    return parse_yaml(text, F)


def error_of(text: str) -> DataError:
    with pytest.raises(DataError) as info:
        parse(text)
    return info.value


# ---- values ----


def test_times_stay_text() -> None:
    data = parse("a: 8:45\nb: 17:30\nc: 24:00\nd: 0:30\ne: 1:30:00\n").data
    assert data == {"a": "8:45", "b": "17:30", "c": "24:00", "d": "0:30", "e": "1:30:00"}


@given(st.integers(0, 24), st.integers(0, 59))
def test_any_unquoted_time_is_text(hours: int, minutes: int) -> None:
    text = f"{hours}:{minutes:02d}"
    assert parse(f"at: {text}\n").data == {"at": text}


def test_ordinary_numbers_still_numbers() -> None:
    assert parse("a: 12\nb: 1.5\nc: -3\n").data == {"a": 12, "b": 1.5, "c": -3}


def test_dates_resolve_and_month_stays_text() -> None:
    data = parse("day: 2023-05-01\nmonth: 2023-05\nquoted: '2023-05-01'\n").data
    assert data == {"day": dt.date(2023, 5, 1), "month": "2023-05", "quoted": "2023-05-01"}


def test_impossible_date_stays_text() -> None:
    assert parse("date: 2023-02-30\n").data == {"date": "2023-02-30"}


def test_raw_keeps_plain_scalars_as_written() -> None:
    source = parse("a: 0123\nb: yes\nc: 2023-05-01\nd: text\ne: '7'\n")
    assert source.data["a"] == 83  # YAML 1.1 octal...
    assert source.raw == {"a": "0123", "b": "yes", "c": "2023-05-01"}  # ...but what was typed is kept


def test_keys_are_text_as_written() -> None:
    assert parse("via: {1: a, yes: b, 8:45: c}\n").data == {"via": {"1": "a", "yes": "b", "8:45": "c"}}


def test_empty_file_is_none() -> None:
    assert parse("").data is None
    assert parse("# just a comment\n").data is None


def test_lone_equals_sign_is_text() -> None:
    assert parse("a: =\n").data == {"a": "="}


def test_aliases_work() -> None:
    assert parse("a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


# ---- paths and lines ----


def test_child_path() -> None:
    assert child_path("", "title") == "title"
    assert child_path("", 0) == "[0]"
    assert child_path("after", 2) == "after[2]"
    assert child_path("blocks[0]", "columns") == "blocks[0].columns"


def test_line_map() -> None:
    text = """\
title: x
after:
  - one
  - text: heading
    items:
      - sub
blocks:
  - type: comparison
    columns:
      - label: a
        items: [p, q]
photos:
  - image: a.png
    caption: c
"""
    lines = parse(text).lines
    assert lines["title"] == 1
    assert lines["after"] == 2
    assert lines["after[0]"] == 3
    assert lines["after[1]"] == 4
    assert lines["after[1].text"] == 4
    assert lines["after[1].items[0]"] == 6
    assert lines["blocks[0].columns[0].items[1]"] == 11
    assert lines["photos[0].caption"] == 14


# ---- safety ----


def test_python_tag_rejected() -> None:
    err = error_of("title: ok\nrun: !!python/object/apply:os.system ['echo hacked']\n")
    (issue,) = err.issues
    assert (issue.file, issue.line, issue.path) == (F, 2, "run")
    assert "!!python/object/apply:os.system" in issue.message
    assert "使えません" in issue.message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/name:os.system\n",
        "a: !!python/object:pathlib.Path {}\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !custom x\n",
        "!!python/tuple [1, 2]\n",
    ],
)
def test_other_tags_rejected(text: str) -> None:
    assert "使えません" in error_of(text).issues[0].message


def test_recursive_alias_rejected() -> None:
    assert "「*」の参照" in error_of("a: &x [1, *x]\n").issues[0].message


def test_merge_key_rejected() -> None:
    err = error_of("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert err.issues[0].line == 3
    assert "「<<」" in err.issues[0].message


def test_duplicate_key_names_second_line() -> None:
    err = error_of("title: a\nbadge: b\ntitle: c\n")
    (issue,) = err.issues
    assert (issue.line, issue.path) == (3, "title")
    assert "1 回目は 1 行目" in issue.message


def test_duplicate_keys_nested_all_reported() -> None:
    err = error_of("photos:\n  - image: a\n    image: b\nx: 1\nx: 2\n")
    assert [(i.line, i.path) for i in err.issues] == [(3, "photos[0].image"), (5, "x")]


# ---- syntax errors ----


def test_syntax_error_mapping_values() -> None:
    err = error_of("title: ok\noverview: 概要: ここ\n")
    (issue,) = err.issues
    assert (issue.file, issue.line, issue.path) == (F, 2, None)
    assert issue.message == "YAML の書き方の誤りで、ここから先が読めません。"
    assert issue.hint == "字下げを確かめてください。「: 」を含む文は全体を引用符 \" \" で囲みます。"
    assert str(issue).count("\n") == 0


def test_syntax_error_tab() -> None:
    issue = error_of("after:\n\t- x\n").issues[0]
    assert issue.line == 2
    assert "タブ" in (issue.hint or "")


def test_syntax_error_unclosed_quote() -> None:
    issue = error_of("title: 'abc\nbadge: x\n").issues[0]
    assert (issue.line, issue.message) == (1, "この行で開いた「'」が閉じられていません。")


def test_syntax_error_bad_indent() -> None:
    issue = error_of("after:\n  - a\n - b\n").issues[0]
    assert issue.line == 3
    assert "<" not in issue.message  # no PyYAML token names


def test_two_documents_rejected() -> None:
    issue = error_of("a: 1\n---\nb: 2\n").issues[0]
    assert issue.line == 2
    assert "「---」" in (issue.hint or "")


def test_control_character_rejected() -> None:
    issue = error_of("a: ok\nb: x\x07y\n").issues[0]
    assert issue.line == 2
    assert "U+0007" in issue.message


# ---- files ----


def test_load_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: 事例\n", encoding="utf-8")
    source = load_yaml(path)
    assert source.file == path
    assert source.data == {"title": "事例"}


def test_utf8_bom_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufefftitle: 事例\n".encode())
    assert load_yaml(path).data == {"title": "事例"}


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_yaml(tmp_path / "nope.yaml")
    (issue,) = info.value.issues
    assert issue.file == tmp_path / "nope.yaml"
    assert "見つかりません" in issue.message


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        load_yaml(tmp_path)
    assert "フォルダ" in info.value.issues[0].message


def test_shift_jis_file(tmp_path: Path) -> None:
    path = tmp_path / "sjis.yaml"
    path.write_bytes("a: ok\ntitle: 事例集\n".encode("cp932"))
    with pytest.raises(DataError) as info:
        load_yaml(path)
    (issue,) = info.value.issues
    assert (issue.file, issue.line) == (path, 2)
    assert "Shift_JIS" in issue.message
    assert "UTF-8" in (issue.hint or "")


def test_alias_bomb_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    err = error_of("\n".join(lines) + "\n")
    assert "多すぎます" in err.issues[0].message


# ---- libyaml where it reads the same (source._parse_fast) ----

ROOT = Path(__file__).resolve().parent.parent


def _both(text: str, file: Path = F):
    """(what the fast path gives or None, what CasebookLoader gives or the DataError it raises)."""
    from casebook_pdf.load import source
    from casebook_pdf.load.syntax import EditorLines

    fast = source._parse_fast(text, file, EditorLines(text))
    try:
        slow = source._parse(text, file, EditorLines(text))
    except DataError as exc:
        slow = exc
    return fast, slow


def test_libyaml_reads_every_yaml_file_of_the_project_as_casebookloader_does() -> None:
    files = sorted(p for p in ROOT.rglob("*.yaml") if ".git" not in p.parts)
    taken = 0
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        fast, slow = _both(text, file)
        if fast is not None:
            taken += 1
            assert fast == slow, file
    assert taken > 100
    for file in (ROOT / "data").rglob("*.yaml"):  # the bundled edition is read by libyaml
        assert _both(file.read_text(encoding="utf-8"), file)[0] is not None, file


def test_libyaml_leaves_japanese_folds_escaped_nuls_and_problems_to_casebookloader() -> None:
    for text in ("overview: 長い文を\n  次の行に続けます\n", "a: '一行目\n  二行目'\n", "a: >\n  折り返し\n  の文\n",
                 'a: "時間が\\0短縮"\n', "a: 1\na: 2\n", "a: !!python/name:os.system x\n", "a: [1, 2\n",
                 "\ufeffa: 1\n", "a: \x07\n", "a: *nothing\n"):
        assert _both(text)[0] is None, text


_WORDS = st.sampled_from(["研修", "テレワーク", "Web会議", "DoMEET", "8:45", "24:00", "2023-05-01", "0123", "yes", "1.5",
                          "～", "（注）", "－ 項目", "\u3000字下げ", "a: b", "# 注", "x#y", "100%", "'", '"', "-", "?", "~"])
_TEXT = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)


@st.composite
def _yaml(draw: st.DrawFn) -> str:
    """A case-like file: keys with plain, quoted, literal or folded text, lists, nesting, comments."""
    out = []
    for n in range(draw(st.integers(1, 6))):
        key = draw(st.sampled_from(["title", "overview", "effects", "notes", "photos", "a", "b"])) + str(n)
        form = draw(st.sampled_from(["plain", "single", "double", "literal", "folded", "list", "map", "empty", "cont"]))
        text = draw(_TEXT)
        if form == "plain":
            out.append(f"{key}: {text}")
        elif form == "single":
            out.append(f"{key}: '" + text.replace("'", "''") + "'")
        elif form == "double":
            out.append(f'{key}: "' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        elif form in ("literal", "folded"):
            out.append(f"{key}: {'|' if form == 'literal' else '>'}")
            out += [f"  {draw(_TEXT)}" for _ in range(draw(st.integers(1, 3)))]
        elif form == "list":
            out.append(f"{key}:")
            out += [f"  - {draw(_TEXT)}" for _ in range(draw(st.integers(1, 3)))]
        elif form == "map":
            out.append(f"{key}:")
            out += [f"  k{i}: {draw(_TEXT)}" for i in range(draw(st.integers(1, 3)))]
        elif form == "empty":
            out.append(f"{key}:")
        else:
            out += [f"{key}: {text}", f"  {draw(_TEXT)}"]
        if draw(st.booleans()):
            out.append("# コメント")
    return draw(st.sampled_from(["\n", "\r\n"])).join(out) + "\n"


@given(_yaml())
def test_libyaml_gives_what_casebookloader_gives_whenever_it_is_taken(text: str) -> None:
    fast, slow = _both(text)
    assert fast is None or fast == slow


def test_pyyaml_gets_a_pattern_of_refused_characters_matching_the_same_code_points() -> None:
    import re

    from casebook_pdf.load.pyyaml import ALLOWED, REFUSED

    every = "".join(map(chr, range(0x110000)))
    assert re.findall(REFUSED, every) == re.findall(ALLOWED, every)
    assert len(re.findall(REFUSED, every)) == 0x20 - 3 + 0xA0 - 0x7F - 1 + 0x800 + 2  # C0 but tab/LF/CR, DEL-U+009F but NEL, surrogates, U+FFFE/F


def test_pyyaml_imported_by_the_loader_compiles_the_quick_pattern() -> None:
    import subprocess
    import sys

    probe = ("from casebook_pdf.load.source import parse_yaml\nimport yaml.reader\nfrom casebook_pdf.load.pyyaml import REFUSED\n"
             "import re\nassert re.compile.__module__ == 're'  # put back\nassert yaml.reader.Reader.NON_PRINTABLE.pattern == REFUSED\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
