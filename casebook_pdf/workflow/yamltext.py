"""Surgical edits of YAML text: change one value or add one list entry, leave every other byte alone.

The user's comments, blank lines, quoting and key order are the file's value, so the file is never
re-dumped: the YAML is composed only to find where a value starts and ends, and the text is spliced
there. Line endings (LF or CRLF) and a leading BOM are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from casebook_pdf.load.pyyaml import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from casebook_pdf.load.source import CasebookLoader

BOM = "\ufeff"


@dataclass
class YamlText:
    text: str
    bom: bool = False

    @classmethod
    def read(cls, path: Path) -> YamlText:
        text = Path(path).read_bytes().decode("utf-8-sig")
        return cls(text, Path(path).read_bytes().startswith(BOM.encode()))

    def write(self, path: Path) -> None:
        Path(path).write_bytes(((BOM if self.bom else "") + self.text).encode("utf-8"))

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def _top(self) -> MappingNode:
        node = yaml.compose(self.text, Loader=CasebookLoader)
        if not isinstance(node, MappingNode):
            raise ValueError("the file is not a mapping of keys")
        return node

    def value(self, key: str) -> Node | None:
        for k, v in self._top().value:
            if isinstance(k, ScalarNode) and k.value == key:
                return v
        return None

    def set_scalar(self, key: str, value: str, after: str | None = None, comment: str = "") -> None:
        """Give top-level `key` the text `value` in place, keeping its quote style and comment; add the
        key on a new line after the entry of `after` (or at the end) when it is not there."""
        node = self.value(key)
        if isinstance(node, ScalarNode):
            token = scalar(value, node.style if node.style in ("'", '"') else None)
            self.text = self.text[: node.start_mark.index] + token + self.text[node.end_mark.index :]
            return
        if node is not None:
            raise ValueError(f"'{key}' is not a single value")
        line = f"{key}: {scalar(value)}" + (f"  # {comment}" if comment else "")
        anchor = self.value(after) if after else None
        at = _end_of_line(self.text, anchor.end_mark.index) if anchor is not None else len(self.text)
        self._insert_line(at, line)

    def append_entry(self, key: str, value: str) -> None:
        """Add `value` as the last entry of the top-level list `key`, in the list's own style."""
        node = self.value(key)
        if not isinstance(node, SequenceNode) or not node.value:
            raise ValueError(f"'{key}' is not a list with entries")
        last = node.value[-1]
        if node.flow_style:
            at = last.end_mark.index
            self.text = self.text[:at] + ", " + scalar(value) + self.text[at:]
            return
        line_start = self.text.rfind("\n", 0, last.start_mark.index) + 1
        prefix = self.text[line_start : last.start_mark.index]
        if prefix.strip() != "-":
            raise ValueError(f"the entries of '{key}' are not one per line")
        self._insert_line(_end_of_line(self.text, last.end_mark.index), prefix + scalar(value))

    def replace_scalar(self, node: ScalarNode, value: str) -> None:
        self.text = self.text[: node.start_mark.index] + scalar(value) + self.text[node.end_mark.index :]

    def _insert_line(self, at: int, line: str) -> None:
        """Insert `line` at `at`, the start of a line (or the end of a text without a final newline)."""
        nl = self.newline
        if at > 0 and not self.text[:at].endswith("\n"):
            line = nl + line
        self.text = self.text[:at] + line + nl + self.text[at:]


def _end_of_line(text: str, index: int) -> int:
    """Index just after the line break of the line holding `index` (the end of the text if none)."""
    if index > 0 and text[index - 1] == "\n":
        return index  # the node's end mark is already at the start of the next line
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def scalar(value: str, quote: str | None = None) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back as that same text, else double-quoted."""
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote is None and value.strip() == value and "\n" not in value:
        try:
            if yaml.load(value, Loader=CasebookLoader) == value and " #" not in value:
                return value
        except yaml.YAMLError:
            pass
        if _looks_like_date(value):
            return value  # YYYY-MM-DD reads as a date, which is what the date key wants
    return json.dumps(value, ensure_ascii=False)


def _looks_like_date(value: str) -> bool:
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
