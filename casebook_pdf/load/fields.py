"""Step 2 helpers: read typed values out of parsed YAML, collecting issues instead of raising.

A Checker wraps one parsed file (source.Source). Each reader takes a raw value and its YAML path,
reports what is wrong as an Issue (file, line, path, message, hint) and returns the clean value, or
None when there is nothing usable. Shared by edition.py (edition, case) and blocks.py (blocks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from casebook_pdf.errors import Issue, display_path
from casebook_pdf.load.early import is_full_path
from casebook_pdf.load.reading import file_problem, visible
from casebook_pdf.messages import _
from casebook_pdf.model import Body, Item, Where
from casebook_pdf.load.source import Source, child_path


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a key that is not there at all (as opposed to `key:` with no value)

# Japanese words a user may write instead of the English key.
_JAPANESE_KEYS = {
    "概要": "overview",
    "効果": "effects",
    "これまで": "before",
    "これから": "after",
    "気づき": "notes",
    "写真": "photos",
    "タイトル": "title",
    "表題": "title",
    "見出し": "headline",
    "所属": "department",
    "担当": "department",
    "分類": "category",
    "発行": "issuer",
    "日付": "date",
    "ツール": "tools",
    "バッジ": "badge",
    "説明": "caption",
    "画像": "image",
}

LIST_HINT = _("1 項目ずつ、「- 」で始まる行に書いてください。")
MAX_TEXT_CHARS = 5000  # the longest real text is ~400 characters; a page holds ~2000
MAX_LIST_ITEMS = 100  # a case page holds ~30 list entries


def describe(value: Any) -> str:
    """What the user wrote, in words: used in "expected X, but found Y"."""
    if value is None:
        return _("空の値")
    if isinstance(value, dict):
        return _("「キー: 値」の行")
    if isinstance(value, list):
        return _("リスト")
    if isinstance(value, bool):
        return _("yes/no の値")
    if isinstance(value, (int, float)):
        return _("数")
    if isinstance(value, dt.date):
        return _("日付")
    return _("文")


def closest(word: str, choices: Collection[str]) -> str | None:
    """The valid name nearest to a misspelt one, if any is near enough."""
    if word in _JAPANESE_KEYS and _JAPANESE_KEYS[word] in choices:
        return _JAPANESE_KEYS[word]
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # only for a misspelt name

    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def suggest(word: str, choices: Collection[str]) -> str:
    """「x」の書き間違いでは？ or the list of valid names."""
    near = closest(word, choices)
    if near is not None:
        return _("「{near}」の書き間違いではありませんか。").format(near=near)
    return _("次のどれかを使ってください: {names}。").format(names=", ".join(choices))


class Checker:
    """Typed readers over one parsed YAML file; issues go to a shared list."""

    def __init__(self, source: Source, issues: list[Issue]) -> None:
        self.file = source.file
        self.data = source.data
        self.lines = source.lines
        self.raw = source.raw
        self.issues = issues

    # ---- positions and reporting ----

    def line(self, path: str) -> int | None:
        """Line of a path, falling back to its parent's line (a missing key has none)."""
        if not path:  # the whole file: where its content starts, if it has any
            return min(self.lines.values(), default=1) if self.data is not None else None
        probe = path
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        return None

    def where(self, path: str) -> Where:
        return Where(self.file, self.line(path), path)

    def report(self, path: str, message: str, hint: str | None = None) -> None:
        self.issues.append(Issue(self.file, self.line(path), path or None, message, hint))

    # ---- structure ----

    def mapping(
        self,
        value: Any,
        path: str,
        keys: Collection[str],
        required: Collection[str] = (),
        what: str = "",
        elsewhere: Mapping[str, str] | None = None,
    ) -> dict[str, Any] | None:
        """A `key: value` mapping: unknown keys and missing required keys are reported."""
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.report(path, _("ここ{what}は「キー: 値」の行を書く場所ですが、{found}が書かれています。").format(
                what=what, found=describe(value)), _("字下げを確かめてください。"))
            return None
        for key, sub in value.items():
            if key not in keys:
                self._unknown_key(key, sub, child_path(path, key), keys, what, elsewhere)
        for key in required:
            if key not in value:
                self.report(
                    child_path(path, key), _("「{key}」がありません{what}。").format(key=key, what=what),
                    _("「{key}: …」の行を書き足してください。").format(key=key)
                )
        return value

    def _unknown_key(
        self, key: str, sub: Any, path: str, keys: Collection[str], what: str, elsewhere: Mapping[str, str] | None
    ) -> None:
        hint = suggest(key, keys)
        if closest(key, keys) is None:
            if elsewhere and key in elsewhere:
                hint = _("「{key}」は{owner}で使うキーです。").format(key=key, owner=elsewhere[key]) + hint
            elif isinstance(sub, str):
                hint = _("「: 」を含む文なら、文全体を引用符 \" \" で囲んでください。") + hint
        self.report(path, _("「{key}」というキーはありません{what}。").format(key=key, what=what), hint)

    def sequence(
        self, value: Any, path: str, min_len: int = 0, max_len: int | None = None, required: bool = True,
        limit: int | None = MAX_LIST_ITEMS,
    ) -> list[Any] | None:
        """A list; `key:` with no value is an empty list when the list is optional.

        A list longer than `limit` is refused whole (one issue, None), before its entries are read:
        a runaway list costs no time. Lists with their own limit pass limit=None and check it.
        """
        if value is MISSING:
            return None
        if value is None:
            if required and min_len:
                self.report(path, _("リストが空です。"), LIST_HINT)
            return None if required and min_len else []
        if not isinstance(value, list):
            self.report(path, _("ここはリストを書く場所ですが、{found}が書かれています。").format(found=describe(value)), LIST_HINT)
            return None
        if limit is not None and len(value) > limit:
            self.report(path, _("項目が {n} 個あります。1 つのリストは {limit} 個までです。").format(n=len(value), limit=limit),
                        _("項目を減らすか、いくつかのリストに分けてください。"))
            return None
        if not value and min_len:
            self.report(path, _("リストが空です。"), LIST_HINT)
        elif len(value) < min_len:
            self.report(path, _("項目が {n} 個しかありません。{least} 個以上必要です。").format(n=len(value), least=min_len), LIST_HINT)
        if max_len is not None and len(value) > max_len:
            self.report(
                child_path(path, max_len), _("ここに書けるのは {limit} 個までです。").format(limit=max_len),
                _("多い分を消してください。")
            )
        return value

    # ---- scalars ----

    def text(self, value: Any, path: str, required: bool = True) -> str | None:
        """Text with surrounding whitespace removed; a number or date keeps what the user typed."""
        if value is MISSING:
            return None
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                in_list = path.endswith("]")
                self.report(
                    path,
                    _("文が空です。"),
                    _("「- 」の後ろに文を書いてください。") if in_list else _("「:」の後ろに文を書いてください。"),
                )
            return None
        if isinstance(value, (dict, list)):
            hint = _("「: 」を含む文なら、文全体を引用符 \" \" で囲んでください。") if isinstance(value, dict) else _("1 つの文として書いてください。")
            self.report(path, _("ここは文を書く場所ですが、{found}が書かれています。").format(found=describe(value)), hint)
            return None
        text = value if isinstance(value, str) else self.raw.get(path, str(value))
        if len(text) > MAX_TEXT_CHARS:
            self.report(path, _("文が長すぎます（{n} 文字。1 つの文は {limit} 文字まで）。").format(n=len(text), limit=MAX_TEXT_CHARS),
                        _("短くするか、ほかの項目に分けてください。"))
            return None
        return text.strip()

    def choice(self, value: Any, path: str, choices: Collection[str], default: str | None) -> str | None:
        """One of a few fixed words (case-insensitive); the default when absent."""
        if value is MISSING or value is None:
            return default
        word = self.text(value, path)
        if word is None:
            return None
        if word.lower() in choices:
            return word.lower()
        self.report(path, _("「{word}」はここには書けません。").format(word=word), suggest(word, choices))
        return None

    def strings(self, value: Any, path: str, single_ok: bool = False) -> tuple[str, ...] | None:
        """A non-empty list of texts; a single text counts as a list of one when single_ok."""
        if single_ok and value is not MISSING and not isinstance(value, (list, dict)) and value is not None:
            text = self.text(value, path)
            return (text,) if text is not None else None
        entries = self.sequence(value, path, min_len=1)
        if entries is None:
            return None
        texts = [self.text(entry, child_path(path, i)) for i, entry in enumerate(entries)]
        return tuple(t for t in texts if t is not None)

    # ---- items and bodies ----

    def items(self, value: Any, path: str, required: bool = True) -> tuple[Item, ...] | None:
        """A list of items: text, or {text, items: [text, ...]} for a heading (sub-items optional)."""
        entries = self.sequence(value, path, min_len=1 if required else 0, required=required)
        if entries is None:
            return None
        found = [self.item(entry, child_path(path, i)) for i, entry in enumerate(entries)]
        return tuple(i for i in found if i is not None)

    def item(self, value: Any, path: str) -> Item | None:
        if not isinstance(value, dict):
            text = self.text(value, path)
            return Item(text, self.where(path)) if text is not None else None
        if "text" not in value and "items" not in value:
            self._text_read_as_mapping(value, path)
            return None
        heading = self.mapping(value, path, ("text", "items"), ("text",), " in a heading item")
        assert heading is not None
        text = self.text(heading.get("text", MISSING), child_path(path, "text"))
        subs = self.sequence(heading.get("items", MISSING), child_path(path, "items"), required=False) or []
        children = [self._sub_item(sub, child_path(child_path(path, "items"), i)) for i, sub in enumerate(subs)]
        if text is None:
            return None
        return Item(text, self.where(path), tuple(c for c in children if c is not None), heading=True)

    def _sub_item(self, value: Any, path: str) -> Item | None:
        if isinstance(value, dict) and ("text" in value or "items" in value):
            self.report(
                path,
                _("小項目の下に、さらに項目は作れません。"),
                _("見出しは 1 段だけです。ふつうの文として書いてください。"),
            )
            return None
        if isinstance(value, dict):
            self._text_read_as_mapping(value, path)
            return None
        text = self.text(value, path)
        return Item(text, self.where(path)) if text is not None else None

    def _text_read_as_mapping(self, value: dict[str, Any], path: str) -> None:
        """`- 効果: 時間短縮` is a mapping to YAML; the user almost always meant text."""
        if not value:
            self.report(path, _("項目が空です。"), _("「- 」の後ろに文を書いてください。"))
            return
        key, sub = next(iter(value.items()))
        example = f'- "{key}: {sub}"' if len(value) == 1 and isinstance(sub, str) else '- "…: …"'
        self.report(
            path,
            _("この項目は、中の「: 」のために文ではなく「キー: 値」として読まれています。"),
            _("文全体を引用符で囲んでください: {example}").format(example=example),
        )

    def body(self, value: Any, path: str) -> Body | None:
        """A section: free text, or a list of items."""
        if value is MISSING:
            return None
        if value is None:
            self.report(path, _("何も書かれていません。"), _("「:」の後ろに文を書くか、「- 」で始まる行を書いてください。"))
            return None
        if isinstance(value, list):
            return self.items(value, path)
        if isinstance(value, dict):
            self.report(
                path,
                _("ここは文かリストを書く場所ですが、「キー: 値」の行が書かれています。"),
                _("「: 」を含む文なら、文全体を引用符 \" \" で囲んでください。"),
            )
            return None
        return self.text(value, path)

    # ---- images ----

    def image(self, value: Any, path: str, images_dir: Path | None) -> Path | None:
        """An image path relative to the images folder -> its resolved absolute path inside it.

        images_dir is None when the edition's images folder is itself wrong (reported there).
        """
        written = self.text(value, path)
        if written is None or images_dir is None:
            return None
        relative = written.replace("\\", "/")
        if is_full_path(written):
            self.report(
                path,
                _("画像は画像フォルダの中の名前で書きます。{written} のようなフルパスは使えません。").format(written=written),
                _("ファイルを画像フォルダ（{folder}）に入れて、その中での名前を書いてください。").format(folder=display_path(images_dir)),
            )
            return None
        problem = file_problem(images_dir / relative)
        try:
            target = (images_dir / relative).resolve()
        except (OSError, RuntimeError, ValueError):
            target = None
        if target is not None and not target.is_relative_to(images_dir):
            self.report(
                path,
                _("画像 {written} が画像フォルダの外にあります。").format(written=written),
                _("ファイルを画像フォルダ（{folder}）にコピーして、その中での名前を書いてください。").format(folder=display_path(images_dir)),
            )
            return None
        if target is None or problem is not None:
            self.report(
                path,
                _("画像 {name}/{written}: {problem}").format(name=images_dir.name, written=visible(written), problem=problem or ""),
                _("ファイルを画像フォルダ（{folder}）に入れるか、名前を直してください。").format(folder=display_path(images_dir))
                + _near_file(images_dir, relative),
            )
            return None
        return target


def _near_file(images_dir: Path, relative: str) -> str:
    """ " Did you mean 'x'?" for a file of a similar name next to the missing one."""
    wanted = images_dir / relative
    try:
        names = [p.name for p in wanted.parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    stems = {Path(n).stem: n for n in names}
    near_stem = closest(wanted.stem, stems)
    if near_stem is None:
        return ""
    near = stems[near_stem]
    return _("「{near}」の書き間違いではありませんか。").format(near=Path(relative).parent.joinpath(near).as_posix().removeprefix("./"))
