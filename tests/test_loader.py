"""load/edition.py and load/blocks.py: an edition folder -> model.Edition, or every problem at once."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PIL import Image

from casebook_pdf.errors import DataError, Issue
from casebook_pdf.load.edition import load_edition
from casebook_pdf.model import (
    Case,
    ComparisonBlock,
    ContrastBlock,
    ExamplesBlock,
    FlowBlock,
    Item,
    ItemsBlock,
    ListBlock,
    NoteBlock,
    ScheduleBlock,
    Tool,
    ToolGroup,
)

EDITION = """\
title:
  - 公用スマートフォン活用
  - テレワーク実践事例集
issuer: 北海道
date: 2023-05
tools:
  - {id: domeet, label: DoMEET}
  - {id: phone, label: 公用スマホ}
  - group: その他
    tools:
      - {id: mail, label: Mail}
cases:
  - cases/01.yaml
"""

# 9 lines: anything appended starts on line 10.
CASE = """\
category: 訓練配信
title: 訓練実施場所からの中継等
department: 原子力安全対策課
overview: DoMEET等を活用し、訓練を中継した。
effects: 場所にとらわれず参加できた。
before:
  - 会場に集まっていた。
after:
  - 中継で参加できる。
"""


def write_png(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 3), "white").save(path)


def make_edition(
    tmp_path: Path,
    edition: str = EDITION,
    cases: dict[str, str] | None = None,
    images: tuple[str, ...] = ("a.png", "training/live.png"),
) -> Path:
    """data/casebook.yaml, data/cases/*.yaml and images/* under tmp_path; returns the edition file."""
    data = tmp_path / "data"
    (data / "cases").mkdir(parents=True)
    (data / "casebook.yaml").write_text(edition, encoding="utf-8")
    for name, text in (cases if cases is not None else {"01.yaml": CASE}).items():
        (data / "cases" / name).write_text(text, encoding="utf-8")
    (tmp_path / "images").mkdir()
    for name in images:
        write_png(tmp_path / "images" / name)
    return data / "casebook.yaml"


def case_file(tmp_path: Path, name: str = "01.yaml") -> Path:
    return (tmp_path / "data" / "cases" / name).resolve()


def edition_file(tmp_path: Path) -> Path:
    return (tmp_path / "data" / "casebook.yaml").resolve()


def issues_of(path: Path) -> list[Issue]:
    with pytest.raises(DataError) as info:
        load_edition(path)
    return info.value.issues


def one_issue(path: Path) -> Issue:
    issues = issues_of(path)
    assert len(issues) == 1, "\n".join(str(i) for i in issues)
    return issues[0]


def load_case(tmp_path: Path, text: str) -> Case:
    return load_edition(make_edition(tmp_path, cases={"01.yaml": text})).cases[0]


def case_issue(tmp_path: Path, text: str) -> Issue:
    issue = one_issue(make_edition(tmp_path, cases={"01.yaml": text}))
    assert issue.file == case_file(tmp_path)
    return issue


def at(issue: Issue) -> tuple[int | None, str | None]:
    return issue.line, issue.path


# ---- a good edition ---------------------------------------------------------------------------------


def test_minimal_edition(tmp_path: Path) -> None:
    edition = load_edition(make_edition(tmp_path))
    assert edition.file == edition_file(tmp_path)
    assert edition.title == ("公用スマートフォン活用", "テレワーク実践事例集")
    assert edition.issuer == "北海道"
    assert (edition.date, edition.date_precision) == (dt.date(2023, 5, 1), "month")
    assert edition.images_dir == (tmp_path / "images").resolve()
    assert edition.tools == (
        Tool("domeet", "DoMEET"),
        Tool("phone", "公用スマホ"),
        ToolGroup("その他", (Tool("mail", "Mail"),)),
    )
    assert [t.id for t in edition.all_tools] == ["domeet", "phone", "mail"]
    (case,) = edition.cases
    assert case.file == case_file(tmp_path)
    assert (case.category, case.title, case.department) == ("訓練配信", "訓練実施場所からの中継等", "原子力安全対策課")
    assert case.effects == "場所にとらわれず参加できた。"
    assert case.after == (Item("中継で参加できる。", case.where("after[0]")),)
    assert case.after[0].where.line == 9
    assert case.where("after[0]").path == "after[0]"
    assert case.where("after[5]").line == 8  # falls back to the parent
    assert (case.headline, case.tools, case.notes, case.photos, case.blocks, case.badge) == (None, (), (), (), (), None)


def test_optional_edition_keys(tmp_path: Path) -> None:
    text = EDITION.replace(
        "date: 2023-05\n", "date: 2019-05-01\nsubtitle: （番外編）\ndate_suffix: 更新\nimages: ../pictures\n"
    )
    path = make_edition(tmp_path, text)
    (tmp_path / "pictures").mkdir()
    edition = load_edition(path)
    assert (edition.date, edition.date_precision) == (dt.date(2019, 5, 1), "day")
    assert (edition.subtitle, edition.date_suffix) == ("（番外編）", "更新")
    assert edition.images_dir == (tmp_path / "pictures").resolve()


def test_title_as_single_text(tmp_path: Path) -> None:
    text = EDITION.replace("title:\n  - 公用スマートフォン活用\n  - テレワーク実践事例集\n", "title: 事例集\n")
    assert load_edition(make_edition(tmp_path, text)).title == ("事例集",)


def test_no_tools_needed(tmp_path: Path) -> None:
    text = "title: 事例集\nissuer: 北海道\ndate: 2023-05\ncases: [cases/01.yaml]\n"
    assert load_edition(make_edition(tmp_path, text)).tools == ()


def test_case_with_every_key(tmp_path: Path) -> None:
    text = (
        CASE
        + """\
headline: DoMEETを活用して、訓練の状況をLIVE中継
tools: [domeet, mail]
notes:
  - 風の音が入る。
  - text: 上司・同僚の理解・協力が必要！
    items: [職員全員が計画的に, 声をかけ合う]
photos:
  - image: training/live.png
    caption: 知事
    fit: contain
  - {image: a.png, caption: 会場}
badge: WLBも充実
"""
    )
    case = load_case(tmp_path, text)
    assert case.headline == "DoMEETを活用して、訓練の状況をLIVE中継"
    assert case.tools == ("domeet", "mail")
    heading = case.notes[1]
    assert heading.is_heading and heading.text == "上司・同僚の理解・協力が必要！"
    assert [i.text for i in heading.items] == ["職員全員が計画的に", "声をかけ合う"]
    assert heading.items[1].where.path == "notes[1].items[1]"
    assert heading.items[1].where.line == 15
    first, second = case.photos
    assert first.image == (tmp_path / "images" / "training" / "live.png").resolve()
    assert first.image.is_absolute()
    assert (first.caption, first.fit, first.where.path, first.where.line) == ("知事", "contain", "photos[0]", 17)
    assert second.fit == "cover"
    assert case.badge == "WLBも充実"
    assert case.lines["badge"] == 21


def test_heading_without_sub_items(tmp_path: Path) -> None:
    case = load_case(tmp_path, CASE.replace("  - 中継で参加できる。\n", "  - text: 柔軟な働き方を！\n  - 普通の項目\n"))
    heading, plain = case.after  # type: ignore[misc]
    assert (heading.text, heading.items, heading.is_heading) == ("柔軟な働き方を！", (), True)
    assert plain.is_heading is False


def test_sections_as_text_or_items(tmp_path: Path) -> None:
    text = CASE.replace("effects: 場所にとらわれず参加できた。\n", "effects:\n  - 一つ目\n  - 二つ目\n")
    text = text.replace("before:\n  - 会場に集まっていた。\n", "before: 会場に集まっていた。\n")
    case = load_case(tmp_path, text)
    assert [i.text for i in case.effects] == ["一つ目", "二つ目"]  # type: ignore[union-attr]
    assert case.before == "会場に集まっていた。"


def test_whitespace_stripped_inner_text_kept(tmp_path: Path) -> None:
    text = CASE.replace(
        "overview: DoMEET等を活用し、訓練を中継した。\n", "overview: |\n  一段落目。\n\n  二段落目は**太字**。\n"
    )
    text = text.replace("title: 訓練実施場所からの中継等", "title: '  前後の空白  '")
    case = load_case(tmp_path, text)
    assert case.overview == "一段落目。\n\n二段落目は**太字**。"
    assert case.title == "前後の空白"


def test_numbers_in_text_kept_as_written(tmp_path: Path) -> None:
    case = load_case(tmp_path, CASE + "badge: 0123\nheadline: 2023-05-01\n")
    assert (case.badge, case.headline) == ("0123", "2023-05-01")


# ---- edition errors -------------------------------------------------------------------------------


def test_edition_typo_key(tmp_path: Path) -> None:
    issues = issues_of(make_edition(tmp_path, EDITION.replace("issuer:", "isuer:")))
    assert {i.file for i in issues} == {edition_file(tmp_path)}
    assert [(i.line, i.path, i.message) for i in issues] == [
        (4, "isuer", "「isuer」というキーはありません。"),
        (None, "issuer", "「issuer」がありません。"),
    ]
    assert issues[0].hint == "「issuer」の書き間違いではありませんか。"


@pytest.mark.parametrize(
    ("date", "words"),
    [
        ("1989-01-07", "は平成（1989-01-08〜）より前"),
        ("'1989-01'", "は平成（1989-01-08〜）より前"),
        ("2023-02-30", "という日はありません"),
        ("2023-13", "という日はありません"),
        ("2023", "日付を書く場所ですが、2023 が"),
        ("May 2023", "「May 2023」は日付として読めません"),
        ("2023-05-01 10:00:00", "時刻が入っています"),
        ("", "日付が空です"),
    ],
)
def test_bad_dates(tmp_path: Path, date: str, words: str) -> None:
    issue = one_issue(make_edition(tmp_path, EDITION.replace("date: 2023-05", f"date: {date}")))
    assert at(issue) == (5, "date")
    assert words in issue.message


@pytest.mark.parametrize(
    ("date", "expected", "precision"),
    [
        ("2019-05", dt.date(2019, 5, 1), "month"),
        ("2019-04", dt.date(2019, 4, 1), "month"),
        ("'2023-05-01'", dt.date(2023, 5, 1), "day"),
        ("2023/5", dt.date(2023, 5, 1), "month"),
        ("２０２３-０５", dt.date(2023, 5, 1), "month"),
        ("1989-01-08", dt.date(1989, 1, 8), "day"),
    ],
)
def test_good_dates(tmp_path: Path, date: str, expected: dt.date, precision: str) -> None:
    edition = load_edition(make_edition(tmp_path, EDITION.replace("date: 2023-05", f"date: {date}")))
    assert (edition.date, edition.date_precision) == (expected, precision)


def test_title_lines(tmp_path: Path) -> None:
    text = EDITION.replace("  - テレワーク実践事例集\n", "  - テレワーク実践事例集\n  - 三\n  - 四\n  - ''\n")
    issues = issues_of(make_edition(tmp_path, text))
    assert [(i.line, i.path) for i in issues] == [(1, "title"), (6, "title[4]")]
    assert "3 行まで" in issues[0].message


def test_missing_images_folder_named(tmp_path: Path) -> None:
    issue = one_issue(make_edition(tmp_path, EDITION + "images: ../photos\n"))
    assert at(issue) == (14, "images")
    assert issue.message == "画像フォルダ ../photos が見つかりません。"


def test_empty_images_setting(tmp_path: Path) -> None:
    issue = one_issue(make_edition(tmp_path, EDITION + "images: ''\n"))
    assert (at(issue), issue.message) == ((14, "images"), "文が空です。")


def test_tool_errors(tmp_path: Path) -> None:
    text = EDITION.replace("{id: phone, label: 公用スマホ}", "{id: DoMEET, label: 公用スマホ}")
    text = text.replace("{id: mail, label: Mail}", "{id: domeet, lable: Mail}")
    issues = issues_of(make_edition(tmp_path, text))
    assert [(i.line, i.path) for i in issues] == [
        (8, "tools[1].id"),
        (11, "tools[2].tools[0].lable"),
        (11, "tools[2].tools[0].label"),
        (11, "tools[2].tools[0].id"),
    ]
    assert "半角の小文字" in issues[0].message
    assert issues[1].hint == "「label」の書き間違いではありませんか。"
    assert "2 回使われています（1 回目は tools[0].id）" in issues[3].message


def test_empty_tool_group(tmp_path: Path) -> None:
    text = EDITION.replace("    tools:\n      - {id: mail, label: Mail}\n", "    tools: []\n")
    assert at(one_issue(make_edition(tmp_path, text))) == (10, "tools[2].tools")


def test_case_list_errors(tmp_path: Path) -> None:
    text = EDITION + "  - cases/02.yaml\n  - cases/01.yaml\n  - ./cases/../cases/02.yaml\n"
    issues = issues_of(make_edition(tmp_path, text, cases={"01.yaml": CASE}))
    assert [(i.line, i.path) for i in issues] == [(14, "cases[1]"), (15, "cases[2]"), (16, "cases[3]")]
    assert issues[0].message == "事例ファイル cases/02.yaml: ファイルが見つかりません。"
    assert "2 回書かれています（1 回目は cases[0]）" in issues[1].message
    assert "2 回書かれています（1 回目は cases[1]）" in issues[2].message


def test_cases_must_be_a_non_empty_list(tmp_path: Path) -> None:
    issue = one_issue(make_edition(tmp_path, EDITION.replace("  - cases/01.yaml\n", "")))
    assert at(issue) == (12, "cases")
    issue = one_issue(
        make_edition(
            tmp_path / "b", EDITION.replace("  - cases/01.yaml\n", "").replace("cases:", "cases: cases/01.yaml")
        )
    )
    assert issue.message == "ここはリストを書く場所ですが、文が書かれています。"


def test_empty_edition_file(tmp_path: Path) -> None:
    issue = one_issue(make_edition(tmp_path, ""))
    assert (issue.file, issue.message) == (edition_file(tmp_path), "ファイルが空です。")


def test_broken_edition_yaml(tmp_path: Path) -> None:
    issue = one_issue(make_edition(tmp_path, EDITION.replace("issuer: 北海道", "issuer: 北海道: 総務部")))
    assert (issue.file, issue.line) == (edition_file(tmp_path), 4)


def test_missing_edition_file(tmp_path: Path) -> None:
    issue = one_issue(tmp_path / "casebook.yaml")
    assert issue.file == (tmp_path / "casebook.yaml").resolve()
    assert "見つかりません" in issue.message


# ---- case errors ----------------------------------------------------------------------------------


def test_typo_key_suggests(tmp_path: Path) -> None:
    text = CASE.replace("overview:", "overveiw:")
    issues = issues_of(make_edition(tmp_path, cases={"01.yaml": text}))
    assert [(i.file, i.line, i.path) for i in issues] == [
        (case_file(tmp_path), 4, "overveiw"),
        (case_file(tmp_path), None, "overview"),
    ]
    assert str(issues[0]).endswith("overveiw: 「overveiw」というキーはありません。 「overview」の書き間違いではありませんか。")


def test_japanese_key_suggests_english(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE + "気づき:\n  - x\n")
    assert issue.hint == "「notes」の書き間違いではありませんか。"


def test_required_keys_missing(tmp_path: Path) -> None:
    issues = issues_of(make_edition(tmp_path, cases={"01.yaml": "category: 訓練配信\ntitle: x\n"}))
    assert [i.path for i in issues] == ["department", "overview", "effects", "before", "after"]
    assert issues[0].message == "「department」がありません。"


def test_wrong_types(tmp_path: Path) -> None:
    text = CASE.replace("category: 訓練配信", "category: [a, b]").replace(
        "overview: DoMEET等を活用し、訓練を中継した。", "overview:\n  - x"
    )
    issues = issues_of(make_edition(tmp_path, cases={"01.yaml": text + "notes: ひとこと\nphotos: {image: a.png}\n"}))
    assert [(i.line, i.path, i.message) for i in issues] == [
        (1, "category", "ここは文を書く場所ですが、リストが書かれています。"),
        (4, "overview", "概要は文で書く場所ですが、リストが書かれています。"),
        (11, "notes", "ここはリストを書く場所ですが、文が書かれています。"),
        (12, "photos", "ここはリストを書く場所ですが、「キー: 値」の行が書かれています。"),
    ]


def test_empty_required_text(tmp_path: Path) -> None:
    issues = issues_of(
        make_edition(
            tmp_path,
            cases={
                "01.yaml": CASE.replace("title: 訓練実施場所からの中継等", "title: '  '").replace(
                    "department: 原子力安全対策課", "department:"
                )
            },
        )
    )
    assert [(i.line, i.path, i.message) for i in issues] == [
        (2, "title", "文が空です。"),
        (3, "department", "文が空です。"),
    ]


def test_empty_list_item(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE + "notes:\n  - a\n  -\n")
    assert at(issue) == (12, "notes[1]")


def test_section_with_nothing_written(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE.replace("effects: 場所にとらわれず参加できた。", "effects:"))
    assert (at(issue), issue.message) == ((5, "effects"), "何も書かれていません。")


def test_empty_mapping_entry(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE + "notes:\n  - text: a\n    items: [{}]\n")
    assert (at(issue), issue.message) == ((12, "notes[0].items[0]"), "項目が空です。")


def test_text_with_colon_read_as_mapping(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE + "notes:\n  - 効果: 時間短縮\n")
    assert at(issue) == (11, "notes[0]")
    assert issue.hint == '文全体を引用符で囲んでください: - "効果: 時間短縮"'


def test_only_one_level_of_headings(tmp_path: Path) -> None:
    text = CASE.replace(
        "  - 中継で参加できる。\n", "  - text: 見出し\n    items:\n      - text: 小見出し\n        items: [x]\n"
    )
    issue = case_issue(tmp_path, text)
    assert at(issue) == (11, "after[0].items[0]")
    assert "1 段だけ" in (issue.hint or "")


def test_unknown_key_in_item(tmp_path: Path) -> None:
    text = CASE.replace("  - 中継で参加できる。\n", "  - text: 見出し\n    itmes: [x]\n")
    issue = case_issue(tmp_path, text)
    assert at(issue) == (10, "after[0].itmes")
    assert issue.hint == "「items」の書き間違いではありませんか。"


def test_unknown_case_tool(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE + "tools: [domeet, domet]\n")
    assert at(issue) == (10, "tools[1]")
    assert (issue.message, issue.hint) == ("「domet」というツールは casebook.yaml にありません。", "「domeet」の書き間違いではありませんか。")


def test_case_tools_without_edition_tools(tmp_path: Path) -> None:
    text = "title: 事例集\nissuer: 北海道\ndate: 2023-05\ncases: [cases/01.yaml]\n"
    issue = one_issue(make_edition(tmp_path, text, cases={"01.yaml": CASE + "tools: [domeet]\n"}))
    assert (issue.file, issue.line, issue.path) == (case_file(tmp_path), 10, "tools")
    assert "tools の一覧がありません" in issue.message


def test_badge_length(tmp_path: Path) -> None:
    assert load_case(tmp_path, CASE + "badge: 一二三四五六七八九十一二\n").badge == "一二三四五六七八九十一二"
    issue = case_issue(tmp_path / "b", CASE + "badge: 一二三四五六七八九十一二三\n")
    assert at(issue) == (10, "badge")
    assert "13 文字" in issue.message


# ---- photos and images ------------------------------------------------------------------------------


def photo_case(image: str, extra: str = "") -> str:
    return CASE + f"photos:\n  - image: {image}\n    caption: 写真\n{extra}"


def test_image_not_found(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, photo_case("x.png"))
    assert at(issue) == (11, "photos[0].image")
    assert issue.message == "画像 images/x.png: ファイルが見つかりません。"
    assert issue.hint is not None and issue.hint.startswith("ファイルを画像フォルダ（")
    assert str((tmp_path / "images").resolve()) in issue.hint or "images" in issue.hint


def test_image_case_mismatch_suggests(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, photo_case("training/Live.PNG"))
    assert (issue.hint or "").endswith("「training/live.png」の書き間違いではありませんか。")


def test_image_parent_folder_rejected(tmp_path: Path) -> None:
    path = make_edition(tmp_path, cases={"01.yaml": photo_case("../x.png")})
    write_png(tmp_path / "x.png")  # exists, but outside the images folder
    issue = one_issue(path)
    assert at(issue) == (11, "photos[0].image")
    assert issue.message == "画像 ../x.png が画像フォルダの外にあります。"


def test_image_absolute_rejected(tmp_path: Path) -> None:
    path = make_edition(tmp_path, cases={"01.yaml": photo_case(str((tmp_path / "images" / "a.png").resolve()))})
    issue = one_issue(path)
    assert at(issue) == (11, "photos[0].image")
    assert "フルパスは使えません" in issue.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_image_symlink_out_of_folder_rejected(tmp_path: Path) -> None:
    path = make_edition(tmp_path, cases={"01.yaml": photo_case("link.png")})
    write_png(tmp_path / "secret.png")
    (tmp_path / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    issue = one_issue(path)
    assert at(issue) == (11, "photos[0].image")
    assert "画像フォルダの外" in issue.message


def test_image_symlink_inside_folder_allowed(tmp_path: Path) -> None:
    path = make_edition(tmp_path, cases={"01.yaml": photo_case("alias.png")})
    (tmp_path / "images" / "alias.png").symlink_to(tmp_path / "images" / "a.png")
    assert load_edition(path).cases[0].photos[0].image == (tmp_path / "images" / "a.png").resolve()


def test_image_folder_is_not_an_image(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, photo_case("training"))
    assert "フォルダ" in issue.message


def test_photo_fit_and_count(tmp_path: Path) -> None:
    photos = "".join(f"  - {{image: a.png, caption: '{n}'}}\n" for n in range(5))
    issues = issues_of(make_edition(tmp_path, cases={"01.yaml": CASE + "photos:\n" + photos + "badge: x\n"}))
    assert [(i.line, i.path) for i in issues] == [(15, "photos[4]")]
    assert "4 個まで" in issues[0].message
    issue = case_issue(tmp_path / "b", photo_case("a.png", "    fit: contian\n"))
    assert (at(issue), issue.hint) == ((13, "photos[0].fit"), "「contain」の書き間違いではありませんか。")


def test_photo_missing_caption_and_unknown_key(tmp_path: Path) -> None:
    issues = issues_of(
        make_edition(tmp_path, cases={"01.yaml": CASE + "photos:\n  - image: a.png\n    captoin: 写真\n"})
    )
    assert [(i.line, i.path) for i in issues] == [(11, "photos[0].caption"), (12, "photos[0].captoin")]
    assert issues[1].hint == "「caption」の書き間違いではありませんか。"


def test_default_images_folder_may_be_absent_without_images(tmp_path: Path) -> None:
    path = make_edition(tmp_path, images=())
    (tmp_path / "images").rmdir()
    assert load_edition(path).images_dir == (tmp_path / "images").resolve()


# ---- everything at once -----------------------------------------------------------------------------


def test_all_problems_reported_together(tmp_path: Path) -> None:
    edition = EDITION.replace("issuer: 北海道", "issuer:") + "  - cases/02.yaml\n  - cases/03.yaml\n  - cases/04.yaml\n"
    cases = {
        "01.yaml": CASE.replace("overview:", "overveiw:"),
        "02.yaml": CASE + "tools: [zoom]\n",
        "03.yaml": "title: a: b\n",  # YAML syntax error: this file stops, the others go on
        "04.yaml": CASE + "badge: a\nbadge: b\n",  # duplicate key
    }
    issues = issues_of(make_edition(tmp_path, edition, cases))
    found = [(i.file.name if i.file else None, i.line, i.path) for i in issues]
    assert found == [
        ("casebook.yaml", 4, "issuer"),
        ("01.yaml", 4, "overveiw"),
        ("01.yaml", None, "overview"),
        ("02.yaml", 10, "tools[0]"),
        ("03.yaml", 1, None),
        ("04.yaml", 11, "badge"),
    ]
    with pytest.raises(DataError) as info:
        load_edition(make_edition(tmp_path / "again", edition, cases))
    assert len(str(info.value).splitlines()) == 6  # one line per problem


def test_unsafe_tag_in_case(tmp_path: Path) -> None:
    issue = case_issue(tmp_path, CASE + "badge: !!python/object/apply:os.system ['echo hacked']\n")
    assert at(issue) == (10, "badge")
    assert "使えません" in issue.message


def test_unquoted_time_in_text(tmp_path: Path) -> None:
    assert load_case(tmp_path, CASE + "badge: 8:45\n").badge == "8:45"


# ---- blocks ------------------------------------------------------------------------------------------


def with_blocks(blocks: str) -> str:
    """The base case plus a `blocks:` list; the first block line is line 11."""
    return CASE + "blocks:\n" + blocks


def load_blocks(tmp_path: Path, blocks: str) -> tuple:
    return load_case(tmp_path, with_blocks(blocks)).blocks


def block_issues(tmp_path: Path, blocks: str) -> list[tuple[int | None, str | None]]:
    issues = issues_of(make_edition(tmp_path, cases={"01.yaml": with_blocks(blocks)}))
    assert {i.file for i in issues} == {case_file(tmp_path)}
    return [at(i) for i in issues]


def test_items_block(tmp_path: Path) -> None:
    (block,) = load_blocks(
        tmp_path,
        """\
  - type: items
    title: 準備したもの
    groups:
      - {label: 訓練場所, items: [モバイルPC, 公用スマホ, webカメラ]}
      - {label: 本庁, items: 職場PC}
""",
    )
    assert isinstance(block, ItemsBlock)
    assert block.title == "準備したもの"
    assert [(g.label, g.items) for g in block.groups] == [
        ("訓練場所", ("モバイルPC", "公用スマホ", "webカメラ")),
        ("本庁", ("職場PC",)),
    ]
    assert (block.where.path, block.where.line) == ("blocks[0]", 11)


def test_list_block(tmp_path: Path) -> None:
    (block,) = load_blocks(
        tmp_path, "  - type: list\n    title: 紋別出張所での停電発生事例\n    items: [a, {text: b, items: [c]}]\n"
    )
    assert isinstance(block, ListBlock)
    assert [i.text for i in block.items] == ["a", "b"]
    assert block.items[1].items[0].where.path == "blocks[0].items[1].items[0]"


def test_comparison_block(tmp_path: Path) -> None:
    (block,) = load_blocks(
        tmp_path,
        """\
  - type: comparison
    columns:
      - {label: 使用可能, tone: good, items: [公用スマホ]}
      - {label: 使用不能, items: [職場PC, 固定電話]}
""",
    )
    assert isinstance(block, ComparisonBlock)
    assert [(c.label, c.tone, len(c.items)) for c in block.columns] == [
        ("使用可能", "good", 1),
        ("使用不能", "neutral", 2),
    ]
    where = block.columns[1].items[1].where
    assert (where.file, where.line, where.path) == (case_file(tmp_path), 14, "blocks[0].columns[1].items[1]")


def test_comparison_bad_tone(tmp_path: Path) -> None:
    text = "  - type: comparison\n    columns:\n      - {label: a, tone: godo, items: [x]}\n"
    issue = case_issue(tmp_path, with_blocks(text))
    assert (at(issue), issue.hint) == ((13, "blocks[0].columns[0].tone"), "「good」の書き間違いではありませんか。")


def test_flow_block(tmp_path: Path) -> None:
    (block,) = load_blocks(
        tmp_path,
        """\
  - type: flow
    steps: [非常用電源, パソコン, 公用スマホ, インターネット, [防災対応システム, メール]]
    via: {3: 常時, 1: テザリング}
    caption: 停電時
""",
    )
    assert isinstance(block, FlowBlock)
    assert block.steps == (
        ("非常用電源",),
        ("パソコン",),
        ("公用スマホ",),
        ("インターネット",),
        ("防災対応システム", "メール"),
    )
    assert block.via == ((1, "テザリング"), (3, "常時"))
    assert block.caption == "停電時"


def test_flow_errors(tmp_path: Path) -> None:
    found = block_issues(
        tmp_path,
        """\
  - type: flow
    steps: [a]
  - type: flow
    steps: [a, b, c]
    via: {2: x, first: y, 0: ''}
    captoin: z
""",
    )
    assert found == [
        (12, "blocks[0].steps"),
        (15, "blocks[1].via.2"),
        (15, "blocks[1].via.first"),
        (15, "blocks[1].via.0"),
        (16, "blocks[1].captoin"),
    ]


def test_contrast_block(tmp_path: Path) -> None:
    (block,) = load_blocks(
        tmp_path,
        """\
  - type: contrast
    before: {caption: 紙で回覧}
    after: {caption: 電子で共有, image: a.png}
""",
    )
    assert isinstance(block, ContrastBlock)
    assert (block.before.caption, block.before.image) == ("紙で回覧", None)
    assert block.after.image == (tmp_path / "images" / "a.png").resolve()


def test_contrast_image_checked(tmp_path: Path) -> None:
    found = block_issues(
        tmp_path, "  - type: contrast\n    before: {caption: a, image: ../a.png}\n    after: {image: a.png}\n"
    )
    assert found == [(12, "blocks[0].before.image"), (13, "blocks[0].after.caption")]


def test_examples_block(tmp_path: Path) -> None:
    (block,) = load_blocks(
        tmp_path,
        """\
  - type: examples
    rows:
      - {case: 子の発熱, plan: [在宅勤務, 午後休暇]}
      - case: 通院
        plan: 時間休
""",
    )
    assert isinstance(block, ExamplesBlock)
    assert [(r.case, r.plan) for r in block.rows] == [("子の発熱", ("在宅勤務", "午後休暇")), ("通院", ("時間休",))]


def test_note_block(tmp_path: Path) -> None:
    (block,) = load_blocks(tmp_path, "  - type: note\n    text: ※ 個人情報に注意\n")
    assert isinstance(block, NoteBlock)
    assert block.text == "※ 個人情報に注意"


def test_block_type_errors(tmp_path: Path) -> None:
    text = "  - type: flw\n    steps: [a, b]\n  - title: no type\n  - just text\n"
    issues = issues_of(make_edition(tmp_path, cases={"01.yaml": with_blocks(text)}))
    assert [at(i) for i in issues] == [(11, "blocks[0].type"), (13, "blocks[1].type"), (14, "blocks[2]")]
    assert (issues[0].message, issues[0].hint) == ("「flw」という種類のブロックはありません。", "「flow」の書き間違いではありませんか。")


def test_block_unknown_key_for_its_type(tmp_path: Path) -> None:
    issues = issues_of(
        make_edition(
            tmp_path,
            cases={"01.yaml": with_blocks("  - type: comparison\n    colums: []\n  - type: list\n    groups: []\n")},
        )
    )
    assert [at(i) for i in issues] == [
        (11, "blocks[0].columns"),
        (12, "blocks[0].colums"),
        (13, "blocks[1].items"),
        (14, "blocks[1].groups"),
    ]
    assert issues[1].message == "「colums」というキーはありません（comparison ブロックの中）。"
    assert issues[1].hint == "「columns」の書き間違いではありませんか。"
    assert (issues[3].hint or "").startswith("「groups」は「items」ブロックで使うキーです。")


# ---- schedule ----


SCHEDULE = """\
  - type: schedule
    title: １日のスケジュール例
    segments:
      - {from: 8:45, to: 12:00, label: 在宅勤務, kind: home}
      - {from: 13:00, to: 17:30, label: "出勤\\n(庁舎)", kind: office}
      - {from: 12:00, to: 13:00, label: 休憩, kind: break}
    events:
      - {at: 8:45, label: 始業}
      - {at: 17:30, label: 終業}
    note: 例です
"""


def test_schedule_block(tmp_path: Path) -> None:
    (block,) = load_blocks(tmp_path, SCHEDULE)
    assert isinstance(block, ScheduleBlock)
    # minutes since 0:00, in the order given
    assert [(s.start, s.end, s.kind) for s in block.segments] == [
        (525, 720, "home"),
        (780, 1050, "office"),
        (720, 780, "break"),
    ]
    assert block.segments[1].label == "出勤\n(庁舎)"
    assert [(e.at, e.label) for e in block.events] == [(525, "始業"), (1050, "終業")]
    assert (block.note, block.title) == ("例です", "1日のスケジュール例")  # digits: half by default


def test_schedule_whole_day_and_gaps(tmp_path: Path) -> None:
    text = (
        "  - type: schedule\n    segments:\n"
        "      - {from: 0:00, to: 8:00, label: a, kind: leave}\n"
        "      - {from: 09:00, to: 24:00, label: b, kind: home}\n"
    )
    (block,) = load_blocks(tmp_path, text)
    assert [(s.start, s.end) for s in block.segments] == [(0, 480), (540, 1440)]


@pytest.mark.parametrize("time", ["25:00", "8:60", "8:75", "24:30", "8.45", "845", "8:5", "8時45分", "'8:45:00'"])
def test_impossible_times(tmp_path: Path, time: str) -> None:
    segment = f"      - from: 8:00\n        to: {time}\n        label: a\n        kind: home\n"
    text = "  - type: schedule\n    segments:\n" + segment
    issue = case_issue(tmp_path, with_blocks(text))
    assert at(issue) == (14, "blocks[0].segments[0].to")
    assert "時刻として読めません" in issue.message or "という時刻はありません" in issue.message
    assert "時:分" in (issue.hint or "")


def test_segment_must_end_after_start(tmp_path: Path) -> None:
    text = "  - type: schedule\n    segments:\n      - {from: 9:00, to: 9:00, label: a, kind: home}\n"
    issue = case_issue(tmp_path, with_blocks(text))
    assert at(issue) == (13, "blocks[0].segments[0].to")


def test_overlapping_segments(tmp_path: Path) -> None:
    text = """\
  - type: schedule
    segments:
      - {from: 8:45, to: 17:30, label: a, kind: office}
      - {from: 7:00, to: 8:00, label: b, kind: home}
      - {from: 12:00, to: 13:00, label: c, kind: break}
"""
    issue = case_issue(tmp_path, with_blocks(text))
    assert at(issue) == (15, "blocks[0].segments[2].from")
    assert issue.message == "この時間帯（12:00-13:00）が segments[0]（8:45-17:30）と重なっています。"


def test_event_outside_the_day(tmp_path: Path) -> None:
    text = SCHEDULE.replace("{at: 17:30, label: 終業}", "{at: 18:00, label: 終業}")
    issue = case_issue(tmp_path, with_blocks(text))
    assert at(issue) == (19, "blocks[0].events[1].at")
    assert issue.message == "18:00 のできごとが、一日の時間帯（8:45-17:30）の外にあります。"


def test_schedule_many_problems_at_once(tmp_path: Path) -> None:
    text = """\
  - type: schedule
    segments:
      - {from: 8:45, to: 25:00, label: a, kind: home}
      - {from: 9:00, to: 10:00, label: '', kind: hme}
      - {from: 9:30, to: 11:00, lable: c, kind: office}
    events:
      - {at: 6:00}
"""
    assert block_issues(tmp_path, text) == [
        (13, "blocks[0].segments[0].to"),
        (14, "blocks[0].segments[1].label"),
        (14, "blocks[0].segments[1].kind"),
        (15, "blocks[0].segments[2].lable"),
        (15, "blocks[0].segments[2].label"),
        (15, "blocks[0].segments[2].from"),
        (17, "blocks[0].events[0].label"),
    ]
