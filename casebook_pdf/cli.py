"""The command line: the only place that turns CasebookError into messages and exit codes."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from casebook_pdf import __version__
from casebook_pdf.errors import CasebookError, Issue

EXIT_INPUT = 2  # the input (YAML, images, text too long) must be fixed
EXIT_INTERNAL = 1

DEFAULT_EDITION = Path("data/casebook.yaml")


def _warn(warnings: tuple[Issue, ...], quiet: bool) -> None:
    if not quiet:
        for w in warnings:
            click.echo(f"warning: {w}", err=True)


def _fail(exc: BaseException, debug: bool) -> None:
    if debug:
        raise exc
    if isinstance(exc, CasebookError):
        for issue in exc.issues:
            click.echo(f"error: {issue}", err=True)
        n = len(exc.issues)
        click.echo(f"{n} problem{'s' if n > 1 else ''} found; nothing was written.", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"internal error: {type(exc).__name__}: {exc}. Run again with --debug for details.", err=True)
    sys.exit(EXIT_INTERNAL)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casebook-pdf")
def main() -> None:
    """casebook-pdf: YAML の事例データから印刷用の PDF 事例集を作ります。

    Turn YAML case reports into a print-ready Japanese PDF casebook.
    """


def image_options(command):
    """--dpi, --cache-dir and --no-cache, shared by the commands that process images."""
    command = click.option("--no-cache", is_flag=True, help="Process every image and page afresh; do not read or write the cache.")(command)
    command = click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
                           help="Folder for processed images and laid-out pages (default: $CASEBOOK_CACHE or ~/.cache/casebook-pdf). Safe to delete.")(command)
    command = click.option("--dpi", type=click.IntRange(72, 1200), default=300, show_default=True,
                           help="Highest image resolution at printed size; larger photos are downsampled.")(command)
    return command


def _cache(cache_dir: Path | None, no_cache: bool) -> Path | None:
    from casebook_pdf.images import default_cache_dir

    return None if no_cache else (cache_dir or default_cache_dir())


@main.command()
@click.argument("edition", type=click.Path(path_type=Path), default=DEFAULT_EDITION)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("casebook.pdf"), show_default=True,
              help="Where to write the PDF.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings or the summary.")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@image_options
def build(edition: Path, output: Path, quiet: bool, debug: bool, dpi: int, cache_dir: Path | None, no_cache: bool) -> None:
    """Build EDITION (default data/casebook.yaml) into a PDF."""
    from casebook_pdf.build import build as run_build

    start = time.perf_counter()
    try:
        result = run_build(edition, output, _cache(cache_dir, no_cache), dpi)
    except Exception as exc:  # noqa: BLE001 - the CLI is the one place that reports every failure
        _fail(exc, debug)
        return
    _warn(result.warnings, quiet)
    if not quiet:
        seconds = time.perf_counter() - start
        click.echo(f"wrote {output} ({result.pages} pages, {result.size / 1024:.0f} KB) in {seconds:.1f} s")


@main.command()
@click.argument("edition", type=click.Path(path_type=Path), default=DEFAULT_EDITION)
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@image_options
def check(edition: Path, debug: bool, dpi: int, cache_dir: Path | None, no_cache: bool) -> None:
    """Check EDITION (data, images, glyphs, text fitting) without writing a PDF."""
    from casebook_pdf.build import prepare

    try:
        ready = prepare(edition, _cache(cache_dir, no_cache), dpi)
    except Exception as exc:  # noqa: BLE001
        _fail(exc, debug)
        return
    _warn(ready.warnings, False)
    click.echo(f"ok: {len(ready.edition.cases)} cases, {len(ready.layout.pages)} pages")


@main.command()
def preview() -> None:
    """Render pages to PNG for a quick look (not yet available)."""
    click.echo("preview: not yet available.", err=True)
    sys.exit(EXIT_INTERNAL)


@main.command()
def new() -> None:
    """Start a new case file from a template (not yet available)."""
    click.echo("new: not yet available.", err=True)
    sys.exit(EXIT_INTERNAL)
