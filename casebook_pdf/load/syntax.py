"""Syntax errors told where the mistake is, with line numbers as an editor counts them.

PyYAML reports where it gave up, which for an unclosed quote or bracket is often the end of the
file, and it counts U+2028, U+2029 and NEL as line breaks where Notepad and VS Code do not. Here:
- `EditorLines` turns a character index into the line an editor shows (only CR, LF and CRLF break);
- `diagnose` looks for the slips a Japanese IME makes (a full-width colon after a key, a
  full-width space as indentation, a key without a space after its colon) and for the line where
  an unclosed quote or bracket opened, before falling back to the parser's own words.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from casebook_pdf.errors import Issue
from casebook_pdf.load.pyyaml import yaml
from casebook_pdf.messages import _

# Line separators YAML counts as line breaks but editors do not.
ODD_BREAKS = {"\u2028": "U+2028", "\u2029": "U+2029", "\x85": "U+0085 (NEL)"}


class EditorLines:
    """Character index -> 1-based line number, counting only CR, LF and CRLF."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index)


def editor_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_FULL_COLON = re.compile(rf"^[ \t]*(?:-[ \t]+)?({_KEY})[ \t\u3000]*：")
_NO_SPACE = re.compile(rf"^[ \t]*(?:-[ \t]+)?({_KEY}):(?=[^\s:/\\])")
_FULL_INDENT = re.compile(rf"^[ \t]*\u3000[ \t\u3000]*(?:-[ \t]|{_KEY}[ \t]*[:：])")


def ime_slips(text: str, file: Path) -> list[Issue]:
    """Lines whose structure an IME broke: full-width colon or indentation, no space after ':'."""
    issues = []
    for n, line in enumerate(editor_lines(text), start=1):
        if line.lstrip().startswith("#"):
            continue
        if m := _FULL_COLON.match(line):
            issues.append(Issue(file, n, None, _("「{key}」の後ろの「：」が全角のコロンです。").format(key=m[1]),
                                _("半角の「:」と半角スペースに書き換えてください（例: {key}: …）。").format(key=m[1])))
        elif _FULL_INDENT.match(line):
            issues.append(Issue(file, n, None, _("行の始めに全角スペース（U+3000）があります。"),
                                _("字下げは半角スペースで書いてください（全角スペースを消して、半角スペースを入れ直します）。")))
        elif m := _NO_SPACE.match(line):
            issues.append(Issue(file, n, None, _("「{key}:」の後ろに半角スペースがありません。").format(key=m[1]),
                                _("「:」の後ろに半角スペースを 1 つ入れてください（例: {key}: …）。").format(key=m[1])))
    return issues


def odd_breaks(text: str, file: Path) -> list[Issue]:
    """Lines holding U+2028, U+2029 or NEL: YAML breaks the line there, which editors do not show."""
    issues = []
    for n, line in enumerate(editor_lines(text), start=1):
        odd = next((ch for ch in line if ch in ODD_BREAKS), None)
        if odd is not None:
            issues.append(Issue(file, n, None, odd_break_message(odd), odd_break_hint()))
    return issues


def odd_break_message(ch: str) -> str:
    return _("この行に見えない区切り文字（{code}）があり、YAML はそこで行が切れたと読みます。").format(code=ODD_BREAKS[ch])


def odd_break_hint() -> str:
    return _("その文字を消してください（ほかの文書から貼り付けたときに紛れ込みます）。")


# ---- unclosed quotes and brackets ----

_VALUE_START = re.compile(r"(?:^|[:\-,\[{]\s)\s*$|(?:^|[\[{,])\s*$")


def unclosed(text: str) -> tuple[int, str] | None:
    """(line, character) of a quote or bracket that opened and, by the look of it, never closed.

    A rough scan, used only once the parser has failed: quotes count where a value starts, `#` starts
    a comment outside quotes, block texts (`|`, `>`) are skipped, and a quoted text running over a
    line that looks like `key: value` or `- entry` is taken as never closed.
    """
    stack: list[tuple[int, str]] = []  # open brackets
    quote: tuple[int, str] | None = None
    block_indent: int | None = None
    for n, line in enumerate(editor_lines(text), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        if quote is not None and not stack and re.match(rf"^\s*(?:-\s|{_KEY}:\s)", line):
            return quote
        i = 0
        while i < len(line):
            ch = line[i]
            if quote is not None:
                if ch == quote[1]:
                    if quote[1] == "'" and line[i + 1 : i + 2] == "'":
                        i += 2
                        continue
                    quote = None
                elif ch == "\\" and quote[1] == '"':
                    i += 1
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            elif ch in "\"'" and _VALUE_START.search(line[:i]):
                quote = (n, ch)
            elif ch in "[{" and _VALUE_START.search(line[:i]) or ch in "[{" and stack:
                stack.append((n, ch))
            elif ch in "]}" and stack:
                stack.pop()
            i += 1
        if quote is None and not stack and re.search(r"[:-]\s+[|>][+-]?\d?\s*(?:#.*)?$", line):
            block_indent = indent
    if quote is not None:
        return quote
    return stack[0] if stack else None


_CLOSER = {'"': '"', "'": "'", "[": "]", "{": "}"}


def diagnose(exc: yaml.MarkedYAMLError, text: str, file: Path) -> list[Issue]:
    """The issues to show for a syntax error: IME slips, an unclosed quote or bracket, or the parser's words."""
    slips = ime_slips(text, file) or odd_breaks(text, file)
    if slips:
        return slips
    lines = EditorLines(text)
    mark = exc.problem_mark or exc.context_mark
    error_line = lines.line(mark.index) if mark is not None else None
    context = exc.context or ""
    if exc.context_mark is not None and (
        "quoted scalar" in context or "flow sequence" in context or "flow mapping" in context
    ):
        opener = text[exc.context_mark.index : exc.context_mark.index + 1]
        return [_unclosed_issue(file, lines.line(exc.context_mark.index), opener)]
    found = unclosed(text)
    if found is not None and (error_line is None or found[0] <= error_line):
        return [_unclosed_issue(file, *found)]
    return [_parser_issue(exc, file, error_line)]


def _unclosed_issue(file: Path, line: int, opener: str) -> Issue:
    closer = _CLOSER.get(opener, opener)
    return Issue(file, line, None, _("この行で開いた「{open}」が閉じられていません。").format(open=opener),
                 _("対応する「{close}」を書き足すか、「{open}」を消してください。").format(open=opener, close=closer))


_HINTS = (
    ("mapping values are not allowed", _("字下げを確かめてください。「: 」を含む文は全体を引用符 \" \" で囲みます。")),
    ("found character '\\t'", _("字下げにタブは使えません。半角スペースで字下げしてください。")),
    ("could not find expected ':'", _("各行が「キー: 値」になっているか、字下げがそろっているかを確かめてください。")),
    ("did not find expected key", _("この行と前の行の字下げを確かめてください。")),
    ("expected <block end>", _("この行と前の行の字下げを確かめてください。")),
    ("did not find expected '-'", _("このリストの字下げを確かめてください。")),
    ("found undefined alias", _("「*」を消すか、文全体を引用符 \" \" で囲んでください。")),
    ("while scanning an alias", _("「*」で始まる文は、全体を引用符 \" \" で囲んでください。")),
    ("while scanning an anchor", _("「&」で始まる文は、全体を引用符 \" \" で囲んでください。")),
    ("that cannot start any token", _("@ ` % * などの記号で始まる文は、全体を引用符 \" \" で囲んでください。")),
    ("expected a single document", _("「---」の行を消してください（1 つのファイルに 1 つの内容です）。")),
)


def _parser_issue(exc: yaml.MarkedYAMLError, file: Path, line: int | None) -> Issue:
    words = " ".join(filter(None, [exc.context, exc.problem]))
    hint = _("この行の近くの字下げと引用符を確かめてください。")
    for needle, text in _HINTS:
        if needle in words:
            hint = text
            break
    return Issue(file, line, None, _("YAML の書き方の誤りで、ここから先が読めません。"), hint)
