"""Write the import templates in this folder (run after data/reference/generate.py).

    python data/templates/make_templates.py

- evaluation_sheet_template.{csv,xlsx}: the evaluation sheet (評価シート), header only; the XLSX
  has an instructions sheet (記入方法) first.
- initiative_list_template.{csv,xlsx}: the initiative list of a term (取組一覧).
- evaluation_sheet_sample_fy2025.csv: a filled FY2025 sheet for six term-3 initiatives of the
  reference data, written with the spellings staff use (令和7年度, R7, full-width digits, ○/×).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "reference"

EVALUATION_HEADER = [
    "事業コード",
    "取組名",
    "年度",
    "達成度",
    "コロナ影響",
    "災害影響",
    "今後の方向性",
    "取組実績",
    "備考",
]
INITIATIVE_HEADER = [
    "期",
    "事業コード",
    "取組名",
    "取組名（英語）",
    "取組の方向性",
    "所管局",
    "新規・拡充",
    "概要",
]

EVALUATION_HELP = [
    ("事業コード", "事業コードか取組名が必須", "8桁の事務事業コード。例: 40101010"),
    (
        "取組名",
        "事業コードか取組名が必須",
        "事務事業名。事業コードが空欄なら名称で特定します。両方あるときは食い違いを確認します",
    ),
    (
        "年度",
        "必須（タイトル行に「令和7年度」などとあれば不要）",
        "2025、2025年度、令和7年度、R7、FY2025、令和7(2025)年度 のいずれでも可",
    ),
    (
        "達成度",
        "必須",
        "1〜5（全角可）または区分名: 1 目標を大きく上回って達成 / 2 目標を上回って達成 / "
        "3 ほぼ目標どおり / 4 目標を下回った / 5 目標を大きく下回った",
    ),
    ("コロナ影響", "任意", "新型コロナウイルス感染症の影響: あり/なし、○/×（空欄はなし）、1/0"),
    ("災害影響", "任意", "台風等の災害の影響: あり/なし、○/×（空欄はなし）、1/0"),
    (
        "今後の方向性",
        "任意",
        "Ⅰ 現状のまま継続 / Ⅱ 改善しながら継続 / Ⅲ 事業規模拡大 / Ⅳ 事業規模縮小 / "
        "Ⅴ 事業廃止 / Ⅵ 事業終了（記号のみでも可）",
    ),
    ("取組実績", "任意", "自由記述（10,000字まで）"),
    ("備考", "任意", "自由記述"),
]
INITIATIVE_HELP = [
    ("期", "必須", "1、2、3 または 第3期"),
    (
        "事業コード",
        "必須（取組IDでも可）",
        "8桁の事務事業コード。期をまたいで継続する事業は同じコード",
    ),
    ("取組名", "必須", "事務事業名・取組名"),
    ("取組名（英語）", "任意", "英語表示で使う名称"),
    ("取組の方向性", "必須", "1-1〜3-3、Ⅰ-1 のような表記、または方向性の名称"),
    ("所管局", "必須", "局・区役所の名称（例: 市民文化局、川崎区役所）"),
    ("新規・拡充", "任意", "新規 / 拡充 / 空欄"),
    ("概要", "任意", "取組の概要"),
]

SAMPLE_FY2025 = [
    # (name, year as staff write it, level, covid, disaster, next step, results, note)
    (
        "国際戦略拠点活性化推進事業",
        "令和7年度",
        "3",
        "×",
        "×",
        "Ⅱ",
        "キングスカイフロントの拠点間連携を計画どおり実施した。",
        "",
    ),
    (
        "若者文化の発信事業",
        "R7",
        "２",
        "なし",
        "なし",
        "Ⅰ",
        "ブレイキン等のイベント参加者数が目標を上回った。",
        "",
    ),
    (
        "市制100周年記念事業",
        "2025年度",
        "ほぼ目標どおり",
        "",
        "",
        "Ⅵ",
        "周年事業の成果を取りまとめ、事業を終了した。",
        "令和7年度で終了",
    ),
    (
        "多文化共生社会の実現に向けた取組",
        "FY2025",
        "3",
        "なし",
        "なし",
        "II",
        "多文化共生推進施策を計画どおり実施した。",
        "",
    ),
    (
        "ポートセールス事業",
        "2025",
        "4",
        "×",
        "×",
        "Ⅱ",
        "海外航路誘致の商談が一部翌年度にずれ込んだ。",
        "航路再編の影響",
    ),
    (
        "かわさきパラムーブメント推進事業",
        "令和７年度",
        "３",
        "なし",
        "なし",
        "Ⅰ",
        "レガシー形成に向けた取組を計画どおり実施した。",
        "",
    ),
]


def term3_codes() -> dict[str, str]:
    with (REFERENCE / "initiatives.csv").open(encoding="utf-8") as f:
        return {r["name_ja"]: r["project_code"] for r in csv.DictReader(f) if r["term_id"] == "3"}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    # UTF-8 with BOM: what Excel in Japan opens without garbling.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_xlsx(
    path: Path, title: str, header: list[str], help_rows: list[tuple[str, str, str]]
) -> None:
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "記入方法"
    guide.append([title])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(["次のシートに1行1件で記入してください。見出し行は変更しないでください。"])
    guide.append([])
    guide.append(["列", "必須/任意", "書き方"])
    for cell in guide[4]:
        cell.font = Font(bold=True)
    for row in help_rows:
        guide.append(list(row))
    guide.column_dimensions["A"].width = 18
    guide.column_dimensions["B"].width = 20
    guide.column_dimensions["C"].width = 90
    for row in guide.iter_rows(min_row=5):
        row[2].alignment = Alignment(wrap_text=True)
    sheet = book.create_sheet("入力")
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    sheet.freeze_panes = "A2"
    for i, name in enumerate(header):
        sheet.column_dimensions[chr(ord("A") + i)].width = max(12, len(name) * 3)
    book.save(path)


def main() -> None:
    write_csv(HERE / "evaluation_sheet_template.csv", EVALUATION_HEADER, [])
    write_csv(HERE / "initiative_list_template.csv", INITIATIVE_HEADER, [])
    write_xlsx(
        HERE / "evaluation_sheet_template.xlsx",
        "評価シート（取組の達成度）記入方法",
        EVALUATION_HEADER,
        EVALUATION_HELP,
    )
    write_xlsx(
        HERE / "initiative_list_template.xlsx",
        "取組一覧 記入方法",
        INITIATIVE_HEADER,
        INITIATIVE_HELP,
    )
    codes = term3_codes()
    rows = [[codes[name], name, *rest] for name, *rest in SAMPLE_FY2025]
    write_csv(HERE / "evaluation_sheet_sample_fy2025.csv", EVALUATION_HEADER, rows)
    print(f"wrote templates to {HERE}")


if __name__ == "__main__":
    main()
