"""What the workflow commands tell the user when they are done: the result and the next step, in Japanese.

Paths are shown as the user would type them from where they stand (errors.display_path).
"""

from __future__ import annotations

from pathlib import Path

from casebook_pdf.errors import display_path
from casebook_pdf.workflow.add import Added
from casebook_pdf.messages import _
from casebook_pdf.workflow.new import Made


def arg(path: Path | str) -> str:
    """A path as a command-line argument: quoted when it holds a space."""
    shown = display_path(path)
    return f'"{shown}"' if " " in shown else shown


def next_steps_after_new(made: Made, date: str, from_old: bool) -> str:
    edition, pdf = arg(made.edition), arg(Path(made.edition).parent.name + ".pdf")
    lines = [_("新しい版を作りました: {edition}（事例 {n} 件、日付 {date}）").format(edition=display_path(made.edition), n=made.cases, date=date)]
    if from_old and made.images is not None:
        if made.copied_images:
            lines.append(_("画像は新しい版のフォルダ images に写しました。"))
        else:
            lines.append(_("画像は前の版のフォルダ {images} をそのまま使います（写すときは --copy-images）。").format(images=display_path(made.images)))
    lines += [
        "",
        _("次にすること:"),
        _("  1. {edition} を開き、題名・発行者・日付を確かめる（「#」の行は説明です）").format(edition=display_path(made.edition)),
        _("  2. 事例を足す:            casebook-pdf add \"事例の題名\" {edition}").format(edition=edition),
        _("     要らない事例は、{edition} の cases の一覧からその行を消します").format(edition=display_path(made.edition)),
        _("  3. 直しながら PDF を見る: casebook-pdf build {edition} -o {pdf} --watch").format(edition=edition, pdf=pdf),
        _("  4. ページを画像で確かめる: casebook-pdf preview {edition} -o preview").format(edition=edition),
        _("  詳しくは README.md の「毎年の作り方」をご覧ください。"),
    ]
    return "\n".join(lines)


def next_steps_after_add(added: Added, edition: Path) -> str:
    return "\n".join([
        _("事例を追加しました: {file}（{n} 件目）").format(file=display_path(added.file), n=added.position),
        _("次にすること: {file} を開き、見本の文章を書き換えてください（「#」の行は説明です）。").format(file=display_path(added.file)),
        _("確かめる: casebook-pdf check {edition}").format(edition=arg(edition)),
    ])


def previewed(written: list[Path], out_dir: Path) -> str:
    return _("{n} ページを画像にしました: {folder}（{first} …）").format(n=len(written), folder=display_path(out_dir),
                                                             first=written[0].name if written else "")
