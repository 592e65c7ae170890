"""Step 2 of loading: the edition file and its case files -> a validated model.Edition.

Every problem in the edition file and in every case file is collected; if there is any, a single
DataError carrying all of them is raised, so the user can fix everything in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from casebook_pdf.load.blocks import read_blocks
from casebook_pdf.load.early import DEFAULT_IMAGES, written_path
from casebook_pdf.era import ERAS, to_era
from casebook_pdf.errors import DataError, Issue
from casebook_pdf.load.fields import MISSING, Checker, describe, suggest
from casebook_pdf.messages import _
from casebook_pdf.model import Case, Edition, Photo, Tool, ToolGroup
from casebook_pdf.load.reading import file_problem, visible
from casebook_pdf.load.source import child_path, load_yaml
from casebook_pdf.text.normalise import DIGIT_FORMS, Digits, normalise_edition

EDITION_KEYS = ("title", "subtitle", "issuer", "date", "date_suffix", "images", "digits", "tools", "cases")
EDITION_REQUIRED = ("title", "issuer", "date", "cases")
CASE_KEYS = (
    "category",
    "title",
    "headline",
    "department",
    "tools",
    "overview",
    "effects",
    "before",
    "after",
    "notes",
    "photos",
    "blocks",
    "badge",
)
CASE_REQUIRED = ("category", "title", "department", "overview", "effects", "before", "after")
PHOTO_KEYS = ("image", "caption", "fit")
FITS = ("cover", "contain")
MAX_TITLE_LINES = 3
MAX_PHOTOS = 4
MAX_BADGE_CHARS = 12

_TOOL_ID = re.compile(r"^[a-z0-9_-]+$")
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$")
_DATE_HINT = _("日付は 2023-05（年-月）か 2023-05-01（年-月-日）の形で書いてください。")
MAX_CASES = 1000  # a whole prefecture's collection reaches hundreds of cases; issue 15 builds 1000 (bench/run.py)
MAX_TOOL_COLUMNS = 15  # the contents page's tool matrix holds 15 columns at a readable size


@dataclass
class _Head:
    """What the edition file says, before the cases are read."""

    title: tuple[str, ...] = ()
    issuer: str | None = None
    date: dt.date | None = None
    precision: Literal["month", "day"] = "month"
    images_dir: Path | None = None
    tools: list[Tool | ToolGroup] = field(default_factory=list)
    tool_ids: set[str] = field(default_factory=set)  # every id written, valid or not
    tools_refused: bool = False  # the tool list is over its limit (reported once, in the edition file)
    case_files: list[Path] = field(default_factory=list)
    subtitle: str | None = None
    date_suffix: str | None = None
    digits: Digits = "half"


def load_edition(path: Path) -> Edition:
    """Load and validate an edition and all its cases; raise DataError listing every problem.

    Every printed text comes back normalised (text.normalise: line joins, 和欧間 spaces, digits)."""
    file = Path(path).absolute().resolve()
    issues: list[Issue] = []
    source = load_yaml(file)
    head = _read_head(Checker(source, issues), file.parent)
    cases = [_load_case(case_file, head, issues) for case_file in head.case_files]
    if issues:
        raise DataError(_in_reading_order(issues))
    assert head.date is not None and head.issuer is not None and head.images_dir is not None
    edition = Edition(
        file=file,
        title=head.title,
        issuer=head.issuer,
        date=head.date,
        date_precision=head.precision,
        images_dir=head.images_dir,
        cases=tuple(c for c in cases if c is not None),
        subtitle=head.subtitle,
        date_suffix=head.date_suffix,
        tools=tuple(head.tools),
        digits=head.digits,
        lines=dict(source.lines),
    )
    return normalise_edition(edition, head.digits)


def _in_reading_order(issues: list[Issue]) -> list[Issue]:
    """Files in the order they were read, lines top to bottom; keys missing from a whole file last."""
    file_order = {file: n for n, file in enumerate(dict.fromkeys(i.file for i in issues))}
    return sorted(issues, key=lambda i: (file_order[i.file], i.line if i.line is not None else float("inf")))


# ---- the edition file ---------------------------------------------------------------------------


def _top_mapping(c: Checker, keys: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Any] | None:
    if c.data is None:
        c.report("", _("ファイルが空です。"), _("{keys} を書いてください。").format(keys=", ".join(required)))
        return None
    return c.mapping(c.data, "", keys, required)


def _read_head(c: Checker, folder: Path) -> _Head:
    head = _Head()
    data = _top_mapping(c, EDITION_KEYS, EDITION_REQUIRED)
    if data is None:
        return head
    head.title = _read_title(c, data.get("title", MISSING))
    head.subtitle = c.text(data.get("subtitle", MISSING), "subtitle", required=False)
    head.issuer = c.text(data.get("issuer", MISSING), "issuer")
    dated = _read_date(c, data.get("date", MISSING), "date")
    if dated is not None:
        head.date, head.precision = dated
    head.date_suffix = c.text(data.get("date_suffix", MISSING), "date_suffix", required=False)
    head.images_dir = _read_images_dir(c, data.get("images", MISSING), folder)
    head.digits = _read_digits(c, data.get("digits", MISSING))
    _read_tools(c, data.get("tools", MISSING), head)
    head.case_files = _read_case_list(c, data.get("cases", MISSING), folder)
    return head


def _read_title(c: Checker, value: Any) -> tuple[str, ...]:
    """1-3 lines: a list of texts, or one text (a multi-line text gives one line per line)."""
    if value is MISSING:
        return ()
    if isinstance(value, list):
        lines = c.strings(value, "title") or ()
    else:
        text = c.text(value, "title")
        lines = tuple(line.strip() for line in text.splitlines() if line.strip()) if text else ()
    if len(lines) > MAX_TITLE_LINES:
        c.report(
            "title", _("題名が {n} 行あります。表紙に入るのは {limit} 行までです。").format(n=len(lines), limit=MAX_TITLE_LINES),
            _("短くしてください。")
        )
    return tuple(lines)


def _read_date(c: Checker, value: Any, path: str) -> tuple[dt.date, Literal["month", "day"]] | None:
    if value is MISSING:
        return None
    found = _parse_date(c, value, path)
    if found is None:
        return None
    try:
        to_era(found[0])
    except ValueError:
        name, start = ERAS[-1]
        c.report(
            path,
            _("日付 {date} は{era}（{start}〜）より前で、和暦で印刷できません。").format(
                date=found[0].isoformat()[: 7 if found[1] == "month" else 10], era=name, start=start.isoformat()),
            _("{start} 以降の日付にしてください。").format(start=start.isoformat()),
        )
        return None
    return found


def _parse_date(c: Checker, value: Any, path: str) -> tuple[dt.date, Literal["month", "day"]] | None:
    if isinstance(value, dt.datetime):
        c.report(path, _("日付に時刻が入っています。"), _DATE_HINT)
        return None
    if isinstance(value, dt.date):
        return value, "day"
    if value is None or (isinstance(value, str) and not value.strip()):
        c.report(path, _("日付が空です。"), _DATE_HINT)
        return None
    if not isinstance(value, str):
        c.report(path, _("ここは日付を書く場所ですが、{found} が書かれています。").format(found=c.raw.get(path, describe(value))), _DATE_HINT)
        return None
    written = unicodedata.normalize("NFKC", value).strip()
    match = _DATE.match(written)
    if match is None:
        c.report(path, _("「{written}」は日付として読めません。").format(written=value.strip()), _DATE_HINT)
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        return dt.date(year, month, day or 1), "day" if day else "month"  # type: ignore[arg-type]
    except ValueError:
        c.report(path, _("「{written}」という日はありません。").format(written=value.strip()), _DATE_HINT)
        return None


def _read_digits(c: Checker, value: Any) -> Digits:
    """`digits: half` (default) or `full`: the one width of digits in the printed text."""
    if value is MISSING or value is None:
        return "half"
    word = str(c.raw.get("digits", value)).strip() if not isinstance(value, str) else value.strip()
    if word.lower() in DIGIT_FORMS:
        return word.lower()  # type: ignore[return-value]
    c.report(
        "digits",
        _("数字の書き方「{word}」は使えません。").format(word=word),
        _("half（半角数字 1.5。既定）か full（全角数字 １．５）のどちらかを書いてください。"),
    )
    return "half"


def _read_images_dir(c: Checker, value: Any, folder: Path) -> Path | None:
    """The images folder, resolved; None (and an issue) when a folder that was named is missing.

    The default folder is not required to exist: an edition without images needs none, and a
    missing image then names the folder it was looked for in.
    """
    if value is MISSING or value is None:
        return (folder / DEFAULT_IMAGES).resolve()
    written = c.text(value, "images")
    if written is None:
        return None
    images = written_path(folder, written)
    if not _is_dir(images):
        c.report(
            "images",
            _("画像フォルダ {written} が見つかりません。").format(written=written),
            _("フォルダを作るか、名前を直してください（casebook.yaml のあるフォルダから見た場所です）。"),
        )
        return None
    return images


def _read_tools(c: Checker, value: Any, head: _Head) -> None:
    entries = c.sequence(value, "tools", required=False, limit=None) or []
    columns = sum(len(e["tools"]) if isinstance(e, dict) and isinstance(e.get("tools"), list) else 1 for e in entries)
    if columns > MAX_TOOL_COLUMNS:
        c.report("tools", _("ツールが {n} 個あります。目次の一覧表に入るのは {limit} 個までです。").format(n=columns, limit=MAX_TOOL_COLUMNS),
                 _("目次の一覧に載せるツールを {limit} 個までに絞ってください。").format(limit=MAX_TOOL_COLUMNS))
        head.tools_refused = True
        return
    first_seen: dict[str, str] = {}
    for i, entry in enumerate(entries):
        path = child_path("tools", i)
        if isinstance(entry, dict) and ("group" in entry or "tools" in entry):
            group = _read_tool_group(c, entry, path, head, first_seen)
            if group is not None:
                head.tools.append(group)
        else:
            tool = _read_tool(c, entry, path, head, first_seen)
            if tool is not None:
                head.tools.append(tool)


def _read_tool_group(
    c: Checker, entry: dict[str, Any], path: str, head: _Head, seen: dict[str, str]
) -> ToolGroup | None:
    c.mapping(entry, path, ("group", "tools"), ("group", "tools"), _("（ツールのグループの中）"))
    label = c.text(entry.get("group", MISSING), child_path(path, "group"))
    members_path = child_path(path, "tools")
    members = c.sequence(entry.get("tools", MISSING), members_path, min_len=1) or []
    tools = [_read_tool(c, m, child_path(members_path, j), head, seen) for j, m in enumerate(members)]
    if label is None:
        return None
    return ToolGroup(label, tuple(t for t in tools if t is not None))


def _read_tool(c: Checker, entry: Any, path: str, head: _Head, seen: dict[str, str]) -> Tool | None:
    data = c.mapping(entry, path, ("id", "label"), ("id", "label"), _("（ツールの中）"))
    if data is None:
        return None
    id_path = child_path(path, "id")
    tool_id = c.text(data.get("id", MISSING), id_path)
    label = c.text(data.get("label", MISSING), child_path(path, "label"))
    if tool_id is None:
        return None
    head.tool_ids.add(tool_id)
    if not _TOOL_ID.match(tool_id):
        c.report(
            id_path,
            _("ツールの id「{id}」には半角の小文字・数字・「-」「_」だけが使えます。").format(id=tool_id),
            _("半角の小文字で書いてください（例: domeet）。"),
        )
    elif tool_id in seen:
        c.report(
            id_path, _("ツールの id「{id}」が 2 回使われています（1 回目は {first}）。").format(id=tool_id, first=seen[tool_id]),
            _("ツールごとに別の id にしてください。")
        )
    seen.setdefault(tool_id, id_path)
    return Tool(tool_id, label) if label is not None else None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long for the file system
        return False


def _read_case_list(c: Checker, value: Any, folder: Path) -> list[Path]:
    entries = c.sequence(value, "cases", min_len=1, limit=None) or []
    if len(entries) > MAX_CASES:
        c.report("cases", _("事例が {n} 件あります。1 冊に入れられるのは {limit} 件までです。").format(n=len(entries), limit=MAX_CASES),
                 _("事例を減らすか、何冊かに分けてください。"))
        return []
    files: list[Path] = []
    first_seen: dict[Path, str] = {}
    for i, entry in enumerate(entries):
        path = child_path("cases", i)
        written = c.text(entry, path)
        if written is None:
            continue
        case_file = written_path(folder, written)
        if case_file in first_seen:
            c.report(
                path,
                _("事例ファイル {written} が 2 回書かれています（1 回目は {first}）。").format(written=written, first=first_seen[case_file]),
                _("どちらかの行を消してください。"),
            )
            continue
        first_seen[case_file] = path
        problem = file_problem(case_file)
        if problem is None:
            files.append(case_file)
        else:
            c.report(
                path,
                _("事例ファイル {written}: {problem}").format(written=visible(written), problem=problem),
                _("名前を確かめてください（casebook.yaml のあるフォルダから見た場所です）。"),
            )
    return files


# ---- a case file ---------------------------------------------------------------------------------


def _load_case(file: Path, head: _Head, issues: list[Issue]) -> Case | None:
    try:
        source = load_yaml(file)
    except DataError as exc:
        issues.extend(exc.issues)
        return None
    c = Checker(source, issues)
    data = _top_mapping(c, CASE_KEYS, CASE_REQUIRED)
    if data is None:
        return None
    before = len(issues)

    def get(key: str) -> Any:
        return data.get(key, MISSING)

    case = Case(
        file=file,
        category=c.text(get("category"), "category"),  # type: ignore[arg-type]
        title=c.text(get("title"), "title"),  # type: ignore[arg-type]
        department=c.text(get("department"), "department"),  # type: ignore[arg-type]
        overview=_read_overview(c, get("overview")),  # type: ignore[arg-type]
        effects=c.body(get("effects"), "effects"),  # type: ignore[arg-type]
        before=c.body(get("before"), "before"),  # type: ignore[arg-type]
        after=c.body(get("after"), "after"),  # type: ignore[arg-type]
        headline=c.text(get("headline"), "headline", required=False),
        tools=_read_case_tools(c, get("tools"), head),
        notes=c.items(get("notes"), "notes", required=False) or (),
        photos=_read_photos(c, get("photos"), head.images_dir),
        blocks=read_blocks(c, get("blocks"), "blocks", head.images_dir),
        badge=_read_badge(c, get("badge")),
        lines=dict(source.lines),
    )
    return case if len(issues) == before else None


def _read_overview(c: Checker, value: Any) -> str | None:
    if isinstance(value, list):
        c.report("overview", _("概要は文で書く場所ですが、リストが書かれています。"), _("「- 」を付けずに、文として書いてください。"))
        return None
    return c.text(value, "overview")


def _read_case_tools(c: Checker, value: Any, head: _Head) -> tuple[str, ...]:
    entries = c.sequence(value, "tools", required=False) or []
    if head.tools_refused:
        return ()
    if entries and not head.tool_ids:
        c.report(
            "tools",
            _("この事例にはツールが書かれていますが、casebook.yaml に tools の一覧がありません。"),
            _("casebook.yaml にツールを書き足すか、この一覧を消してください。"),
        )
        return ()
    ids: list[str] = []
    for i, entry in enumerate(entries):
        path = child_path("tools", i)
        tool_id = c.text(entry, path)
        if tool_id is None:
            continue
        if tool_id not in head.tool_ids:
            c.report(path, _("「{id}」というツールは casebook.yaml にありません。").format(id=tool_id), suggest(tool_id, sorted(head.tool_ids)))
        elif tool_id in ids:
            c.report(path, _("ツール「{id}」が 2 回書かれています。").format(id=tool_id), _("どちらかの行を消してください。"))
        else:
            ids.append(tool_id)
    return tuple(ids)


def _read_photos(c: Checker, value: Any, images_dir: Path | None) -> tuple[Photo, ...]:
    entries = c.sequence(value, "photos", max_len=MAX_PHOTOS, required=False) or []
    photos = [_read_photo(c, entry, child_path("photos", i), images_dir) for i, entry in enumerate(entries)]
    return tuple(p for p in photos if p is not None)


def _read_photo(c: Checker, entry: Any, path: str, images_dir: Path | None) -> Photo | None:
    data = c.mapping(entry, path, PHOTO_KEYS, ("image", "caption"), _("（写真の中）"))
    if data is None:
        return None
    image = c.image(data.get("image", MISSING), child_path(path, "image"), images_dir)
    caption = c.text(data.get("caption", MISSING), child_path(path, "caption"))
    fit = c.choice(data.get("fit", MISSING), child_path(path, "fit"), FITS, "cover")
    if image is None or caption is None or fit is None:
        return None
    return Photo(image, caption, c.where(path), fit)  # type: ignore[arg-type]


def _read_badge(c: Checker, value: Any) -> str | None:
    badge = c.text(value, "badge", required=False)
    if badge is None:
        return None
    length = len(badge.replace("\n", ""))  # line breaks are layout, not characters
    if length > MAX_BADGE_CHARS:
        c.report("badge", _("バッジが {n} 文字あります。入るのは {limit} 文字までです。").format(n=length, limit=MAX_BADGE_CHARS),
                 _("短くしてください。"))
    return badge
