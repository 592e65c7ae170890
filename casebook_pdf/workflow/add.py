"""`add`: a new case file from the commented template, named by the next number, listed in `cases`.

The case goes in the folder of the last listed case (usually cases/), named NN-case.yaml with NN one
more than the highest number in the listed names; the edition file gets one line more, in the
list's own style, and keeps every comment.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from casebook_pdf.errors import DataError, Issue
from casebook_pdf.load.source import load_yaml
from casebook_pdf.messages import _
from casebook_pdf.record import record
from casebook_pdf.workflow.templates import case_text
from casebook_pdf.workflow.yamltext import YamlText

_NUMBER = re.compile(r"^(\d+)")


@record
class Added:
    file: Path  # the new case file
    position: int  # 1-based place in the cases list, which is its page number among the cases


def add_case(title: str, edition: Path, name: str | None = None) -> Added:
    edition = Path(edition)
    data = load_yaml(edition).data
    data = data if isinstance(data, dict) else {}
    listed = [c for c in data.get("cases") or [] if isinstance(c, str)]
    entry = _entry(listed, name, edition.parent)
    target = edition.parent / entry
    text = YamlText.read(edition)
    try:
        text.append_entry("cases", entry)
    except ValueError:
        raise DataError(Issue(edition, None, "cases", _("cases の一覧を自動では書き足せません（一覧の書き方が想定と違います）。"),
                              _("cases に「- {entry}」の行を手で足してください。").format(entry=entry))) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as fh:  # never overwrite a case
        fh.write(case_text(title, _tool_ids(data.get("tools"))))
    text.write(edition)
    return Added(target, len(listed) + 1)


def _entry(listed: list[str], name: str | None, folder: Path) -> str:
    """The cases-list entry of the new file: beside the last listed case, next number, free name."""
    last = PurePosixPath(listed[-1].replace("\\", "/")) if listed else PurePosixPath("cases/x.yaml")
    if name:
        return (last.parent / name).as_posix() if "/" not in name else name
    numbers = [m for c in listed if (m := _NUMBER.match(PurePosixPath(c.replace("\\", "/")).name))]
    width = max([2] + [len(m.group(1)) for m in numbers])
    n = max([len(listed)] + [int(m.group(1)) for m in numbers]) + 1
    while True:
        entry = (last.parent / f"{n:0{width}d}-case.yaml").as_posix()
        if not (folder / entry).exists():
            return entry
        n += 1


def _tool_ids(tools: object) -> list[str]:
    ids: list[str] = []
    for entry in tools if isinstance(tools, list) else []:
        if isinstance(entry, dict):
            members = entry.get("tools") if "group" in entry else [entry]
            ids += [t["id"] for t in members or [] if isinstance(t, dict) and isinstance(t.get("id"), str)]
    return ids
