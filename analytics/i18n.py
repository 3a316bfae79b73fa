"""The one translation table: every user-facing string, Japanese first, English second.

``t(key, lang, **values)`` formats the string; an unknown key raises (a test checks every key
used in the code exists in both languages).
"""

from __future__ import annotations

import math
import re

from analytics.labels import (
    LEVEL_LABELS_EN,
    LEVEL_LABELS_JA,
    NEXT_STEP_LABELS_EN,
    NEXT_STEP_LABELS_JA,
)

LANGS = ("ja", "en")

TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": (
        "川崎市国際施策推進プラン 評価ダッシュボード",
        "Kawasaki International Policy Plan — Evaluation Dashboard",
    ),
    "app.short_title": ("国際施策推進プラン 評価", "Intl. Policy Plan Evaluation"),
    "page.overview": ("概要", "Overview"),
    "page.trends": ("達成度の推移", "Trends"),
    "page.initiatives": ("取組一覧", "Initiatives"),
    "page.bureaus": ("部局別", "Bureaus"),
    "page.about": ("データについて", "About the data"),
    "lang.label": ("表示言語 / Language", "表示言語 / Language"),
    # filters
    "filter.header": ("絞り込み", "Filters"),
    "filter.loading": ("絞り込みの条件を準備しています…", "Preparing the filters…"),
    "filter.term": ("実行プログラム（期）", "Implementation program (term)"),
    "filter.years": ("年度", "Fiscal years"),
    "filter.goal": ("基本目標", "Basic goal"),
    "filter.direction": ("取組の方向性", "Direction"),
    "filter.bureau": ("所管局", "Bureau"),
    "filter.level": ("達成度", "Achievement level"),
    "filter.covid": ("新型コロナの影響", "COVID-19 impact"),
    "filter.disaster": ("災害の影響", "Disaster impact"),
    "filter.new": ("新規・拡充の取組のみ", "New or expanded initiatives only"),
    "filter.search": ("取組名・事業コードで検索", "Search initiative name or code"),
    "filter.reset": ("絞り込みを解除", "Reset filters"),
    "filter.all": ("すべて", "All"),
    "filter.only": ("影響ありのみ", "Affected only"),
    "filter.exclude": ("影響ありを除く", "Exclude affected"),
    "filter.ignored": (
        "URLの次の指定は、読めないか該当するものがないため無視しました: {keys}",
        "These URL parameters could not be read or match nothing, and were ignored: {keys}",
    ),
    "filter.share": (
        "このURLを共有すると同じ表示を開けます。",
        "Share this page's URL to open the same view.",
    ),
    "filter.drilled": ("グラフから絞り込みました: {what}", "Narrowed from the chart: {what}"),
    "filter.term_help": ("{name}: {a}〜{b}年度", "{name}: FY{a}–FY{b}"),
    # context line of chart titles
    "ctx.all": ("全期間・全取組", "whole plan, all initiatives"),
    "ctx.term": ("第{v}期", "term {v}"),
    "ctx.year": ("{a}年度", "FY{a}"),
    "ctx.years": ("{a}〜{b}年度", "FY{a}–FY{b}"),
    "ctx.from": ("{a}年度以降", "from FY{a}"),
    "ctx.to": ("{b}年度まで", "to FY{b}"),
    "ctx.goal": ("基本目標{v}", "goal {v}"),
    "ctx.direction": ("方向性{v}", "direction {v}"),
    "ctx.bureau": ("所管局{n}件", "{n} bureau(s)"),
    "ctx.count": ("{what}{n}件", "{what}: {n} chosen"),
    "ctx.level": ("達成度{v}", "level {v}"),
    "ctx.covid.only": ("コロナ影響ありのみ", "COVID-affected only"),
    "ctx.covid.exclude": ("コロナ影響ありを除く", "excluding COVID-affected"),
    "ctx.disaster.only": ("災害影響ありのみ", "disaster-affected only"),
    "ctx.disaster.exclude": ("災害影響ありを除く", "excluding disaster-affected"),
    "ctx.new": ("新規・拡充のみ", "new or expanded only"),
    "ctx.search": ("「{v}」を含む", "matching “{v}”"),
    # chart titles and axes
    "chart.no_data": ("この条件に該当するデータはありません", "No data for this filter"),
    "chart.level_by_year": ("年度別の達成度の構成", "Achievement levels by fiscal year"),
    "chart.level_by_year_group": (
        "年度別の達成度の構成（{group}別）",
        "Achievement levels by fiscal year and {group}",
    ),
    "chart.on_target_trend": (
        "目標どおり以上（達成度1〜3）の割合の推移",
        "Share on target or better (levels 1–3) over time",
    ),
    "chart.term_comparison": (
        "期別・基本目標別 目標どおり以上の割合",
        "On-target share by term and goal",
    ),
    "chart.covid_comparison": (
        "新型コロナの影響を除いた場合の目標どおり以上の割合",
        "On-target share with and without COVID-affected evaluations",
    ),
    "chart.covid_levels": (
        "コロナ影響の有無別 達成度の構成",
        "Achievement levels, COVID-affected vs not",
    ),
    "chart.bureau_heatmap": (
        "所管局別・年度別 目標どおり以上の割合",
        "On-target share by bureau and fiscal year",
    ),
    "chart.tree": (
        "基本目標→方向性→取組（面積: 評価件数、色: 目標どおり以上の割合）",
        "Goal → direction → initiative (size: evaluations, colour: on-target share)",
    ),
    "chart.transition": ("{a}→{b} 達成度の変化（事業数）", "Level changes {a} → {b} (projects)"),
    "chart.timeline": ("達成度の推移: {name}", "Achievement history: {name}"),
    "chart.not_evaluated": ("未評価", "not yet evaluated"),
    "chart.timeline_key": (
        "◆ 新型コロナの影響を受けた年度　● 影響のない年度",
        "◆ a year affected by COVID-19 · ● a year not affected",
    ),
    "axis.fiscal_year": ("年度", "Fiscal year"),
    "axis.share": ("構成比", "Share"),
    "axis.on_target_rate": ("目標どおり以上の割合", "On-target share"),
    "axis.level": ("達成度", "Achievement level"),
    "axis.goal": ("基本目標", "Goal"),
    "axis.term": ("期", "Term"),
    "axis.bureau": ("所管局", "Bureau"),
    "axis.from_level": ("前の年度の達成度", "Level in the earlier year"),
    "axis.to_level": ("後の年度の達成度", "Level in the later year"),
    "axis.evaluations": ("評価件数", "Evaluations"),
    "series.all": ("全体", "All evaluations"),
    "series.without_affected": ("コロナ影響ありを除く", "Without COVID-affected"),
    "series.affected": ("コロナ影響ありのみ", "COVID-affected only"),
    "series.affected_short": ("影響あり", "Affected"),
    "series.not_affected_short": ("影響なし", "Not affected"),
    "group.goal": ("基本目標", "goal"),
    "group.direction": ("取組の方向性", "direction"),
    "group.term": ("期", "term"),
    "group.bureau": ("所管局", "bureau"),
    "goal.short": ("基本目標{v}", "Goal {v}"),
    "term.short": ("第{v}期", "Term {v}"),
    "fy.label": ("{v}年度", "FY{v}"),
    "unit.count_col": ("{c}（件）", "{c} (n)"),
    "unit.pct_col": ("{c}（%）", "{c} (%)"),
    "col.group": ("系列", "Series"),
    "axis.to_level_n": ("後の年度: {v}", "Later year: {v}"),
    "chart.show_table": ("表で見る", "Show as table"),
    "chart.table_download": ("この表をCSVで保存（{n}行）", "Download this table as CSV ({n} rows)"),
    "value.yes": ("あり", "Yes"),
    "value.no": ("なし", "No"),
    "review.top_of": ("（上位{n}件／全{total}件）", " (top {n} of {total})"),
    "review.all_of": ("（全{total}件）", " (all {total})"),
    "unit.n": ("{n}件", "{n}"),
    "metric.no_change": ("前年度と同じ（±0.0 pt）", "Same as the year before (±0.0 pt)"),
    "review.figures": ("まとめの数値", "Figures in the summary"),
    "review.fig.what": ("項目", "Figure"),
    "review.fig.value": ("値", "Value"),
    "review.fig.basis": ("根拠", "Basis"),
    "review.fig.over": ("{n}件中{on}件が目標どおり以上", "{on} of {n} evaluations on target"),
    "review.fig.latest": ("{fy}の目標どおり以上の割合", "On-target share, {fy}"),
    "review.fig.previous": ("前年度の割合", "The year before"),
    "review.fig.change": ("前年度からの変化", "Change from the year before"),
    "review.fig.goal_high": ("{fy}に最も高い基本目標", "Highest goal, {fy}"),
    "review.fig.goal_low": ("{fy}に最も低い基本目標", "Lowest goal, {fy}"),
    "review.fig.pre_covid": ("新型コロナの影響前（{a}〜{b}）の割合", "Before COVID-19 ({a}–{b})"),
    "review.fig.covid_low": (
        "影響期間中で最も低い年度の割合",
        "Lowest year of the COVID-19 period",
    ),
    "review.fig.drop": (
        "影響前から最も低い年度までの変化",
        "Change, before COVID-19 to the lowest year",
    ),
    "drill.active": ("絞り込み中:", "Narrowed to:"),
    "drill.clear": ("解除", "Clear"),
    "drill.back": ("戻る", "Back"),
    "bureaus.click_hint": (
        "升目をクリックすると、その所管局・年度の取組一覧へ移ります。評価が{n}件未満の升目は薄く、件数（n）を添えています。",
        "Click a cell to list that bureau's initiatives in that year. A cell over fewer than {n}"
        " evaluations is faint and shows its count (n).",
    ),
    "log.when": ("日時", "When"),
    "log.what": ("取り込んだもの", "What was read"),
    "log.kind": ("種類", "Kind"),
    "log.reference": ("初期データ（公表資料と見本）", "Initial data (published facts and sample)"),
    "log.kind.reference": ("初期データ", "Initial data"),
    "log.kind.evaluations": ("評価シート", "Evaluation sheet"),
    "log.kind.initiatives": ("取組一覧", "Initiative list"),
    "log.added": ("追加", "Added"),
    "log.changed": ("変更", "Changed"),
    "log.unchanged": ("変更なし", "Unchanged"),
    "about.template.evaluation_sheet_template.xlsx": (
        "評価シートのひな形（Excel）",
        "Evaluation sheet template (Excel)",
    ),
    "about.template.evaluation_sheet_template.csv": (
        "評価シートのひな形（CSV）",
        "Evaluation sheet template (CSV)",
    ),
    "about.template.initiative_list_template.xlsx": (
        "取組一覧のひな形（Excel）",
        "Initiative list template (Excel)",
    ),
    "about.template.sample": ("記入例（{fy}・CSV）", "Filled-in example ({fy}, CSV)"),
    "about.for_admin": ("システム担当者向け", "For the system administrator"),
    "about.for_admin_text": (
        "取り込みはコマンドでも行えます（複数ファイルの一括取り込み、次の期の追加など）。手順はシステム担当者向けの説明書にあります。",
        "Imports can also be run as commands (many files at once, declaring the next term); the "
        "steps are in the administrator's guide.",
    ),
    "trends.declines_span": (
        "{a}→{b}の間に前年度より悪化した評価",
        "Worse than the year before, {a} → {b}",
    ),
    "trends.same_year": (
        "比較元と比較先が同じ年度です。その年度に前年度より悪化した評価を示します。",
        "Both years are the same: showing that year's evaluations that were worse than the year before.",
    ),
    "unit.count": ("件", " evaluations"),
    "chart.small_n": ("n={n}", "n={n}"),
    "chart.over_n": ("%{customdata[1]}件の評価", "over %{customdata[1]} evaluations"),
    "fy.tick": ("{v}<br>年度", "FY<br>{v}"),
    "hover.rate": (
        "目標どおり以上: {rate} （{n}/{total}件）",
        "On target: {rate} ({n} of {total})",
    ),
    # banner, database
    "banner.sample": (
        "見本データを表示しています: 評価{total}件のうち{n}件は、公表資料の事実に合わせて作成した見本です（実際の評価ではありません）。市の評価シートを取り込むと置き換わります。",
        "Sample data: {n} of the {total} evaluations shown are a sample calibrated to published facts, not the city's actual evaluations. Importing the city's sheets replaces them.",
    ),
    "banner.sample_all": (
        "見本データを表示しています: 評価はすべて、公表資料の事実に合わせて作成した見本です（実際の評価ではありません）。市の評価シートを取り込むと置き換わります。",
        "Sample data: every evaluation shown is a sample calibrated to published facts, not the city's actual evaluations. Importing the city's sheets replaces them.",
    ),
    "db.outdated": (
        "データベース {path} は古い形式です。次のコマンドで更新してください（データはそのまま残ります）。",
        "The database {path} was built by an earlier version. Update it with the command below (all data is kept).",
    ),
    "db.missing": (
        "データベースがありません: {path} 次のコマンドで作成してください。",
        "The database is missing: {path}. Build it with the command below.",
    ),
    # metrics
    "metric.projects": ("取組（事業）数", "Initiatives (projects)"),
    "metric.projects_help": (
        "期をまたいで継続する事業は1件と数えます。",
        "A project that continues across terms counts once.",
    ),
    "metric.projects_help_evaluated": (
        "達成度・影響の絞り込みに当てはまる評価のある事業の数です。期をまたいで継続する事業は1件と数えます。",
        "Projects with an evaluation that matches the level and impact filters. A project that"
        " continues across terms counts once.",
    ),
    "metric.evaluations": ("評価件数", "Evaluations"),
    "metric.latest_fy": ("最新の評価年度", "Latest year evaluated"),
    "metric.latest_rate": ("最新年度の目標どおり以上", "On target, latest year"),
    "metric.latest_rate_help": (
        "達成度1〜3の割合。差は前年度との比較（ポイント）。",
        "Share at levels 1–3; the delta is against the year before, in points.",
    ),
    # pages
    "overview.title": ("概要", "Overview"),
    "overview.tab.levels": ("年度別の達成度", "Levels by year"),
    "overview.tab.trend": ("基本目標別の達成率", "On-target rate by goal"),
    "overview.below_latest": ("{fy}に目標を下回った取組", "Below target in {fy}"),
    "overview.none_below": (
        "この条件で目標を下回った取組はありません。",
        "Nothing fell below target for this filter.",
    ),
    "chart.click_hint": (
        "棒や点をクリックすると、その年度・目標に絞り込んで取組一覧を開きます。",
        "Click a bar or point to open the initiatives of that year and goal.",
    ),
    "trends.title": ("達成度の推移", "Trends"),
    "trends.tab.goal": ("基本目標別", "By goal"),
    "trends.tab.direction": ("方向性別", "By direction"),
    "trends.tab.term": ("期別", "By term"),
    "trends.tab.covid": ("新型コロナの影響", "COVID-19"),
    "trends.tab.changes": ("年度間の変化", "Year-over-year"),
    "trends.covid_note": (
        "「コロナ影響あり」は評価で新型コロナウイルス感染症の影響ありとされた取組です（目標未達とは限りません）。",
        "“COVID-affected” marks evaluations the city flagged as affected by COVID-19 (not necessarily below target).",
    ),
    "trends.tree_hint": (
        "区画をクリックすると、その基本目標・方向性に絞り込みます（取組をクリックすると取組一覧へ）。",
        "Click a cell to narrow to that goal or direction (an initiative opens the initiatives page).",
    ),
    "trends.from_year": ("比較元の年度", "From fiscal year"),
    "trends.to_year": ("比較先の年度", "To fiscal year"),
    "trends.declines": (
        "前年度より達成度が下がった取組（下げ幅の大きい順）",
        "Initiatives whose level fell from the year before (largest drop first)",
    ),
    "initiatives.title": ("取組一覧", "Initiatives"),
    "initiatives.count": (
        "{n}件の評価（行を選ぶとその取組の推移を表示）",
        "{n} evaluations (select a row to see that initiative's history)",
    ),
    "initiatives.narrow_first": (
        "この条件には{n}件の事業があります。推移を見る取組を選ぶには、{limit}件以下に絞り込んでください（名前や事業コードでの検索など）。表の行を選んでも表示できます。",
        "This filter has {n} projects. To pick one, narrow it to {limit} or fewer (search a name or code), or select a row in the table.",
    ),
    "initiatives.pick": ("取組の推移を見る", "Show an initiative's history"),
    "initiatives.results_full": (
        "年度ごとの取組実績と備考（全文）",
        "Each year's results and note in full (Japanese data)",
    ),
    "initiatives.pick_placeholder": ("取組を選択…", "Choose an initiative…"),
    "bureaus.title": ("部局別", "Bureaus"),
    "bureaus.summary": (
        "所管局ごとのまとめ（目標どおり以上の割合の低い順）",
        "Summary per bureau (lowest on-target share first)",
    ),
    "about.title": ("データについて", "About the data"),
    "about.levels": ("達成度の区分", "Achievement levels"),
    "about.meaning": ("意味", "Meaning"),
    "about.level1": ("目標を大きく上回って達成した", "The target was far exceeded"),
    "about.level2": ("目標を上回って達成した", "The target was exceeded"),
    "about.level3": (
        "ほぼ目標どおりに達成した（ここまでを「目標どおり以上」とします）",
        "Roughly on target (levels 1–3 count as “on target or better”)",
    ),
    "about.level4": ("目標を下回った", "Below target"),
    "about.level5": ("目標を大きく下回った", "Far below target"),
    "about.a_disaster": ("地震・台風", "an earthquake or a typhoon"),
    "about.definitions": (
        "**目標どおり以上** は達成度1〜3。**コロナ影響あり** は、その年度の評価で新型コロナウイルス感染症の影響を受けたとされたもの（オンライン化などで目標を達成した場合も含む）。**災害影響あり** は{disasters}などの災害の影響を受けたもの。今後の方向性の区分は次のとおりです。",
        "**On target or better** means levels 1–3. **COVID-affected** marks an evaluation the city recorded as affected by COVID-19 that year (including work that met its target by moving online). **Disaster-affected** marks the effect of a disaster such as {disasters}. The next-step classes are:",
    ),
    "about.provenance": (
        "データの出典（公表資料の事実と見本の区別）",
        "Provenance: published fact and sample",
    ),
    "about.status": (
        "評価{total}件（見本{sample}件、取り込み{imported}件）、データ時点 {as_of}",
        "{total} evaluations ({sample} sample, {imported} imported), as of {as_of}",
    ),
    "about.kind": ("種別", "Kind"),
    "about.kind.published": ("公表資料", "Published"),
    "about.kind.sample": ("見本", "Sample"),
    "about.kind.derived": ("本ツールで作成", "Ours"),
    "about.kind.imported": ("取り込み", "Imported"),
    "about.what": ("内容", "What"),
    "about.source": ("出典", "Source (Japanese data)"),
    "about.source.ours": ("見本（本ツールで作成）", "Sample made for this tool"),
    "about.coverage": ("評価の入力状況（未評価の取組）", "Coverage: evaluations still missing"),
    "about.expected": ("対象の取組", "Initiatives listed"),
    "about.evaluated": ("評価済み", "Evaluated"),
    "about.missing": ("未評価", "Missing"),
    "initiatives.none": (
        "この条件に該当する評価はありません。絞り込みを変えてください。",
        "No evaluation matches this filter. Change the filters.",
    ),
    "about.missing_list": ("未評価の一覧（{n}件）", "Missing evaluations ({n})"),
    "about.import_log": ("取り込みの記録", "Import log"),
    "about.how_to_import": ("市の評価シートの取り込み方", "How to import the city's sheets"),
    "about.import_steps": (
        "1. 下の様式（XLSX または CSV）に記入します。見出し行はそのまま使ってください。\n"
        "2. 事務局のPCで取り込み画面（[http://127.0.0.1:8502](http://127.0.0.1:8502)）を開き、記入したファイルを置きます。問題があれば、ファイル・行・列ごとに内容が表示されます。直してから置き直してください。\n"
        "3. 問題がなければ、追加・変更される評価の一覧が表示されます。確かめて「取り込む」を押します。問題が一つでもあれば何も書き込まれません。取り込み前のデータは控えとして残ります。\n"
        "4. ダッシュボードは開いたままで構いません。次の操作で新しいデータが表示されます。",
        "1. Fill in a template below (XLSX or CSV); keep the header row as it is.\n"
        "2. On the secretariat's PC, open the import screen ([http://127.0.0.1:8502](http://127.0.0.1:8502)) and drop the file there. Any problem is listed by file, row and column: fix it and drop the file again.\n"
        "3. Without problems, the screen lists the evaluations that will be added or changed. Check them and press “Import”. If any problem remains, nothing is written; the previous data is kept as a backup.\n"
        "4. The dashboard may stay open: it shows the new data on the next interaction.",
    ),
    # downloads
    "download.header": (
        "この条件の評価すべてをダウンロード（CSV・Excel）",
        "Download every evaluation of this filter (CSV, Excel)",
    ),
    "download.size": (
        "この条件の評価は{n}件、CSV（{encoding}）で約 {size} です。",
        "This filter has {n} evaluations, about {size} as CSV ({encoding}).",
    ),
    "download.none": (
        "この条件の評価はないため、ダウンロードするものはありません。",
        "This filter has no evaluations: there is nothing to download.",
    ),
    "download.utf-8-sig.short": ("UTF-8", "UTF-8"),
    "download.cp932.short": ("Shift_JIS", "Shift_JIS"),
    "download.xlsx_capped": (
        "Excel には新しい年度から{n}行を収めます（全{total}行）。すべての行は CSV で取得できます。",
        "The Excel file holds {n} of {total} rows, the latest years'; the CSV has them all.",
    ),
    "download.about.capped": ("行数の上限", "Row limit"),
    "download.field.name": ("取組名", "Initiative"),
    "download.field.results": ("取組実績", "Results"),
    "download.field.note": ("備考", "Note"),
    "download.field.bureau": ("所管局", "Bureau"),
    "download.col.field": ("列", "Column"),
    "download.col.char": ("文字", "Character"),
    "download.col.example": ("例", "Example"),
    "table.capped": (
        "先頭{n}件を表示しています（全{total}件）。すべての行はダウンロードで取得できます。",
        "Showing the first {n} of {total}; the download has them all.",
    ),
    "download.encoding": ("CSVの文字コード", "CSV encoding"),
    "download.utf-8-sig": ("UTF-8（BOM付き・推奨）", "UTF-8 with BOM (recommended)"),
    "download.cp932": ("Shift_JIS（CP932）", "Shift_JIS (CP932)"),
    "download.cp932_problems": (
        "Shift_JIS で表せない文字が {n} か所あり「?」に置き換わります。UTF-8 を選ぶとそのまま保存できます。",
        "{n} character(s) cannot be written in Shift_JIS and become “?”. Choose UTF-8 to keep them.",
    ),
    "download.csv": ("CSVをダウンロード", "Download CSV"),
    "download.xlsx": ("Excel（XLSX）をダウンロード", "Download Excel (XLSX)"),
    "download.about.filters": ("絞り込み条件", "Filters"),
    "download.about.query": ("URLの条件", "URL parameters"),
    "download.about.rows": ("行数", "Rows"),
    "download.about.as_of": ("データ時点", "Data as of"),
    "download.about.generated": ("作成日時", "Generated"),
    "download.about.provenance": ("データの出典", "Provenance"),
    "download.about.sample": (
        "評価{total}件のうち{n}件は、公表資料の事実に合わせて作成した見本です（実際の評価ではありません）。",
        "{n} of {total} evaluations are a sample calibrated to published facts (not real evaluations).",
    ),
    # table columns
    "col.fiscal_year": ("年度", "Fiscal year"),
    "col.term": ("期", "Term"),
    "col.goal": ("基本目標", "Goal"),
    "col.direction": ("取組の方向性", "Direction"),
    "col.bureau": ("所管局", "Bureau"),
    "col.code": ("事業コード", "Code"),
    "col.name": ("取組名", "Initiative"),
    "col.level": ("達成度", "Level"),
    "col.previous_level": ("前年度の達成度", "Previous level"),
    "col.on_target": ("目標どおり以上", "On target"),
    "col.covid": ("コロナ影響", "COVID"),
    "col.disaster": ("災害影響", "Disaster"),
    "col.next_step": ("今後の方向性", "Next step"),
    "col.results": ("取組実績", "Results (Japanese data)"),
    "col.note": ("備考", "Note (Japanese data)"),
    "col.change": ("変化", "Change"),
    "col.initiatives": ("取組数", "Initiatives"),
    "col.evaluations": ("評価件数", "Evaluations"),
    "col.below_target": ("目標未達", "Below target"),
    "col.rate": ("目標どおり以上の割合", "On-target share"),
    "col.latest_fy": ("最新の評価年度", "Latest year"),
    "col.covid_affected": ("コロナ影響あり", "COVID-affected"),
    # overall review
    "page.review": ("総括評価", "Overall review"),
    "review.title": (
        "総括評価（プラン計画期間 {a}〜{b}年度）",
        "Overall review of the plan (FY{a}–FY{b})",
    ),
    "review.title_plain": ("総括評価", "Overall review of the plan"),
    "review.summary": ("まとめ", "Summary"),
    "review.term_goal": ("期別・基本目標別の達成度", "Achievement by term and goal"),
    "review.term_direction": ("期別・取組の方向性別の達成度", "Achievement by term and direction"),
    "review.trend": (
        "目標どおり以上の割合の推移と新型コロナの影響",
        "On-target trend and the effect of COVID-19",
    ),
    "review.movers": (
        "{a}→{b}に改善・悪化した取組",
        "Initiatives that improved or declined, {a} → {b}",
    ),
    "review.improved": ("改善した取組（大きい順）", "Improved most"),
    "review.declined": ("悪化した取組（大きい順）", "Declined most"),
    "review.below": ("{fy}に目標を下回った取組（備考つき）", "Below target in {fy}, with notes"),
    "review.none": ("該当する取組はありません。", "None."),
    "review.pack": ("会議資料（総括評価）", "Meeting pack (overall review)"),
    "review.pack_xlsx": ("Excel（XLSX）", "Excel (XLSX)"),
    "review.pack_html": ("印刷用HTML", "Printable HTML"),
    "review.pack_pdf": ("PDF", "PDF"),
    "review.pack_make": ("会議資料を作成", "Build the meeting pack"),
    "review.no_chromium": (
        "PDFの作成には Chromium が必要ですが、このサーバーには見つかりません。印刷用HTMLをダウンロードしてブラウザで開き「PDFとして保存」で印刷するか、事務局のPCで次を実行してください: python -m analytics.report --out 総括評価.pdf",
        "Making the PDF needs Chromium, which this server does not have. Download the printable HTML and print it to PDF from a browser, or run on the secretariat's PC: python -m analytics.report --out review.pdf",
    ),
    "review.no_images": (
        "（グラフ画像は Chromium がある環境で作成されます）",
        "(Chart images are made where Chromium is installed)",
    ),
    "review.cover": (
        "川崎市国際施策推進プラン 総括評価 会議資料",
        "Kawasaki International Policy Promotion Plan — Overall review",
    ),
    "review.rows": ("評価データ", "Evaluations"),
    "review.chart_data": ("グラフのデータ", "Chart data"),
    "review.col.level_n": ("達成度{v} 件数", "Level {v} (n)"),
    "review.col.level_share": ("達成度{v}の割合（%）", "Level {v} (%)"),
    "review.col.level_both": ("達成度{v}", "Level {v}"),
    "review.level_both": ("{n}件（{p}%）", "{n} ({p}%)"),
    "review.col.change": ("変化（達成度1が最良）", "Change (level 1 is best)"),
    "review.better": ("↑ {n}段階改善", "↑ {n} level(s) better"),
    "review.worse": ("↓ {n}段階悪化", "↓ {n} level(s) worse"),
    "review.s.none": (
        "{scope}: この条件に該当する評価はありません。",
        "{scope}: no evaluations match this filter.",
    ),
    "review.s.scope": ("対象は{a}〜{b}（{scope}）です。", "This covers {a}–{b} ({scope})."),
    "review.s.latest": (
        "最新の評価年度である{fy}には、第{term}期の取組{listed}件のうち{evaluated}件を評価し、{on}件（{rate}）が目標どおり以上でした。",
        "In {fy}, the latest year evaluated, {evaluated} of the {listed} initiatives of term {term} were evaluated and {on} ({rate}) were on target or better.",
    ),
    "review.s.up": (
        "前年度（{prev}）から{pt}ポイント上昇しました。",
        "That is {pt} points up on the year before ({prev}).",
    ),
    "review.s.down": (
        "前年度（{prev}）から{pt}ポイント低下しました。",
        "That is {pt} points down on the year before ({prev}).",
    ),
    "review.s.flat": (
        "前年度（{prev}）と同じ水準です。",
        "That is the same as the year before ({prev}).",
    ),
    "review.s.goals": (
        "{fy}の基本目標別では、基本目標{high}が{high_rate}で最も高く、基本目標{low}が{low_rate}で最も低くなりました。",
        "By goal in {fy}, goal {high} was highest at {high_rate} and goal {low} lowest at {low_rate}.",
    ),
    "review.s.covid": (
        "新型コロナウイルス感染症の影響を受けた期間には、影響前（{a}〜{b}年度）の{pre}から、最も低い{low_fy}には{low}へと{drop}ポイント低下しました。",
        "During the COVID-19 years the rate fell from {pre} before the pandemic (FY{a}–FY{b}) to {low} in {low_fy}, its lowest, a drop of {drop} points.",
    ),
    "review.s.recovered": (
        "{fy}には{rate}となり、影響前の水準まで回復しています。",
        "By {fy} it was {rate}, back to the pre-pandemic level.",
    ),
    "review.s.not_recovered": (
        "{fy}は{rate}で、影響前の水準にはまだ戻っていません。",
        "In {fy} it was {rate}, not yet back to the pre-pandemic level.",
    ),
    # change classes
    "change.improved": ("改善", "Improved"),
    "change.same": ("変化なし", "Same"),
    "change.declined": ("悪化", "Declined"),
    "change.new": ("前年度評価なし", "No previous year"),
    # the secretariat's import app (admin/app.py)
    "admin.title": ("評価シートの取り込み（事務局用）", "Import evaluation sheets (secretariat)"),
    "admin.intro": (
        "評価シートや取組一覧（CSV・XLSX）を置くと、まず検査だけを行い、問題の一覧か変更の内容を表示します。"
        "「取り込む」を押すまでデータは変わりません。",
        "Drop evaluation sheets or initiative lists (CSV or XLSX): they are checked first, and you "
        "see either the problems or what would change. The data changes only when you press "
        "Import.",
    ),
    "admin.upload": (
        "ファイルを選ぶか、ここにドロップ（複数可）",
        "Choose or drop files (several at once)",
    ),
    "admin.fiscal_year": (
        "年度（シートのどこにも年度がない場合のみ）",
        "Fiscal year (only if the sheets name none)",
    ),
    "admin.fiscal_year.help": (
        "例: 2024、令和6年度、R6。年度の列やタイトルの年度があれば不要です。",  # example input, not a plan year
        "E.g. 2024, 令和6年度, R6. Not needed when the sheet has a year column or a year in its title.",  # example input, not a plan year
    ),
    "admin.problems": (
        "{n}件の問題があるため取り込めません。ファイルを直してもう一度置いてください。データベースは変更していません。",
        "{n} problem(s): nothing can be imported. Correct the files and drop them again. The database is unchanged.",
    ),
    "admin.problems.file": ("取り込みの問題.csv", "import-problems.csv"),
    "admin.problems.download": ("問題の一覧をダウンロード（CSV）", "Download the problems (CSV)"),
    "admin.notes": (
        "読み取りの内容（見出し・年度・読み飛ばした行）",
        "What was read (headers, years, skipped rows)",
    ),
    "admin.counts": ("評価 {e}・取組 {i}", "{e} evaluations, {i} initiatives"),
    "admin.preview": (
        "変更の内容（取り込む前の確認）",
        "What will change (check before importing)",
    ),
    "admin.apply": ("取り込む", "Import"),
    "admin.applied": (
        "取り込みました。ダッシュボードには次の操作で反映されます。",
        "Imported. The dashboard shows it on its next interaction.",
    ),
    "admin.nothing": (
        "変更はありません。データベースはそのままです。",
        "No changes: the database stays as it is.",
    ),
    "admin.log": ("取り込みの記録", "Import log"),
    "admin.no_db": (
        "データベース {db} を読めません（{error}）。python -m analytics.ingest build で作成してください。",
        "Cannot read the database {db} ({error}). Build it with python -m analytics.ingest build.",
    ),
    "admin.col.file": ("ファイル", "File (as named)"),
    "admin.col.name": ("取組名", "Initiative (Japanese data)"),
    "admin.col.sheet": ("シート", "Sheet"),
    "admin.col.row": ("行", "Row"),
    "admin.col.column": ("列", "Column (as in the sheet)"),
    "admin.col.message": ("内容", "Message (Japanese, then English)"),
    "admin.col.status": ("区分", "Status"),
    "admin.col.table": ("対象", "What"),
    "admin.col.what": ("変更（前 → 後）", "Change (old → new; values are Japanese data)"),
    "admin.col.where": ("シートの位置", "Where in the sheet (as named)"),
    "admin.status.added": ("追加", "Added"),
    "admin.status.changed": ("変更", "Changed"),
    "admin.status.unchanged": ("変更なし", "Unchanged"),
    "admin.table.evaluations": ("評価", "Evaluation"),
    "admin.table.initiatives": ("取組", "Initiative"),
    "admin.field.initiative_id": ("取組ID", "Initiative id"),
    "admin.field.name_en": ("取組名（英語）", "English name"),
    "admin.field.new_or_expanded": ("新規・拡充", "New/expanded"),
    "admin.field.description": ("概要", "Description"),
    "admin.field.other": ("その他", "Other"),
    "admin.value.blank": ("（空欄）", "(blank)"),
    "admin.value.yes": ("あり", "yes"),
    "admin.value.no": ("なし", "no"),
    "admin.log.when": ("日時", "When"),
    "admin.log.file": ("ファイル[シート]", "File[sheet]"),
    "admin.log.kind": ("種類", "Kind"),
    "admin.log.added": ("追加", "Added"),
    "admin.log.changed": ("変更", "Changed"),
    "admin.log.unchanged": ("変更なし", "Unchanged"),
    "admin.kind.reference": ("見本データの作成", "Reference build"),
    "admin.kind.evaluations": ("評価シート", "Evaluation sheet"),
    "admin.kind.initiatives": ("取組一覧", "Initiative list"),
    "admin.kind.indicators": ("成果指標", "Outcome indicators"),
    "review.s.not_yet": (
        "{scope}: 取組{n}件はまだ評価されていません（未評価）。",
        "{scope}: {n} initiatives, not yet evaluated.",
    ),
    # outcome indicators (成果指標); the status rule is analytics/indicators/rule.py
    "page.indicators": ("成果指標の達成状況", "Indicators"),
    "status.achieved": ("達成", "Achieved"),
    "status.on_track": ("順調", "On track"),
    "status.slightly_behind": ("やや遅れ", "Slightly behind"),
    "status.behind": ("遅れ", "Behind"),
    "status.worsened": ("後退", "Worsened"),
    "status.not_measured": ("未評価", "Not yet measured"),
    "ind.title": ("成果指標の達成状況", "Outcome indicators"),
    "ind.year": ("{fy}の状況", "Status in {fy}"),
    "ind.none": (
        "この条件に該当する成果指標はありません。",
        "No outcome indicators match this filter.",
    ),
    "ind.rule_title": ("状況の判定方法", "How the status is decided"),
    "ind.rule": (
        "年度 y について、基準値（現状値）B（測定年度 y0）、目標値 G（目標年度 y1）、その年度の実績値 A から、"
        "進捗率 p = (A − B) / (G − B)、期待進捗率 e = (y − y0) / (y1 − y0)（0〜1に収める）を求めます。"
        "p ≥ 1 なら **達成**、p ≥ e なら **順調**、p ≥ e/2 なら **やや遅れ**、p ≥ 0 なら **遅れ**、"
        "p < 0 なら **後退**、その年度の実績値がなければ **未評価** です。"
        "目標が「現状値以上」（「現状値以下」）の指標は、A ≥ B（A ≤ B）なら達成、そうでなければ後退です。"
        "値が小さいほど良い指標にも同じ式を使います（G − B が負になります）。"
        "グラフの破線は、基準値から目標値へ順調に進んだ場合の道筋です。",
        "For fiscal year y, with baseline B (measured in year y0), target G (for year y1) and the "
        "actual A of year y: progress p = (A − B) / (G − B); expected e = (y − y0) / (y1 − y0), "
        "clipped to [0, 1]. **Achieved** if p ≥ 1; **On track** if p ≥ e; **Slightly behind** if "
        "p ≥ e/2; **Behind** if p ≥ 0; **Worsened** if p < 0; **Not yet measured** if year y has "
        "no actual. A text target “at least the baseline” (“at most the baseline”) is "
        "Achieved when A ≥ B (A ≤ B), else Worsened. Lower-is-better indicators use the same "
        "formula (G − B is negative). The dashed line in each chart is the on-track path from "
        "baseline to target.",
    ),
    "ind.sample_note": (
        "成果指標のうち「公表」と示した数値は公表資料からの引用（出典つき）、それ以外はすべて見本です（実際の指標ではありません）。",
        "Indicator numbers marked “published” are quoted from public sources (with their "
        "reference); every other number is a sample, not the city's actual figure.",
    ),
    "ind.counts": ("基本目標別の指標の状況（{fy}）", "Indicator status by goal ({fy})"),
    "ind.charts": ("指標ごとの推移", "Each indicator over time"),
    "ind.table": ("指標の一覧", "All indicators"),
    "ind.pick": (
        "指標を選ぶと、その取組の方向性の取組を取組一覧で開きます",
        "Pick an indicator to open its direction's initiatives",
    ),
    "ind.pick_placeholder": ("指標を選択…", "Choose an indicator…"),
    "ind.open": ("この方向性の取組を見る", "Open this direction's initiatives"),
    "ind.download": ("この表をダウンロード", "Download this table"),
    "ind.series.actual": ("実績値", "Actual"),
    "ind.series.baseline": ("基準値", "Baseline"),
    "ind.series.target": ("目標値", "Target"),
    "ind.series.path": ("順調な進み方", "On-track path"),
    "ind.legend": (
        "■ {b}　★ {g}　●─ {a}（色は状況）　- - - {p}（基準値から目標値へ）",
        "■ {b} · ★ {g} · ●─ {a} (coloured by status) · - - - {p} (baseline to target)",
    ),
    "ind.axis.count": ("指標数", "Indicators"),
    "ind.better.higher": ("増加（高いほど良い）", "Higher is better"),
    "ind.better.lower": ("減少（低いほど良い）", "Lower is better"),
    "ind.kind.published": ("公表", "Published"),
    "ind.kind.sample": ("見本", "Sample"),
    "ind.kind.imported": ("取り込み", "Imported"),
    "ind.col.code": ("指標コード", "Code"),
    "ind.col.name": ("指標名", "Indicator"),
    "ind.col.goal": ("基本目標", "Goal"),
    "ind.col.direction": ("取組の方向性", "Direction"),
    "ind.col.unit": ("単位", "Unit"),
    "ind.col.better": ("目標の方向", "Better"),
    "ind.col.baseline": ("現状値", "Baseline"),
    "ind.col.baseline_fy": ("現状値の年度", "Baseline year"),
    "ind.col.target": ("目標値", "Target"),
    "ind.col.target_fy": ("目標年度", "Target year"),
    "ind.col.fiscal_year": ("年度", "Fiscal year"),
    "ind.col.actual": ("実績値", "Actual"),
    "ind.col.progress": ("進捗率(%)", "Progress (%)"),
    "ind.col.expected": ("期待進捗率(%)", "Expected (%)"),
    "ind.col.status": ("状況", "Status"),
    "ind.col.note": ("備考", "Note (Japanese data)"),
    "ind.note": ("備考: {note}", "Note (Japanese data): {note}"),
    "ind.s.note": ("（{note}）", " (note, Japanese data: {note})"),
    "ind.target.現状値以上": ("現状値以上", "At least the baseline"),
    "ind.target.現状値以下": ("現状値以下", "At most the baseline"),
    "ind.col.plan": ("設定した計画", "Set by"),
    "ind.col.provenance": ("数値の出典", "Numbers"),
    "ind.col.reference": ("出典", "Reference"),
    "ind.col.total": ("計", "Total"),
    "ind.overview": ("成果指標の状況（{fy}）", "Outcome indicators ({fy})"),
    "ind.not_applied": (
        "（{names}の条件は成果指標には適用されません）",
        " ({names}: not applied to indicators)",
    ),
    "ind.overview_link": (
        "指標ごとの詳細は「成果指標の達成状況」のページにあります。",
        "Details per indicator are on the Indicators page.",
    ),
    "ind.review": ("成果指標の状況（{fy}）", "Outcome indicators ({fy})"),
    "ind.achieved_list": ("達成した指標", "Indicators achieved"),
    "ind.worsened_list": ("後退した指標（備考つき）", "Indicators that worsened, with notes"),
    "ind.s.none": (
        "この条件に該当する成果指標はありません。",
        "No outcome indicators match this filter.",
    ),
    "ind.s.counts": (
        "成果指標{n}件の{fy}の状況は、達成{achieved}件、順調{on_track}件、やや遅れ{slightly_behind}件、遅れ{behind}件、後退{worsened}件、未評価{not_measured}件でした。",
        "Of the {n} outcome indicators in {fy}, {achieved} were achieved, {on_track} on track, {slightly_behind} slightly behind, {behind} behind, {worsened} worsened and {not_measured} not yet measured.",
    ),
    "ind.s.achieved": ("達成したのは{names}です。", "Achieved: {names}."),
    "ind.s.worsened": ("後退したのは{names}です。", "Worsened: {names}."),
    "ind.s.sample": (
        "（成果指標の数値は一部を除き見本です。）",
        "(The indicator numbers are a sample except those marked published.)",
    ),
}


def t(key: str, lang: str = "ja", **values: object) -> str:
    ja, en = TEXT[key]
    text = en if lang == "en" else ja
    return text.format(**values) if values else text


def level_label(level: int, lang: str = "ja", with_number: bool = True) -> str:
    label = (LEVEL_LABELS_EN if lang == "en" else LEVEL_LABELS_JA)[int(level)]
    return f"{int(level)} {label}" if with_number else label


def next_step_label(step: object, lang: str = "ja") -> str:
    """'Ⅱ 改善しながら継続'; '' when none was given (None, or NaN as pandas reads a NULL)."""
    if not isinstance(step, str) or not step:
        return ""
    return f"{step} {(NEXT_STEP_LABELS_EN if lang == 'en' else NEXT_STEP_LABELS_JA)[step]}"


def template_label(file_name: str, lang: str = "ja") -> str:
    """A template's button label in words; a filled sample by its fiscal year."""
    key = f"about.template.{file_name}"
    if key in TEXT:
        return t(key, lang)
    year = re.search(r"fy(\d{4})", file_name)
    return t("about.template.sample", lang, fy=fy_label(int(year.group(1)), lang) if year else "-")


# The indicators' units (indicator_catalog's unit column) in English; a unit not listed is shown
# as it is (data).
UNITS_EN = {
    "件": "cases",
    "人": "people",
    "万人": "× 10,000 people",
    "機関": "organisations",
    "%": "%",
    "TEU": "TEU",
    "pt": "pt",
}


def unit_label(unit: object, lang: str = "ja") -> str:
    if not isinstance(unit, str) or not unit:
        return ""
    return UNITS_EN.get(unit, unit) if lang == "en" else unit


def with_unit(number: str, unit: object, lang: str = "ja") -> str:
    """'214件' / '214 cases'; '57.6%' in both; '27.4万人' / '274,000 people' (ten-thousands written
    out in English, where 「万」 has no word)."""
    if lang == "en" and unit == "万人":
        try:
            people = float(number.replace(",", "")) * 10_000
        except ValueError:
            pass
        else:
            if math.isfinite(people):
                return f"{people:,.0f} people"
    label = unit_label(unit, lang)
    if not number or not label:
        return number
    return f"{number}{label}" if lang == "ja" or label == "%" else f"{number} {label}"


def target_label(text: str, lang: str = "ja") -> str:
    """A text target (現状値以上 / 現状値以下) in the display language."""
    key = f"ind.target.{text}"
    return t(key, lang) if key in TEXT else text


def fy_label(fiscal_year: int, lang: str = "ja") -> str:
    return t("fy.label", lang, v=int(fiscal_year))


def name_column(base: str, lang: str) -> str:
    """``name`` → ``name_ja`` or ``name_en`` (the columns the queries return in both languages)."""
    return f"{base}_{'en' if lang == 'en' else 'ja'}"
