"""Step 1 of loading: YAML text -> plain Python data plus a map from YAML path to line number.

The data holds only dicts (with string keys), lists and scalars (str, int, float, bool, None,
datetime.date). Paths look like `title`, `after[2]`, `blocks[0].columns[1].items[0]`; the line of a
mapping entry is the line of its key, the line of a list entry is the line where the entry starts.

Safety and YAML 1.1 quirks handled here:
- only the standard scalar, list and mapping tags are accepted (`!!python/...` is an error);
- times such as `8:45` or `24:00` stay strings (YAML 1.1 would read them as base-60 numbers);
- a key given twice in one mapping is an error naming the line of the second one.
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path
from typing import Any

from casebook_pdf.load.pyyaml import yaml  # first: PyYAML's own import is slow (see there)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.tokens import ScalarToken

from casebook_pdf.errors import DataError, Issue
from casebook_pdf.load.reading import read_text
from casebook_pdf.load.syntax import ODD_BREAKS, EditorLines, diagnose, odd_break_hint, odd_break_message
from casebook_pdf.messages import _
from casebook_pdf.parsememo import parsed
from casebook_pdf.record import record
from casebook_pdf.text.normalise import FOLD, join_folds

_STD = "tag:yaml.org,2002:"
_INT, _FLOAT = _STD + "int", _STD + "float"
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP_TAG, _SEQ_TAG = _STD + "map", _STD + "seq"
_MERGE_TAG, _VALUE_TAG = _STD + "merge", _STD + "value"
# What an IME types for the "-" of a list entry: full-width minus, long vowel mark, minus sign, dashes.
_LIST_LOOKALIKES = ("－", "ー", "−", "‐", "―")
# Guards against alias bombs ("billion laughs"): no real casebook file comes near this.
_MAX_NODES = 200_000


class CasebookLoader(yaml.SafeLoader):
    """SafeLoader without base-60 numbers, so `8:45` stays the string "8:45", and with Japanese line
    folding: where YAML folds a line break of a plain, quoted or `>` scalar into a space, the space is
    dropped when either neighbour is Japanese (text.normalise.join_folds), so a long Japanese line may
    be continued on the next line of the file without a stray space."""

    def scan_plain(self) -> ScalarToken:
        return _joined(super().scan_plain())

    def scan_plain_spaces(self, indent: int, start_mark: Any) -> list[str] | None:
        line = self.line
        chunks = super().scan_plain_spaces(indent, start_mark)
        return [FOLD] if chunks == [" "] and self.line != line else chunks

    def scan_flow_scalar(self, style: str) -> ScalarToken:
        return _joined(super().scan_flow_scalar(style))

    def scan_flow_scalar_spaces(self, double: bool, start_mark: Any) -> list[str]:
        line = self.line
        chunks = super().scan_flow_scalar_spaces(double, start_mark)
        return [FOLD] if chunks == [" "] and self.line != line else chunks

    def scan_block_scalar(self, style: str) -> ScalarToken:
        return _joined(_scan_block_scalar(self, style))


def _joined(token: ScalarToken) -> ScalarToken:
    token.value = join_folds(token.value)
    return token


def _scan_block_scalar(self: CasebookLoader, style: str) -> ScalarToken:
    """PyYAML 6's Scanner.scan_block_scalar (MIT licence), with FOLD where `>` folds a line break."""
    folded = style == ">"
    chunks: list[str] = []
    start_mark = self.get_mark()
    self.forward()
    chomping, increment = self.scan_block_scalar_indicators(start_mark)
    self.scan_block_scalar_ignored_line(start_mark)
    min_indent = max(self.indent + 1, 1)
    if increment is None:
        breaks, max_indent, end_mark = self.scan_block_scalar_indentation()
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks, end_mark = self.scan_block_scalar_breaks(indent)
    line_break = ""
    while self.column == indent and self.peek() != "\0":
        chunks.extend(breaks)
        leading_non_space = self.peek() not in " \t"
        length = 0
        while self.peek(length) not in "\0\r\n\x85\u2028\u2029":
            length += 1
        chunks.append(self.prefix(length))
        self.forward(length)
        line_break = self.scan_line_break()
        breaks, end_mark = self.scan_block_scalar_breaks(indent)
        if self.column == indent and self.peek() != "\0":
            if folded and line_break == "\n" and leading_non_space and self.peek() not in " \t":
                if not breaks:
                    chunks.append(FOLD)
            else:
                chunks.append(line_break)
        else:
            break
    if chomping is not False:
        chunks.append(line_break)
    if chomping is True:
        chunks.extend(breaks)
    return ScalarToken("".join(chunks), False, start_mark, end_mark, style)


CasebookLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# The YAML 1.1 patterns from PyYAML's resolver, minus their sexagesimal (`1:30`) branches.
CasebookLoader.add_implicit_resolver(
    _INT,
    re.compile(
        r"""^(?:[-+]?0b[0-1_]+
            |[-+]?0[0-7_]+
            |[-+]?(?:0|[1-9][0-9_]*)
            |[-+]?0x[0-9a-fA-F_]+)$""",
        re.X,
    ),
    list("-+0123456789"),
)
CasebookLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
            |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


@record
class Source:
    """One parsed YAML file."""

    file: Path
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    # Path -> the scalar exactly as written, for plain scalars YAML did not read as text
    # (`0123`, `yes`, `2023-05-01`): a text field can then keep what the user typed.
    raw: dict[str, str] = field(default_factory=dict)


def child_path(parent: str, key: str | int) -> str:
    """`parent.key` for a mapping key, `parent[i]` for a list index; top-level keys have no prefix."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def load_yaml(path: Path) -> Source:
    """Read and parse one YAML file; raise DataError naming the file (and line) on any problem.
    A text parsed before is not parsed again (casebook_pdf.parsememo)."""
    return parsed(path, read_text(path), parse_yaml)


def parse_yaml(text: str, file: Path) -> Source:
    """Parse YAML text; raise DataError with every structural problem found in it."""
    lines = EditorLines(text)
    return _parse_fast(text, file, lines) or _parse(text, file, lines)


def _parse(text: str, file: Path, lines: EditorLines) -> Source:
    try:
        loader = CasebookLoader(text)
    except yaml.reader.ReaderError as exc:
        raise DataError(_bad_character(file, lines.line(exc.position), exc.character)) from None
    builder = _Builder(loader, file, text, lines)
    try:
        node = loader.get_single_node()
        data = builder.build(node, "") if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise DataError(diagnose(exc, text, file)) from None
    except RecursionError:
        raise DataError(Issue(file, None, None, _("括弧 [ ] { } の入れ子が深すぎて読めません。"),
                              _("入れ子を浅くしてください（ふつうは 2〜3 段で足ります）。"))) from None
    finally:
        loader.dispose()
    if builder.issues:
        raise DataError(builder.issues)
    return Source(file, data, builder.lines, builder.raw)


if yaml.__with_libyaml__:

    class _FastLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml's parser (C, ~15 times faster than CasebookLoader's Python scanner) with CasebookLoader's
        resolvers and constructors: the same nodes, except that it folds a line break of a plain, quoted
        or `>` scalar into a space the YAML way (see _parse_fast)."""

        yaml_implicit_resolvers = CasebookLoader.yaml_implicit_resolvers

        def __init__(self, text: str) -> None:
            yaml.cyaml.CParser.__init__(self, text)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

else:  # a PyYAML built without libyaml: every file takes CasebookLoader
    _FastLoader = None  # type: ignore[assignment,misc]

_FOLDED_STYLES = (None, "'", '"', ">")  # scalars whose line breaks YAML folds (not `|`)
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def _parse_fast(text: str, file: Path, lines: EditorLines) -> Source | None:
    """The file read by libyaml when that gives what CasebookLoader gives, else None: CasebookLoader
    then reads it (for its Japanese line folding, or for its messages about what is wrong). Taken only
    for a file that is all printable characters without a byte order mark (where the two readers'
    checks differ), that libyaml reads without an error, with no scalar that YAML folds spanning lines,
    and that raises no issue. tests/test_source.py compares the two on every YAML file of the project
    and on generated ones."""
    if _FastLoader is None or "\ufeff" in text or _NON_PRINTABLE.search(text) is not None:
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _folds(node):
            return None
        builder = _Builder(loader, file, text, lines)  # type: ignore[arg-type]
        data = builder.build(node, "") if node is not None else None
    except (yaml.YAMLError, DataError, RecursionError):
        return None
    finally:
        loader.dispose()
    if builder.issues:
        return None
    return Source(file, data, builder.lines, builder.raw)


def _folds(root: Node) -> bool:
    """Whether a scalar YAML folds (plain, quoted or `>`) spans lines anywhere under root, or a scalar
    holds what CasebookLoader takes for a fold. On the way, each plain scalar's style is set to what
    PyYAML's own parser gives (None; libyaml's is "")."""
    todo, seen = [root], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None
            if node.style in _FOLDED_STYLES and node.start_mark.line != node.end_mark.line or FOLD in node.value:
                return True  # (FOLD, an escaped NUL, is taken for a fold by CasebookLoader)
        elif isinstance(node, MappingNode):
            todo.extend(part for pair in node.value for part in pair)
        else:
            todo.extend(node.value)
    return False


def _bad_character(file: Path, line: int, character: int | str) -> Issue:
    code = character if isinstance(character, int) else ord(character)
    return Issue(file, line, None,
                 _("この行に、YAML で使えない見えない文字（U+{code:04X}、制御文字）があります。").format(code=code),
                 _("その文字を消してください（ほかの文書から貼り付けたときに紛れ込むことがあります）。"))


# ---- node tree -> data ------------------------------------------------------------------------


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


class _Builder:
    """Turns a composed node tree into plain data, recording lines and collecting issues."""

    def __init__(self, loader: CasebookLoader, file: Path, text: str, lines: EditorLines) -> None:
        self.loader = loader
        self.file = file
        self.text = text
        self.editor = lines
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}
        self.issues: list[Issue] = []
        self._active: set[int] = set()
        self._count = 0

    def line(self, node: Node) -> int:
        return self.editor.line(node.start_mark.index)

    def report(self, node: Node, path: str, message: str, hint: str | None = None) -> None:
        self.issues.append(Issue(self.file, self.line(node), path or None, message, hint))

    def build(self, node: Node, path: str) -> Any:
        self._count += 1
        if self._count > _MAX_NODES:
            raise DataError(Issue(self.file, None, None, _("ファイルの中身が多すぎます（または「*」の参照を繰り返しすぎています）。"),
                                  _("1 つの事例を 1 つのファイルにし、「*」の参照は使わないでください。")))
        if id(node) in self._active:
            self.report(node, path, _("「*」の参照が、それ自身を含む項目を指しています。"), _("「*」の参照を消してください。"))
            return None
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if isinstance(node, SequenceNode):
                return self._sequence(node, path)
            assert isinstance(node, ScalarNode)
            return self._scalar(node, path)
        finally:
            self._active.discard(id(node))

    def _bad_tag(self, node: Node, path: str) -> None:
        self.report(
            node,
            path,
            _("「{tag}」のような型の指定は使えません。").format(tag=_show_tag(node.tag)),
            _("それを消してください。事例のファイルには文・リスト・「キー: 値」の行だけを書きます。"),
        )

    def _mapping(self, node: MappingNode, path: str) -> dict[str, Any] | None:
        if node.tag != _MAP_TAG:
            self._bad_tag(node, path)
            return None
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            key_path = child_path(path, key)
            line = self.line(key_node)
            if key in first_line:
                self.report(
                    key_node,
                    key_path,
                    _("同じ場所に「{key}」が 2 回あります（1 回目は {first} 行目）。").format(key=key, first=first_line[key]),
                    _("どちらかを消すか、2 つの中身を 1 つにまとめてください。"),
                )
                continue
            first_line[key] = line
            self.lines[key_path] = line
            out[key] = self.build(value_node, key_path)
        return out

    def _key(self, node: Node, path: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.report(node, path, _("キーにリストや「キー: 値」は使えません。"), _("字下げを確かめてください。"))
            return None
        if node.tag == _MERGE_TAG:
            self.report(node, path, _("「<<」でのまとめ書きは使えません。"), _("キーを 1 つずつ書いてください。"))
            return None
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return None
        if node.style is None:
            self._odd_characters(node, path)
        return str(node.value).strip()

    def _sequence(self, node: SequenceNode, path: str) -> list[Any] | None:
        if node.tag != _SEQ_TAG:
            self._bad_tag(node, path)
            return None
        out = []
        for index, item in enumerate(node.value):
            item_path = child_path(path, index)
            self.lines[item_path] = self.line(item)
            out.append(self.build(item, item_path))
        return out

    def _scalar(self, node: ScalarNode, path: str) -> Any:
        if node.tag == _VALUE_TAG:  # a lone "=" (PyYAML cannot construct it)
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            # Looked like a number or date but is not one (2023-02-30): keep the text.
            self.loader.recursive_objects.pop(node, None)
            value = node.value
        except yaml.constructor.ConstructorError:
            self.report(node, path, _("この値は読めません。"), _("「!!」で始まる型の指定を消してください。"))
            return None
        if node.style is None:
            self._odd_characters(node, path)
        if value is not None and not isinstance(value, str) and node.style is None and path:
            self.raw[path] = node.value
        return value

    def _odd_characters(self, node: ScalarNode, path: str) -> None:
        """Unquoted text starting with a full-width space, or holding a line separator YAML breaks at."""
        written = self.text[node.start_mark.index : node.end_mark.index]
        if written.startswith("\u3000"):
            self.report(node, path, _("行の始めに全角スペース（U+3000）があります。"),
                        _("字下げは半角スペースで書いてください（全角スペースを消して、半角スペースを入れ直します）。"))
        elif written[:1] in _LIST_LOOKALIKES and written[1:2] in (" ", "\u3000"):
            self.report(node, path, _("「{mark}」（全角）で始まっています。リストの印は半角の「- 」です。").format(mark=written[0]),
                        _("「{mark}」を半角の「-」に書き換えてください。").format(mark=written[0]))
        odd = next((ch for ch in written if ch in ODD_BREAKS), None)
        if odd is not None:
            self.report(node, path, odd_break_message(odd), odd_break_hint())
