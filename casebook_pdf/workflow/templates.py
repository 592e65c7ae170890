"""The commented starting texts: a new edition file and a new case file, every key explained in Japanese.

They are YAML text, not data: the comments are the point, and a test builds what they make.
"""

from __future__ import annotations

from casebook_pdf.messages import _
from casebook_pdf.workflow.yamltext import scalar


def edition_text(date: str, case_file: str) -> str:
    return _("""\
# 事例集の表紙と目次を決めるファイルです。「#」から行末まではメモ（印刷されません）。
# 書き方の説明: README.md の「毎年の作り方」。作る: casebook-pdf build このファイル -o 事例集.pdf

title:                          # 表紙の題名。1〜3 行（1 行ずつ「- 」で書きます）
  - 公用スマートフォン活用
  - テレワーク実践事例集
# subtitle: （番外編）            # 題名の下に小さく出る副題（なくてもよい。使うときは先頭の # を消す）
issuer: 北海道                    # 発行者。表紙に 北 海 道 のように字間を空けて印刷されます
date: {date}                    # 発行年月（YYYY-MM）。表紙には 令和〇年〇月 と和暦で印刷されます
# date_suffix: 更新               # 日付の後ろに付ける言葉（例: 令和６年５月更新）
# digits: half                  # 数字の幅。half: 1.5倍（半角、初期値） full: １．５倍（全角）。入力がどちらでもそろえて印刷
images: images                  # 写真を入れるフォルダ（このファイルからの相対位置）
tools:                          # 目次の表の列。id は事例の tools に書く英小文字の名前、label は印刷される名前
  - {{id: phone, label: 公用スマホ}}
  - {{id: web, label: Web会議}}
  - group: その他                 # 列のまとまり。見出しは縦書きになります
    tools:
      - {{id: mail, label: Mail}}
cases:                          # 事例ファイルの一覧。この順に 1 ページずつ並びます（追加: casebook-pdf add "題名"）
  - {case_file}
""").format(date=date, case_file=case_file)


def case_text(title: str, tool_ids: list[str], used: tuple[str, ...] = (), photo: str | None = None) -> str:
    """A case file whose every key carries a Japanese comment; `used` are the tools marked, `photo` (a
    file in the images folder) makes the photos entry real, otherwise it is shown commented out."""
    tools = ", ".join(used)
    known = ", ".join(tool_ids) if tool_ids else _("（表紙ファイルの tools に書いた id）")
    photos = _("""\
photos:                         # 写真（なくてもよい。4 枚まで）。image は画像フォルダの中のファイル名
  - image: {photo}
    caption: 写真の説明をここに書きます       # 写真の下に出る説明
    # fit: contain                # 写真全体を見せるとき。書かなければ枠いっぱいに切り抜きます
""").format(photo=scalar(photo)) if photo else _("""\
# photos:                       # 写真（4 枚まで）。使うときは先頭の # を消し、画像フォルダに写真を入れる
#   - image: 写真のファイル名.jpg
#     caption: 写真の説明
""")
    return _("""\
# 1 件の事例（印刷すると 1 ページ）。「#」から行末まではメモで、印刷されません。
# 【】・■○※ などの記号はツールが付けるので、文章には書きません。**太字** で太字になります。

category: 分類名                  # ページ上部の【】の中に出る分類（例: 訓練配信）
title: {title}                  # 事例の題名
headline: 一言で言うと何をしたか    # 題名の下の見出し（なくてもよい）
department: 〇〇部〇〇課           # 担当部署
tools: [{tools}]                  # 使ったツールの id（目次の表に ● が付きます）。使える id: {known}

before:                         # ～これまで～ 困っていたこと（「- 」で 1 項目ずつ）
  - これまでのやり方と、困っていたことを書きます。
after:                          # ～これから～ 変わったこと
  - 新しいやり方で、何ができるようになったかを書きます。

overview: 取り組みの概要を 1〜2 文で書きます。   # 概要

effects:                        # 効果
  - 時間や手間がどれだけ減ったかを書きます。

notes:                          # 気づき・注意点（なくてもよい）
  - やってみて気づいたことを書きます。

{photos}
blocks:                         # 追加の枠（なくてもよい）。type で種類を選びます:
                                #   items（◆見出し◆と【ラベル】付きの箇条書き）, list, comparison, flow,
                                #   contrast, examples, schedule, note。書き方は README.md のデータの書き方
  - type: items
    title: 準備したもの
    groups:
      - label: 職場
        items: [モバイルPC, 公用スマホ]

# badge: 効果大                  # ページの角に付く丸い印（12 文字まで。使うときは先頭の # を消す）
""").format(title=scalar(title), tools=tools, known=known, photos=photos)
