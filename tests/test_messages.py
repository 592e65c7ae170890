"""Messages in two languages: every text of the package has its translation, the shipped catalogs are
compiled from their sources, and the command line speaks Japanese by default and English on request."""

from __future__ import annotations

import ast
import gettext
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from casebook_pdf import messages
from casebook_pdf.cli import main
from casebook_pdf.messages import LOCALE_DIR, choose_language, language
from tests.conftest import ROOT
from tests.editions import CASE, make_edition

PACKAGE = ROOT / "casebook_pdf"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def source_texts() -> set[str]:
    """Every msgid of the package, found the way `pybabel extract -F babel.cfg` finds them."""
    found = extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")])
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _comments, _context in found}


def po(language: str, domain: str = "casebook_pdf"):
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        return {m.id: m for m in read_po(fh) if m.id}


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


# ---- the catalogs --------------------------------------------------------------------------------


def test_every_text_of_the_package_has_its_other_language() -> None:
    """A Japanese msgid needs its English in the en catalog, an English one its Japanese in the ja one.
    Fails when a text is added without its translation (README, 開発者向け: 3 commands)."""
    texts = source_texts()
    assert len(texts) > 100, "the extraction finds the texts"
    catalogs = {"en": po("en"), "ja": po("ja")}
    missing = []
    for text in sorted(texts):
        other = "en" if JAPANESE.search(text) else "ja"
        entry = catalogs[other].get(text)
        if entry is None or not entry.string or entry.fuzzy:
            missing.append(f"{other}: {text!r}")
    assert not missing, "texts without a translation (pybabel update, then fill msgstr):\n" + "\n".join(missing)


def test_translations_keep_the_placeholders() -> None:
    """`_("…{n} 件").format(n=…)` must find the same {names} in the translation, or it raises (or loses a fact)."""
    wrong = [(m.id, m.string) for lang in ("en", "ja") for m in po(lang).values()
             if isinstance(m.id, str) and m.string and fields(m.id) != fields(m.string)]
    assert not wrong


def test_clicks_texts_in_japanese_use_no_placeholder_click_does_not_fill() -> None:
    """click formats with every field of its text; a translation may leave one out (the word "path")."""
    for m in po("ja", "click").values():
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        known = set().union(*(fields(i) for i in ids)) if "python-brace-format" in m.flags else set()
        for text in strings:
            if "python-brace-format" in m.flags:
                assert text and fields(text) <= known, (m.id, text)


def test_every_click_module_with_a_text_of_the_click_catalog_is_routed_to_it() -> None:
    """localize_click patches CLICK_MODULES: each click module whose source asks gettext for a text the
    click catalog translates must be among them (and the heavy ones that ask for none are not imported)."""
    import click

    from casebook_pdf.cli_text import CLICK_MODULES

    texts = {m.id[0] if isinstance(m.id, tuple) else m.id for m in po("ja", "click").values() if m.id}
    call = re.compile(r"""\b(?:_|ngettext)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
    using: dict[str, set[str]] = {}
    sources = {source.stem: source.read_text(encoding="utf-8") for source in Path(click.__file__).parent.glob("*.py")}
    for stem, text in sources.items():
        for double, single in call.findall(text):
            if (double or single) in texts:
                using.setdefault(stem, set()).add(double or single)
    for text in texts - set().union(*using.values()):  # asked for through a variable: `_(extra["required"])`
        for stem, source in sources.items():
            if f'"{text}"' in source and "_(" in source:
                using.setdefault(stem, set()).add(text)
    # Nearly every text of the catalog is found where click asks for it (the catalog also holds texts of
    # click versions before or after the installed one: "Positional arguments" is new in click 8.5).
    assert len(set().union(*using.values())) >= len(texts) - 3
    assert set(using) <= set(CLICK_MODULES), set(using) - set(CLICK_MODULES)
    assert "_termui_impl" not in CLICK_MODULES and "shell_completion" not in CLICK_MODULES


def test_catalogs_hold_no_text_the_package_no_longer_has() -> None:
    gone = {text for lang in ("en", "ja") for text in po(lang)} - source_texts()
    assert not gone, f"obsolete entries (pybabel update --ignore-obsolete): {sorted(gone)}"


def test_texts_are_literals_formatted_after_the_lookup() -> None:
    """`_(f"…")` or `_("…".format())` can never be found in a catalog: the text must be a literal."""
    bad = []
    for file in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
                arg = node.args[0] if node.args else None
                if isinstance(arg, (ast.JoinedStr, ast.Call, ast.BinOp)):
                    bad.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert not bad


@pytest.mark.parametrize("po_file", sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")), ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_the_shipped_mo_is_compiled_from_its_po(po_file: Path) -> None:
    """The .mo in the package says exactly what the .po says (pybabel compile after every edit)."""
    with open(po_file, "rb") as fh:
        source = read_po(fh)
    expected = {}
    for m in source:
        if not m.id or not m.string or m.fuzzy:
            continue
        if isinstance(m.id, tuple):
            for n, text in enumerate(m.string):
                expected[(m.id[0], n)] = text
        else:
            expected[m.id] = m.string
    with open(po_file.with_suffix(".mo"), "rb") as fh:
        compiled = dict(gettext.GNUTranslations(fh)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)  # the header
    assert compiled == expected


def test_the_package_data_ships_the_compiled_catalogs() -> None:
    import tomllib

    setup = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = setup["package-data"]["casebook_pdf"]
    shipped = {p for pattern in patterns for p in PACKAGE.glob(pattern)}
    assert set(LOCALE_DIR.glob("*/LC_MESSAGES/*.mo")) <= shipped and shipped


# ---- choosing the language ----------------------------------------------------------------------


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "ja"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LANG": "C.UTF-8"}, "ja"),
    ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, "ja"),  # LC_ALL wins, as in POSIX
    ({"LC_MESSAGES": "en_US", "LANG": "ja_JP.UTF-8"}, "en"),
    ({"CASEBOOK_LANG": "en", "LANG": "ja_JP.UTF-8"}, "en"),
    ({"CASEBOOK_LANG": "ja", "LC_ALL": "en_US.UTF-8"}, "ja"),
    ({"CASEBOOK_LANG": "fr", "LANG": "en_US.UTF-8"}, "en"),  # an unknown value leaves it to the locale
])
def test_language_from_the_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    for name in ("CASEBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert language() == expected
    choose_language("en" if expected == "ja" else "ja")
    assert language() != expected, "--lang wins over the environment"


def test_texts_follow_the_language_at_each_call() -> None:
    assert messages._("見張りを終わりました。") == "見張りを終わりました。"
    choose_language("en")
    assert messages._("見張りを終わりました。") == "watch ended."
    with pytest.raises(ValueError):
        choose_language("fr")


# ---- the command line in both languages ---------------------------------------------------------


def run(*args: object, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    return result.exit_code, result.output


def _bad_edition(tmp_path: Path) -> Path:
    """An edition with a character no font has: an error from the package's own checks."""
    return make_edition(tmp_path, {"01-test.yaml": CASE.replace("時間が短縮された。", "時間が短縮された😀")})


def test_a_bad_edition_is_told_in_japanese_by_default(tmp_path: Path) -> None:
    code, out = run("build", _bad_edition(tmp_path), "-o", tmp_path / "x.pdf")
    assert code == 2
    lines = out.splitlines()
    assert re.fullmatch(r"エラー: .*01-test\.yaml:10: effects: 文字「😀」\(U\+1F600\) は同梱のフォントにないため、印刷できません。 .+してください。", lines[0]), lines
    assert lines[-1] == "問題が 1 件見つかりました。何も書き出していません。"


def test_a_bad_edition_is_told_in_english_with_lang_en(tmp_path: Path) -> None:
    code, out = run("--lang", "en", "build", _bad_edition(tmp_path), "-o", tmp_path / "x.pdf")
    assert code == 2
    lines = out.splitlines()
    assert re.fullmatch(r"error: .*01-test\.yaml:10: effects: character '😀' \(U\+1F600\) is in no bundled font and cannot be printed\. "
                        r"Replace it .+\.", lines[0]), lines
    assert lines[-1] == "problems found: 1; nothing was written."
    assert not JAPANESE.search(out.replace("😀", "").replace("時間が短縮された", "")), out


def test_english_locale_and_casebook_lang_switch_to_english(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    code, out = run("check", edition, env={"CASEBOOK_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "en_US.UTF-8"})
    assert code == 0 and out.startswith("ok: cases: 1, pages: 3"), out
    code, out = run("check", edition, env={"CASEBOOK_LANG": "en"})
    assert out.startswith("ok: cases: 1, pages: 3"), out
    code, out = run("check", edition)
    assert out.startswith("問題ありません: 事例 1 件、3 ページ"), out


def test_the_language_of_one_command_line_does_not_stay_for_the_next(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    assert run("--lang", "en", "check", edition)[1].startswith("ok:")
    assert run("check", edition)[1].startswith("問題ありません")


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["new"], ["add"], ["preview"]])
def test_help_in_japanese_by_default_and_in_english_with_lang_en(command: list[str]) -> None:
    code, ja = run(*command, "--help")
    assert code == 0
    assert "使い方:" in ja and "オプション:" in ja and "この説明を表示して終わります。" in ja
    assert "Usage:" not in ja and "Show this message" not in ja
    code, en = run("--lang", "en", *command, "--help")
    assert code == 0
    assert "Usage:" in en and "Options:" in en and "Show this message and exit." in en
    described = [line for line in en.splitlines() if line.startswith("  ")]
    assert described and not any(JAPANESE.search(line) for line in described if "「毎年の作り方」" not in line), en


def test_clicks_own_errors_in_japanese(tmp_path: Path) -> None:
    code, out = run("build", "--no-such-option")
    assert code == 2 and "エラー:" in out and "というオプションはありません" in out and "使い方:" in out
    code, out = run("--lang", "en", "build", "--no-such-option")
    assert code == 2 and "Error: No such option" in out
    code, out = run("new", tmp_path / "x", "--from", tmp_path / "missing")
    assert code == 2 and "がありません" in out
    assert "[必須]" in run("preview", "--help")[1] and "[required]" in run("--lang", "en", "preview", "--help")[1]


# ---- warnings from the layout memo follow the language ------------------------------------------


def test_cached_pages_give_their_warnings_in_the_language_asked(tmp_path: Path) -> None:
    long_item = "これまでは紙の資料を回覧し、確認までに数日を要していた。" * 40
    edition = make_edition(tmp_path, {"01-test.yaml": CASE.replace("これまでは紙で回覧していた。", long_item)})
    cache = tmp_path / "cache"
    code, ja = run("build", edition, "-o", tmp_path / "a.pdf", "--cache-dir", cache)
    assert code == 0 and "警告: " in ja and "に小さくしました" in ja, ja
    code, en = run("--lang", "en", "build", edition, "-o", tmp_path / "b.pdf", "--cache-dir", cache)
    assert code == 0 and "warning: " in en and "text shrunk from" in en, en
    code, ja = run("build", edition, "-o", tmp_path / "c.pdf", "--cache-dir", cache)
    assert "に小さくしました" in ja, ja


# ---- the new starter edition in English builds too ----------------------------------------------


def test_english_starter_edition_explains_in_english_and_builds(tmp_path: Path) -> None:
    code, out = run("--lang", "en", "new", tmp_path / "first", "--date", "2025-04")
    assert code == 0 and "Next steps:" in out, out
    case = (tmp_path / "first" / "cases" / "01-example.yaml").read_text(encoding="utf-8")
    assert "# title of the case" in case and "# department in charge" in case and "# 担当部署" not in case, case
    assert "# month of issue" in (tmp_path / "first" / "casebook.yaml").read_text(encoding="utf-8")
    code, out = run("--lang", "en", "build", tmp_path / "first", "-o", tmp_path / "first.pdf")
    assert code == 0 and "wrote" in out and "pages: 3" in out, out


def test_lang_after_the_command_works_too(tmp_path: Path) -> None:
    edition = make_edition(tmp_path)
    assert run("check", edition, "--lang", "en")[1].startswith("ok:")
    assert run("--lang", "en", "check", edition, "--lang", "ja")[1].startswith("問題ありません")
    assert run("--lang", "en", "check", edition)[1].startswith("ok:"), "a command without --lang keeps the group's"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_help_fits_an_80_column_window(lang: str) -> None:
    """Japanese characters take two columns: the help is wrapped by columns, not by characters."""
    from casebook_pdf.cli_text import display_width

    for command in [[], *([name] for name in main.commands)]:
        code, out = run("--lang", lang, *command, "--help", env={"COLUMNS": "80"})
        assert code == 0
        wide = [line for line in out.splitlines() if display_width(line) > 80]
        assert not wide, (command, wide)


def test_wrap_breaks_between_japanese_characters_but_not_before_closing_marks() -> None:
    from casebook_pdf.cli_text import display_width, wrap

    text = "印刷する大きさでの写真の解像度の上限。これより細かい写真は縮めます（CASEBOOK_LANG、LANG）。"
    lines = wrap(text, 20)
    assert "".join(lines) == text
    assert all(display_width(line) <= 20 for line in lines)
    assert not any(line[0] in "、。）" for line in lines[1:])
    assert not any(line.endswith("（") for line in lines)
    assert any("CASEBOOK_LANG、" in line for line in lines), "a Latin word stays whole, with its closing mark"
    assert wrap("one two three", 7) == ["one two", "three"]
