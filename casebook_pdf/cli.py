"""The command line: the only place that turns CasebookError into messages and exit codes."""

from __future__ import annotations

import atexit
import contextlib
import gc
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import NoReturn
from pathlib import Path

import click

from casebook_pdf import __version__
from casebook_pdf.cli_text import Group, localize_click
from casebook_pdf.command import GC_THRESHOLDS
from casebook_pdf.errors import CasebookError, Issue
from casebook_pdf.messages import LANGUAGES, N_, _, choose_language

# Exit codes (README 「メッセージ・制限・終了コード」): scripts and print-shop checks rely on them.
EXIT_OK = 0
EXIT_WARNINGS = 1  # --strict and there were warnings: nothing was written
EXIT_INPUT = 2  # the input (YAML, images, text too long, -o) must be fixed
EXIT_INTERNAL = 3  # a bug in casebook-pdf: report it with the --debug output
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM: the temporary file is removed, the old PDF kept

DEFAULT_EDITION = Path("data/casebook.yaml")
DEBUG_HELP = N_("エラーのときに Python の詳しい情報（トレースバック）を表示します。")

localize_click()


def _warn(warnings: tuple[Issue, ...], quiet: bool) -> None:
    if not quiet:
        for w in warnings:
            click.echo(_("警告: {issue}").format(issue=w), err=True)


def _notify(notices: tuple[Issue, ...]) -> None:
    """Results the user must know even under -q (the PDF went to another name)."""
    for notice in notices:
        click.echo(_("お知らせ: {issue}").format(issue=notice), err=True)


def _fail(exc: BaseException, debug: bool) -> None:
    from casebook_pdf.errors import StrictWarnings

    if debug:
        raise exc
    if isinstance(exc, StrictWarnings):
        for issue in exc.issues:
            click.echo(_("警告: {issue}").format(issue=issue), err=True)
        click.echo(_("--strict のため、警告 {n} 件で止めました。PDF は書き出していません。").format(n=len(exc.issues)), err=True)
        sys.exit(EXIT_WARNINGS)
    if isinstance(exc, CasebookError):
        for issue in exc.issues:
            click.echo(_("エラー: {issue}").format(issue=issue), err=True)
        click.echo(_("問題が {n} 件見つかりました。何も書き出していません。").format(n=len(exc.issues)), err=True)
        sys.exit(EXIT_INPUT)
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    click.echo(_("内部エラー（プログラムの不具合です）: {detail}。--debug を付けてもう一度実行し、その出力を添えて報告してください。")
               .format(detail=detail), err=True)
    sys.exit(EXIT_INTERNAL)


class Interrupted(BaseException):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that the atomic write removes its temporary file."""


@contextlib.contextmanager
def _interruptible(what: str = "pdf") -> Iterator[None]:
    """Ctrl-C and SIGTERM end the command cleanly: temporary files removed, what was there before kept, exit 130."""
    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, stop) if hasattr(signal, "SIGTERM") else None
    try:
        yield
    except (KeyboardInterrupt, Interrupted):
        if what == "png":
            click.echo(_("中断しました。書きかけの PNG は残していません（書き終えたページの PNG はそのままです）。"), err=True)
        else:
            click.echo(_("中断しました。PDF は書き出していません（前の PDF はそのままです）。"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:  # not given: the language of the command line so far (make_context resets it)
        choose_language(value)
    return value


def lang_option(command):
    """--lang, on the group (casebook-pdf --lang en build) and on each command (build --lang en) alike."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
                        callback=_language, metavar="[ja|en]",
                        help=N_("表示の言語（ja: 日本語、en: 英語）。省略すると CASEBOOK_LANG、なければ環境の言語（LANG が "
                                "en なら英語）、それ以外は日本語です。"))(command)


class _Main(Group):
    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: object) -> click.Context:
        if parent is None:
            choose_language(None)  # each command line starts from the environment's language
        return super().make_context(info_name, args, parent, **extra)  # type: ignore[arg-type]


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("casebook-pdf: YAML の事例データから印刷用の PDF 事例集を作ります。"))
@click.version_option(__version__, prog_name="casebook-pdf", help=N_("バージョンを表示して終わります。"))
@lang_option
def main() -> None:
    pass


def run() -> NoReturn:
    """The `casebook-pdf` command: main(), then leave without Python's teardown of every object.

    A build ends holding tens of thousands of objects (the fonts' tables, the laid-out pages) that the
    interpreter would free one by one on its way out: 45-75 ms of a 3-case build's 0.45 s. Everything
    the command writes is closed by then (the PDF and cache entries are written whole and renamed);
    the exit handlers still run and the standard streams are flushed here, then the process ends (the
    usual exit when a thread is still at work). main() itself returns normally, for callers in the same
    process (tests, an embedding program)."""
    gc.set_threshold(*GC_THRESHOLDS)  # set already when started as the command (command.py); not when called
    try:
        main(prog_name="casebook-pdf")
        code = EXIT_OK
    except SystemExit as exc:
        code = _exit_status(exc.code)
    if any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate()):
        sys.exit(code)  # work still going on a thread: the usual exit waits for it
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (casebook-pdf … | head): nothing more to say
            pass
    os._exit(code)


def _exit_status(code: object) -> int:
    """What Python's own exit makes of SystemExit's code: None is 0, a number itself, a text printed and 1."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def image_options(command):
    """--dpi, --cache-dir and --no-cache, shared by the commands that process images."""
    command = click.option("--no-cache", is_flag=True, help=N_("キャッシュを使わず、すべての画像とページを作り直します（キャッシュを読みも書きもしません。同梱フォントの解析結果だけは残します）。"))(command)
    command = click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
                           help=N_("処理済みの画像と組んだページを置くフォルダ（省略すると $CASEBOOK_CACHE、なければ利用者のキャッシュフォルダ）。消しても大丈夫です。"))(command)
    command = click.option("--dpi", type=click.IntRange(72, 1200), default=300, show_default=True,
                           help=N_("印刷する大きさでの写真の解像度の上限。これより細かい写真は縮めます。"))(command)
    return command


def output_options(command):
    """--print, --icc, --grayscale and --handout: which PDF build writes (check takes --print too)."""
    command = click.option("--handout", type=click.Choice(["2", "3", "4"]), default=None,
                           help=N_("研修用の配布資料: A4 1 枚に 2 ページ（縦）、3 ページ（縦、メモ欄つき）、4 ページ（横）。"))(command)
    command = click.option("--grayscale", is_flag=True, help=N_("白黒コピー用: すべての色と写真をグレーにします（濃淡の差と模様で区別を残します）。"))(command)
    command = click.option("--icc", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
                           help=N_("印刷所の CMYK プロファイル（.icc）: 写真を CMYK に変換し、出力インテントとして埋め込みます（--print 用）。"))(command)
    command = click.option("--print", "press", is_flag=True,
                           help=N_("入稿用: 塗り足し 3 mm、トンボ、TrimBox/BleedBox、CMYK の色。最後に入稿チェックの結果を表示します。"))(command)
    return command


def _edition(path: Path) -> Path:
    """EDITION as given: a file, or a folder standing for its casebook.yaml (else data/casebook.yaml).
    Without EDITION, data/casebook.yaml; inside an edition folder made by `new`, its casebook.yaml."""
    from casebook_pdf.load.early import EDITION_FILE, edition_file

    if path == DEFAULT_EDITION and not path.exists() and Path(EDITION_FILE).is_file():
        return Path(EDITION_FILE)
    return edition_file(path)


def _cache(cache_dir: Path | None, no_cache: bool) -> Path | None:
    from casebook_pdf.cachedir import default_cache_dir

    return None if no_cache else (cache_dir or default_cache_dir())


@main.command(short_help=N_("事例集の PDF を作ります。"),
              help=N_("版 EDITION（casebook.yaml か、それがあるフォルダ。省略すると data/casebook.yaml）から PDF を作ります。"))
@click.argument("edition", type=click.Path(path_type=Path), default=DEFAULT_EDITION)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("casebook.pdf"), show_default=True,
              help=N_("PDF を書き出す場所。"))
@click.option("-q", "--quiet", is_flag=True, help=N_("警告と結果の行を出しません（置き換えられなかった PDF のお知らせは出します）。"))
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@click.option("--watch", is_flag=True, help=N_("保存のたびに作り直します（YAML と画像を見張ります。Ctrl-C で終了）。"))
@click.option("--strict", is_flag=True, help=N_("警告があれば PDF を書き出さず、終了コード 1 で止めます。"))
@output_options
@image_options
@lang_option
def build(edition: Path, output: Path, quiet: bool, debug: bool, dpi: int, cache_dir: Path | None, no_cache: bool,
          watch: bool, strict: bool, press: bool, icc: Path | None, grayscale: bool, handout: str | None) -> None:
    from casebook_pdf.build import build as run_build
    from casebook_pdf.errors import display_path
    from casebook_pdf.workflow.progress import Display, workspace

    edition = _edition(edition)

    kind = _output_kind(press, icc, grayscale, handout)
    if watch:
        if kind.press or kind.grayscale or kind.handout:
            raise click.UsageError(_("--watch は画面用の PDF だけを作り直します。--print、--grayscale、--handout は --watch なしで使ってください。"))
        _watch(edition, output, _cache(cache_dir, no_cache), dpi, quiet)
        return
    start = time.perf_counter()
    cache = _cache(cache_dir, no_cache)
    try:
        with _interruptible():
            result = run_build(edition, output, cache, dpi, workspace(cache, dpi, Display(quiet=quiet)), strict, kind=kind)
    except Exception as exc:  # noqa: BLE001 - the CLI is the one place that reports every failure
        _fail(exc, debug)
        return
    _warn(result.warnings, quiet)
    _notify(result.notices)
    if not quiet:
        seconds = time.perf_counter() - start
        if kind.handout:
            from casebook_pdf.render.impose import sheet_count

            click.echo(_("{pdf} を書き出しました（{pages} ページを A4 {sheets} 枚に、{kb:.0f} KB、{seconds:.1f} 秒）").format(
                pdf=display_path(result.output), pages=result.pages, sheets=sheet_count(result.pages, kind.handout),
                kb=result.size / 1024, seconds=seconds))
        else:
            click.echo(_("{pdf} を書き出しました（{pages} ページ、{kb:.0f} KB、{seconds:.1f} 秒）").format(
                pdf=display_path(result.output), pages=result.pages, kb=result.size / 1024, seconds=seconds))
    if kind.press and result.output is not None:
        _preflight(result.output.read_bytes(), result.pages, quiet)


def _output_kind(press: bool, icc: Path | None, grayscale: bool, handout: str | None):  # type: ignore[no-untyped-def]
    from casebook_pdf.render import Output

    if handout and (press or icc):
        raise click.UsageError(_("--handout（配布資料）と --print（入稿用）は一緒に使えません。別々に作ってください。"))
    profile = _read_icc(icc) if icc else None
    return Output(press=press or icc is not None, grayscale=grayscale, handout=int(handout or 0), icc=profile)


def _read_icc(path: Path) -> bytes:
    from PIL import ImageCms

    data = path.read_bytes()
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        raise click.BadParameter(_("{name} は ICC プロファイルとして読めません。印刷所から受け取った .icc ファイルを指定してください。").format(name=path.name), param_hint="--icc") from None
    if profile.profile.xcolor_space.strip() != "CMYK":
        raise click.BadParameter(_("{name} は CMYK のプロファイルではありません（{space}）。印刷所の CMYK プロファイル（例: Japan Color 2001 Coated）を指定してください。").format(
            name=path.name, space=profile.profile.xcolor_space.strip()), param_hint="--icc")
    return data


def _preflight(pdf: bytes, pages: int, quiet: bool = False) -> int:
    """Print the print shop's check of the PDF (under -q its errors only); returns how many things it found."""
    from casebook_pdf.preflight import preflight, summary

    found = preflight(pdf)
    lines = [str(f) for f in found if f.level == "error"] if quiet else summary(found, pages)
    for line in lines:
        click.echo(line)
    return len(found)


def _watch(edition: Path, output: Path, cache: Path | None, dpi: int, quiet: bool) -> None:
    from casebook_pdf.workflow.progress import Display
    from casebook_pdf.workflow.watch import watch_edition

    sys.exit(watch_edition(edition, output, cache, dpi, quiet, lambda line: click.echo(line), Display(quiet=quiet)))


@main.command(short_help=N_("PDF を作らずに版を確かめます。"),
              help=N_("版 EDITION を確かめます（データ、画像、文字、文章が枠に収まるか）。PDF は書き出しません。"))
@click.argument("edition", type=click.Path(path_type=Path), default=DEFAULT_EDITION)
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@click.option("--strict", is_flag=True, help=N_("警告があれば終了コード 1 で終わります。"))
@click.option("--print", "press", is_flag=True, help=N_("入稿チェックもします（入稿用 PDF をメモリ上で作って調べます。何も書き出しません）。"))
@click.option("--icc", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help=N_("入稿チェックで使う CMYK プロファイル（build --print --icc と同じ）。"))
@image_options
@lang_option
def check(edition: Path, debug: bool, dpi: int, cache_dir: Path | None, no_cache: bool, strict: bool, press: bool,
          icc: Path | None) -> None:
    from casebook_pdf.build import prepare, render_prepared
    from casebook_pdf.workflow.progress import Display, workspace

    kind = _output_kind(press, icc, False, None) if press or icc else None  # a plain check draws no PDF
    cache = _cache(cache_dir, no_cache)
    try:
        ready = prepare(_edition(edition), cache, dpi, workspace(cache, dpi, Display()))
        pdf = render_prepared(ready, kind) if kind else b""
    except Exception as exc:  # noqa: BLE001
        _fail(exc, debug)
        return
    _warn(ready.warnings, False)
    click.echo(_("問題ありません: 事例 {cases} 件、{pages} ページ").format(cases=len(ready.edition.cases), pages=len(ready.layout.pages)))
    _list_cases(ready.edition)
    found = _preflight(pdf, len(ready.layout.pages)) if kind else 0
    if strict and (ready.warnings or found):
        click.echo(_("--strict のため、警告 {n} 件で終了コード 1 にします。").format(n=len(ready.warnings) + found), err=True)
        sys.exit(EXIT_WARNINGS)


def _list_cases(edition) -> None:
    """The cases in page order (the case page number, title and file): what the contents page will list."""
    from casebook_pdf.errors import display_path

    for n, case in enumerate(edition.cases, start=1):
        click.echo(f"  {n:>2}  {case.title}  ({display_path(case.file)})")



# ---- the yearly workflow: new, add, preview (texts in Japanese through messages._) ----------


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from casebook_pdf.workflow.new import check_date

    problem = check_date(value) if value else None
    if problem:
        raise click.BadParameter(problem)
    return value


@main.command(short_help=N_("新しい版を作ります（去年の版から、またはひな形から）。"),
              help=N_("新しい版（フォルダ DEST）を作ります。--from に去年の版を指定すると、それを写して日付を変えます。"
                     "指定しなければ、説明つきのひな形を作ります。"))
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--from", "source", type=click.Path(path_type=Path, exists=True), default=None,
              help=N_("元にする版（casebook.yaml か、それがあるフォルダ）。"))
@click.option("--date", default=None, callback=_date_option, metavar="YYYY-MM",
              help=N_("新しい版の発行年月（省略すると今月）。"))
@click.option("--copy-images", is_flag=True, help=N_("画像フォルダも写します（省略すると前の版の画像をそのまま参照します）。"))
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@lang_option
def new(dest: Path, source: Path | None, date: str | None, copy_images: bool, debug: bool) -> None:
    from casebook_pdf.workflow.new import new_from, new_starter, this_month
    from casebook_pdf.workflow.say import next_steps_after_new

    try:
        made = new_from(source, dest, date or this_month(), copy_images) if source else new_starter(dest, date or this_month())
    except Exception as exc:  # noqa: BLE001
        _fail(exc, debug)
        return
    click.echo(next_steps_after_new(made, date or this_month(), source is not None))


def _title_argument(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not value.strip():
        raise click.BadParameter(_("事例の題名を書いてください（例: \"停電時の公用スマホ活用\"）。"))
    return value.strip()


@main.command(short_help=N_("事例を 1 件追加します。"), help=N_("事例を 1 件追加します。説明つきのひな形から事例ファイルを作り、EDITION の cases の一覧に書き足します。"))
@click.argument("title", callback=_title_argument)
@click.argument("edition", type=click.Path(path_type=Path), default=DEFAULT_EDITION)
@click.option("--file", "name", default=None, help=N_("事例ファイルの名前（省略すると 04-case.yaml のような次の番号）。"))
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@lang_option
def add(title: str, edition: Path, name: str | None, debug: bool) -> None:
    from casebook_pdf.workflow.add import add_case
    from casebook_pdf.workflow.say import next_steps_after_add

    try:
        added = add_case(title, _edition(edition), name)
    except Exception as exc:  # noqa: BLE001
        _fail(exc, debug)
        return
    click.echo(next_steps_after_add(added, _edition(edition)))


@main.command(short_help=N_("ページを PNG 画像にします。"), help=N_("ページを PNG 画像にします（1 ページ 1 ファイル: page-01.png …）。印刷前の確認や資料づくりに。"))
@click.argument("edition", type=click.Path(path_type=Path), default=DEFAULT_EDITION)
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help=N_("画像を書き出すフォルダ。"))
@click.option("--dpi", type=click.IntRange(20, 600), default=100, show_default=True, help=N_("画像の解像度。"))
@click.option("--pages", default=None, metavar="1,3-5", help=N_("書き出すページ（省略するとすべて）。1 が表紙です。"))
@click.option("--colors", type=click.IntRange(2, 256), default=None, metavar="N",
              help=N_("N 色までのパレット PNG にします（ファイルが 3 分の 1 ほどに。資料用）。"))
@click.option("-q", "--quiet", is_flag=True, help=N_("警告と結果の行を出しません。"))
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@click.option("--image-dpi", type=click.IntRange(72, 1200), default=300, show_default=True,
              help=N_("写真の解像度の上限（build の --dpi と同じ）。"))
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None, help=N_("キャッシュのフォルダ（build と同じ）。"))
@click.option("--no-cache", is_flag=True, help=N_("キャッシュを使いません。"))
@lang_option
def preview(edition: Path, out_dir: Path, dpi: int, pages: str | None, colors: int | None, quiet: bool, debug: bool,
            image_dpi: int, cache_dir: Path | None, no_cache: bool) -> None:
    from casebook_pdf.workflow.preview import PageChoiceError, parse_pages
    from casebook_pdf.workflow.preview import preview as run_preview
    from casebook_pdf.workflow.progress import Display, workspace
    from casebook_pdf.workflow.say import previewed

    cache = _cache(cache_dir, no_cache)
    try:
        chosen = parse_pages(pages) if pages else None
    except PageChoiceError as exc:
        raise click.BadParameter(str(exc), param_hint="--pages") from None
    try:
        with _interruptible("png"):
            result, written = run_preview(_edition(edition), out_dir, dpi, chosen, cache, image_dpi,
                                          workspace(cache, image_dpi, Display(quiet=quiet)), colors)
    except PageChoiceError as exc:
        raise click.BadParameter(str(exc), param_hint="--pages") from None
    except Exception as exc:  # noqa: BLE001
        _fail(exc, debug)
        return
    _warn(result.warnings, quiet)
    if not quiet:
        click.echo(previewed(written, out_dir))
