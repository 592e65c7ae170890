"""build --watch: rebuild whenever a YAML file or an image of the edition changes, until Ctrl-C.

One workspace serves the whole session, so a rebuild after editing one case finds the fonts (loaded
once per process), the laid-out pages of the other cases and every processed image still in memory.
A rebuild that fails prints its problems and the watch goes on; the last good PDF stays in place.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from casebook_pdf.build import Workspace, build
from casebook_pdf.errors import CasebookError, display_path
from casebook_pdf.load.edition import DEFAULT_IMAGES
from casebook_pdf.load.source import load_yaml
from casebook_pdf.messages import _
from casebook_pdf.workflow.pagememo import PageMemo
from casebook_pdf.workflow.progress import Display, workspace

YAML = {".yaml", ".yml"}
PICTURES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp"}

Echo = Callable[[str], None]


def watch_edition(edition: Path, output: Path, cache_dir: Path | None, dpi: int, quiet: bool, echo: Echo,
                  display: Display) -> int:
    """Build, then rebuild on every change; returns the exit code (0 after Ctrl-C)."""
    work = workspace(cache_dir, dpi, display)

    def rebuild(changed: Iterable[Path]) -> None:
        _rebuild(edition, output, cache_dir, dpi, work, quiet, echo, changed)

    try:
        rebuild(())
        where = ", ".join(display_path(p) for p in roots(edition))
        echo(_("変更を見張っています（{where}）。終わるときは Ctrl-C を押してください。").format(where=where))
        while True:
            places = roots(edition), images_folder(edition)
            for changes in watchfiles.watch(*places[0], watch_filter=_filter(places[1]), debounce=800, rust_timeout=500):
                rebuild(sorted({Path(p) for _c, p in changes}))
                if (roots(edition), images_folder(edition)) != places:
                    break  # a case or the images folder moved elsewhere: watch the new places
    except KeyboardInterrupt:
        echo(_("見張りを終わりました。"))
        return 0


def _rebuild(edition: Path, output: Path, cache_dir: Path | None, dpi: int, work: Workspace, quiet: bool, echo: Echo,
             changed: Iterable[Path]) -> None:
    start = time.perf_counter()
    stamp = time.strftime("%H:%M:%S")
    because = ", ".join(p.name for p in changed)
    because = _("（変更: {files}）").format(files=because) if because else ""
    try:
        result = build(edition, output, cache_dir, dpi, work)
    except CasebookError as exc:
        for issue in exc.issues:
            echo(_("エラー: {issue}").format(issue=issue))
        echo(_("{time} 問題が {n} 件あります。PDF は前のままです。直して保存すると、また作ります。{why}").format(
            time=stamp, n=len(exc.issues), why=because))
        return
    except Exception as exc:  # noqa: BLE001 - the watch reports every failure and goes on
        echo(_("{time} 内部エラー: {kind}: {error}。見張りは続けます。{why}").format(
            time=stamp, kind=type(exc).__name__, error=exc, why=because))
        return
    finally:
        if isinstance(work.memo, PageMemo):
            work.memo.sweep()
        if work.drawn is not None:
            work.drawn.sweep()
    if not quiet:
        for warning in result.warnings:
            echo(_("警告: {issue}").format(issue=warning))
    for notice in result.notices:
        echo(_("お知らせ: {issue}").format(issue=notice))
    echo(_("{time} {pdf} を作りました（{pages} ページ、警告 {warnings} 件、{seconds:.2f} 秒）{why}").format(
        time=stamp, pdf=display_path(result.output), pages=result.pages, warnings=len(result.warnings),
        seconds=time.perf_counter() - start, why=because))


def _head(edition: Path) -> dict:
    """The edition file's YAML alone, so a broken case file does not stop the watch seeing its fix."""
    try:
        data = load_yaml(Path(edition)).data
    except CasebookError:
        data = None
    return data if isinstance(data, dict) else {}


def images_folder(edition: Path) -> Path:
    written = _head(edition).get("images")
    written = written if isinstance(written, str) else DEFAULT_IMAGES
    return (Path(edition).absolute().parent / written.replace("\\", "/")).resolve()


def roots(edition: Path) -> tuple[Path, ...]:
    """The folders to watch: the edition file's, each case file's and the images folder, outermost only."""
    folder = Path(edition).absolute().parent
    data = _head(edition)
    found = {folder, images_folder(edition)}
    for case in data.get("cases") or []:
        if isinstance(case, str):
            found.add((folder / case.replace("\\", "/")).resolve().parent)
    existing = sorted(p.resolve() for p in found if p.is_dir())
    return tuple(p for p in existing if not any(q != p and q in p.parents for q in existing))


def _filter(images: Path) -> Callable[[watchfiles.Change, str], bool]:
    """YAML files anywhere watched, pictures only in the images folder (not, say, preview PNGs beside
    the edition), never hidden or temporary files (editors' and our own atomic writes)."""

    def relevant(change: watchfiles.Change, path: str) -> bool:
        file = Path(path)
        if file.name.startswith((".", "~")):
            return False
        suffix = file.suffix.lower()
        return suffix in YAML or (suffix in PICTURES and images in file.resolve().parents)

    return relevant
