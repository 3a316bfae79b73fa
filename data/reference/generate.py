"""Write the reference CSVs in this folder from catalog.py. Deterministic: run it twice, get the
same bytes (randomness is a SHA-256 of the project code and year, not a seeded RNG, so it does not
depend on the Python version).

    python data/reference/generate.py

What is published and what is sample: see data/README.md.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import catalog  # noqa: E402
import indicator_catalog  # noqa: E402

# Evaluations below target (level 4-5) per fiscal year. Calibrated to the published facts:
# over 95% at level 1-3 in FY2016-FY2019, more below target in FY2019 (typhoon, first COVID
# cancellations) than FY2018, the peak in FY2020-FY2021, recovery after.
BELOW_TARGET_COUNT = {
    2016: 3,
    2017: 3,
    2018: 2,
    2019: 4,
    2020: 29,
    2021: 24,
    2022: 13,
    2023: 9,
    2024: 7,
}
LEVEL5_COUNT = {2020: 3, 2021: 2}  # whole programmes cancelled (exchange visits, events)
LAST_EVALUATED_FY = 2024  # FY2025 is left for the city's own sheet (see data/templates/)
MUSEUM = "市民ミュージアム企画展示事業"  # closed by the October 2019 typhoon flood

POLICY_DIGIT = {  # first digit of the 8-digit code: the 総合計画 basic policy the project serves
    "health-welfare": 1,
    "hospital": 1,
    "fire": 1,
    "crisis-management": 1,
    "education": 2,
    "children": 2,
    "environment": 3,
    "waterworks": 3,
}
COVID_EXPOSURE = {  # weight for being picked below target, by profile and year
    2020: {"x": 1.0, "t": 1.0, "p": 0.9, "b": 0.6, "d": 0.08},
    2021: {"x": 1.0, "t": 1.0, "p": 0.9, "b": 0.6, "d": 0.08},
    2022: {"x": 0.8, "t": 0.8, "p": 0.5, "b": 0.4, "d": 0.15},
    2023: {"x": 0.4, "t": 0.4, "p": 0.3, "b": 0.3, "d": 0.2},
    2024: {"x": 0.4, "t": 0.4, "p": 0.3, "b": 0.3, "d": 0.2},
}
ACTIVITY = {
    "x": "交流事業・イベント",
    "t": "海外からの来訪者の受入れ・誘客",
    "p": "海外ポートセールス・港湾関係者の招へい",
    "b": "海外商談会・海外展開支援",
    "d": "事業",
}


@dataclass(frozen=True)
class Project:
    code: str
    direction_id: str
    terms: tuple[int, ...]
    expanded_in: tuple[int, ...]
    profile: str
    typhoon_area: bool
    bureau_by_term: dict
    name_ja: str
    name_en: str


def unit(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) from the given parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest[:13], 16) / 16**13


def parse_projects() -> list[Project]:
    projects: list[Project] = []
    counters: dict[str, int] = {}
    dept_index = {d[0]: i + 1 for i, d in enumerate(catalog.DEPARTMENTS)}
    direction_seq = {d[0]: d[2] for d in catalog.DIRECTIONS}
    for line in catalog.PROJECTS.strip().splitlines():
        direction_id, terms_spec, profile_spec, bureau_spec, name_ja, name_en = line.split("|")
        terms, expanded = [], []
        for ch in terms_spec:
            if ch == "+":
                expanded.append(terms[-1])
            else:
                terms.append(int(ch))
        profile, _, flag = profile_spec.partition("+")
        early, _, late = bureau_spec.partition("/")
        bureau_by_term = {t: (late if late and t == 3 else early) for t in terms}
        home = bureau_by_term[terms[-1]]
        prefix = f"{POLICY_DIGIT.get(home, 4 if home in _ECONOMY else 5)}"
        prefix += f"{direction_seq[direction_id]:02d}{dept_index[home]:02d}"
        counters[prefix] = counters.get(prefix, 0) + 1
        code = f"{prefix}{counters[prefix] * 10:03d}"
        projects.append(
            Project(
                code,
                direction_id,
                tuple(terms),
                tuple(expanded),
                profile,
                flag == "y",
                bureau_by_term,
                name_ja,
                name_en,
            )
        )
    codes = [p.code for p in projects]
    assert len(set(codes)) == len(codes), "project codes must be unique"
    return projects


_ECONOMY = {
    "economy-labour",
    "port",
    "coastal-strategy",
    "urban-development",
    "construction-green",
    "transportation",
}


def initiative_rows(projects: list[Project]) -> list[dict]:
    goal_of = {d[0]: d[1] for d in catalog.DIRECTIONS}
    rows = []
    for term in (1, 2, 3):
        for p in projects:
            if term not in p.terms:
                continue
            if p.expanded_in and term in p.expanded_in:
                change = "expanded"
            elif term > 1 and term == p.terms[0]:
                change = "new"
            else:
                change = ""
            description = catalog.PUBLISHED_DESCRIPTIONS.get(p.name_ja) or (
                f"{p.name_ja.removesuffix('事業')}を通じて、"
                f"「{_direction_name(p.direction_id)}」に向けた取組を推進する。"
            )
            rows.append(
                {
                    "initiative_id": f"T{term}-{p.code}",
                    "project_code": p.code,
                    "term_id": term,
                    "goal_id": goal_of[p.direction_id],
                    "direction_id": p.direction_id,
                    "department_id": p.bureau_by_term[term],
                    "name_ja": p.name_ja,
                    "name_en": p.name_en,
                    "new_or_expanded": change,
                    "description_ja": description,
                    "source": "sample",
                }
            )
    return rows


def _direction_name(direction_id: str) -> str:
    return next(d[3] for d in catalog.DIRECTIONS if d[0] == direction_id)


def pick_below_target(fy: int, candidates: list[Project]) -> dict[str, str]:
    """Which projects fall below target in ``fy`` and why: code -> 'covid' | 'typhoon' | 'other'."""
    picked: dict[str, str] = {}
    if fy >= 2019 and any(p.name_ja == MUSEUM for p in candidates):
        picked[next(p.code for p in candidates if p.name_ja == MUSEUM)] = "typhoon"
    if fy == 2019:
        typhoon = sorted(
            (p for p in candidates if p.typhoon_area and p.code not in picked),
            key=lambda p: -unit(p.code, fy, "typhoon"),
        )
        picked[typhoon[0].code] = "typhoon"
        # February-March 2020: the first events cancelled for COVID-19.
        events = sorted(
            (p for p in candidates if p.profile in "xt" and p.code not in picked),
            key=lambda p: -unit(p.code, fy, "covid"),
        )
        for p in events[:2]:
            picked[p.code] = "covid"
        return picked
    weights = COVID_EXPOSURE.get(fy)
    remaining = BELOW_TARGET_COUNT[fy] - len(picked)
    # Weighted sampling without replacement (Efraimidis-Spirakis): largest u ** (1 / w).
    scored = sorted(
        (p for p in candidates if p.code not in picked),
        key=lambda p: -(unit(p.code, fy, "below") ** (1 / (weights[p.profile] if weights else 1))),
    )
    for p in scored[:remaining]:
        picked[p.code] = "covid" if weights and p.profile != "d" and fy <= 2022 else "other"
        if weights and p.profile == "d" and fy <= 2021 and unit(p.code, fy, "flag") < 0.6:
            picked[p.code] = "covid"
    return picked


def evaluation_rows(projects: list[Project]) -> list[dict]:
    rows = []
    for term_id, _, _, first_fy, last_fy in catalog.TERMS:
        for fy in range(first_fy, min(last_fy, LAST_EVALUATED_FY) + 1):
            candidates = [p for p in projects if term_id in p.terms]
            below = pick_below_target(fy, candidates)
            level5 = sorted(
                (c for c, why in below.items() if why == "covid"),
                key=lambda c: -unit(c, fy, "level5"),
            )[: LEVEL5_COUNT.get(fy, 0)]
            for p in candidates:
                rows.append(
                    _evaluation(p, term_id, fy, last_fy, below.get(p.code), p.code in level5)
                )
    return rows


def _evaluation(p: Project, term_id: int, fy: int, term_last_fy: int, why, is_level5) -> dict:
    u = unit(p.code, fy, "level")
    if why:
        level = 5 if is_level5 else 4
    elif fy >= 2021 and u < 0.012:
        level = 1
    elif u < 0.12:
        level = 2
    else:
        level = 3
    exposed = p.profile in "xtpb"
    covid = (
        why == "covid"
        or (2020 <= fy <= 2021 and exposed)
        or (fy == 2022 and p.profile in "xt")
        or (fy == 2023 and why and p.profile in "xt")
    )
    disaster = why == "typhoon" or (fy == 2019 and p.typhoon_area)
    ends_here = fy == term_last_fy and p.terms[-1] == term_id and term_id < 3
    if ends_here:
        next_step = "Ⅵ"
    elif why or covid:
        next_step = "Ⅱ"
    elif level <= 2 and unit(p.code, fy, "grow") < 0.3:
        next_step = "Ⅲ"
    elif p.profile == "d" and unit(p.code, fy, "shrink") < 0.02:
        next_step = "Ⅳ"
    else:
        next_step = "Ⅰ" if unit(p.code, fy, "step") < 0.55 else "Ⅱ"
    results, note = _texts(p, fy, level, why, covid)
    return {
        "initiative_id": f"T{term_id}-{p.code}",
        "fiscal_year": fy,
        "achievement_level": level,
        "covid_impact": "true" if covid else "false",
        "disaster_impact": "true" if disaster else "false",
        "next_step": next_step,
        "results_ja": results,
        "note_ja": note,
        "source": "sample",
    }


def _texts(p: Project, fy: int, level: int, why, covid: bool) -> tuple[str, str]:
    activity = ACTIVITY[p.profile]
    subject = p.name_ja.removesuffix("事業")
    if why == "typhoon":
        return (
            "令和元年東日本台風の影響により施設・会場が被災し、予定していた取組の一部を中止した。",
            "施設の復旧状況を踏まえ再開時期を検討",
        )
    if why == "covid" and level == 5:
        return (
            f"新型コロナウイルス感染症の影響により、予定していた{activity}をすべて中止した。",
            "感染状況を踏まえ翌年度以降に延期",
        )
    if why == "covid":
        return (
            f"新型コロナウイルス感染症の影響により、{activity}を中止・縮小したため、目標を下回った。",
            "一部をオンラインで代替実施",
        )
    if why:
        return ("関係機関との調整に時間を要し、取組の一部が翌年度にずれ込んだ。", "")
    if covid:
        return (
            f"新型コロナウイルス感染症の影響を受けたが、オンライン開催への切替え等により{subject}の取組を概ね目標どおり実施した。",
            "オンライン開催に切替え",
        )
    if level == 1:
        return (f"{subject}の取組は、参加者数・実施件数とも目標を大きく上回った。", "")
    if level == 2:
        return (f"{subject}の取組は、参加者数・実施件数とも目標を上回った。", "")
    return (f"{subject}の取組を計画どおり実施した。", "")


def provenance_rows() -> list[dict]:
    src = "川崎市国際施策推進プラン第3期実行プログラムについて（概要）"
    return [
        {
            "item": "structure",
            "kind": "published",
            "description_ja": "3つの基本目標・取組方針、9つの取組の方向性の名称、3期の実行プログラムと計画期間",
            "description_en": "Names of the 3 basic goals and policy lines, the 9 directions, "
            "and the 3 implementation programs with their fiscal years",
            "reference": src,
        },
        {
            "item": "term3_counts",
            "kind": "published",
            "description_ja": "第3期の取組数 106件（基本目標1: 14件、2: 29件、3: 63件）",
            "description_en": "Term 3 lists 106 initiatives: 14 / 29 / 63 by goal",
            "reference": src,
        },
        {
            "item": "named_initiatives",
            "kind": "published",
            "description_ja": "概要版に名前の挙がる9つの取組とその基本目標、概要の文",
            "description_en": "The 9 initiatives the source document names, their goal and description",
            "reference": src,
        },
        {
            "item": "real_project_owners",
            "kind": "published",
            "description_ja": "令和6年度事務事業評価に見える国際関連事業の名称と所管局（16事業）",
            "description_en": "Names and owning bureaus of 16 international projects in the FY2024 "
            "city evaluation",
            "reference": "川崎市 令和6年度 事務事業評価",
        },
        {
            "item": "bureaus",
            "kind": "published",
            "description_ja": "所管局・区役所の名称（計画期間中の組織）",
            "description_en": "Names of the city's bureaus and ward offices of the period",
            "reference": "川崎市 組織",
        },
        {
            "item": "other_initiatives",
            "kind": "sample",
            "description_ja": "上記以外の取組名、取組の方向性・所管局の割当て、8桁の事業コード、"
            "第1期・第2期の取組一覧（期ごとの件数を含む）、概要の文",
            "description_en": "All other initiative names, their direction and bureau, the 8-digit "
            "codes, the term 1 and term 2 lists (and their sizes), and the descriptions",
            "reference": "data/reference/catalog.py",
        },
        {
            "item": "evaluations",
            "kind": "sample",
            "description_ja": "FY2016〜FY2024の各取組の達成度・影響フラグ・今後の方向性・取組実績。"
            "公表された事実（FY2017・FY2018〜19に達成度1〜3が95%超、台風と新型コロナによる"
            "目標未達の増加）に合わせて作成した見本。FY2025は未評価",
            "description_en": "Every evaluation FY2016-FY2024 (level, impact flags, next step, "
            "results text): a sample calibrated to the published facts (over 95% at level 1-3 "
            "in FY2017 and FY2018-19; more below target after the 2019 typhoon and COVID-19). "
            "FY2025 is not evaluated",
            "reference": "data/reference/generate.py",
        },
        {
            "item": "indicator_published",
            "kind": "published",
            "description_ja": "成果指標の公表値: 川崎港コンテナ取扱量（2014年 77,207TEU、2018年 146,894TEU、"
            "目標15万TEU）、入込観光客数（2014年 1,504万人、10年で4割増）、外国人延べ宿泊者数"
            "（2019年 約28万人）、都市イメージ調査（良いイメージ 2022年度 57.6%・2024年度 74.2%、"
            "居住推奨度 21.7（目標20）、来訪推奨度 0.3・8.2・23.0（目標7）、シビックプライド 5.1"
            "（目標6）・5.9）、海外ビジネス支援センター（年間延べ300件）。各数値に出典を付記",
            "description_en": "Published indicator figures: port container throughput, visitors "
            "to the 25 main facilities, foreign overnight guests, the city image survey indices, "
            "the Overseas Business Support Center's 300 consultations a year; each number "
            "carries its reference",
            "reference": "DESIGN.md §5 (港湾局, 神奈川新聞, 日経, タウンニュース, 川崎市ページ)",
        },
        {
            "item": "indicator_sample",
            "kind": "sample",
            "description_ja": "上記以外の成果指標、その基準値・目標値・実績値、指標と取組の対応付け。"
            "総合計画第3期実施計画の指標一覧は入手できていないため、同計画の指標を名乗るものはない",
            "description_en": "Every other indicator and every other baseline, target and actual, "
            "and which initiatives serve which indicator. The city Comprehensive Plan's 3rd implementation plan "
            "indicator list is not available, so no indicator claims to be one of its",
            "reference": "data/reference/indicator_catalog.py",
        },
        {
            "item": "english_names",
            "kind": "derived",
            "description_ja": "英語名はすべて本ツールによる翻訳（公式の英訳はない）",
            "description_en": "All English names are our translation; none is published",
            "reference": "",
        },
    ]


def indicator_rows(initiatives: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """indicators.csv, indicator_initiatives.csv, indicator_values.csv from indicator_catalog."""
    by_name = {(r["term_id"], r["name_ja"]): r["initiative_id"] for r in initiatives}
    indicators, links, values = [], [], []
    for ind in indicator_catalog.INDICATORS:
        baseline, baseline_fy, baseline_kind = ind["baseline"]
        target, target_fy, target_kind = ind["target"]
        is_text = isinstance(target, str)
        indicators.append(
            {
                "indicator_code": ind["code"],
                "name_ja": ind["name_ja"],
                "name_en": ind["name_en"],
                "unit": ind["unit"],
                "better": ind["better"],
                "direction_id": ind["direction"],
                "term_id": ind["term"],
                "baseline_value": baseline,
                "baseline_fy": baseline_fy,
                "target_value": "" if is_text else target,
                "target_text": target if is_text else "",
                "target_fy": target_fy,
                "plan_ja": ind["plan"][0],
                "plan_en": ind["plan"][1],
                "provenance": ind["provenance"],
                "baseline_provenance": baseline_kind,
                "target_provenance": target_kind,
                "reference": ind["reference"] or "",
                "note_ja": ind["note"],
                "source": "sample",
            }
        )
        for name in ind["initiatives"]:
            links.append(
                {"indicator_code": ind["code"], "initiative_id": by_name[(ind["term"], name)]}
            )
        for fy, (actual, kind, note) in sorted(ind["values"].items()):
            values.append(
                {
                    "indicator_code": ind["code"],
                    "fiscal_year": fy,
                    "actual": actual,
                    "note_ja": note,
                    "provenance": kind,
                    "source": ind["reference"] if kind == "published" else "sample",
                }
            )
    return indicators, links, values


OUT = HERE


def write_csv(name: str, fieldnames: list[str], rows: list[dict]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# The events trend charts mark and the review's summary reads (the plan_events table): kind
# 'covid' or 'disaster', the evaluation flag they go with; a one-year event is drawn as a line.
PLAN_EVENTS = [
    ("typhoon-hagibis", "disaster", 2019, 2019, "令和元年東日本台風", "Typhoon Hagibis"),
    ("covid-19", "covid", 2020, 2022, "新型コロナの影響期間", "COVID-19 period"),
]


def main() -> None:
    projects = parse_projects()
    write_csv(
        "terms.csv",
        ["term_id", "name_ja", "name_en", "first_fy", "last_fy"],
        [
            dict(zip(["term_id", "name_ja", "name_en", "first_fy", "last_fy"], t, strict=False))
            for t in catalog.TERMS
        ],
    )
    write_csv(
        "fiscal_years.csv",
        ["fiscal_year", "term_id", "label_ja", "wareki_ja"],
        [
            {"fiscal_year": fy, "term_id": t[0], "label_ja": f"{fy}年度", "wareki_ja": wareki(fy)}
            for t in catalog.TERMS
            for fy in range(t[3], t[4] + 1)
        ],
    )
    goal_cols = [
        "goal_id",
        "policy_numeral",
        "name_ja",
        "name_en",
        "policy_name_ja",
        "policy_name_en",
    ]
    write_csv(
        "goals.csv", goal_cols, [dict(zip(goal_cols, g, strict=False)) for g in catalog.GOALS]
    )
    dir_cols = ["direction_id", "goal_id", "seq", "name_ja", "name_en"]
    write_csv(
        "directions.csv",
        dir_cols,
        [dict(zip(dir_cols, d, strict=False)) for d in catalog.DIRECTIONS],
    )
    dep_cols = ["department_id", "name_ja", "name_en", "kind"]
    write_csv(
        "departments.csv",
        dep_cols,
        [dict(zip(dep_cols, d, strict=False)) for d in catalog.DEPARTMENTS],
    )
    initiatives = initiative_rows(projects)
    write_csv("initiatives.csv", list(initiatives[0]), initiatives)
    evaluations = evaluation_rows(projects)
    write_csv("evaluations.csv", list(evaluations[0]), evaluations)
    indicators, links, values = indicator_rows(initiatives)
    write_csv("indicators.csv", list(indicators[0]), indicators)
    write_csv("indicator_initiatives.csv", list(links[0]), links)
    write_csv("indicator_values.csv", list(values[0]), values)
    provenance = provenance_rows()
    write_csv("provenance.csv", list(provenance[0]), provenance)
    event_cols = ["event_id", "kind", "first_fy", "last_fy", "label_ja", "label_en"]
    write_csv(
        "plan_events.csv",
        event_cols,
        [dict(zip(event_cols, e, strict=True)) for e in PLAN_EVENTS],
    )
    print(f"wrote {len(initiatives)} initiatives and {len(evaluations)} evaluations to {OUT}")


def wareki(fy: int) -> str:
    """Japanese era name of a fiscal year (April start): 2019 -> 令和元年度, 2018 -> 平成30年度."""
    if fy >= 2019:
        n = fy - 2018
        return f"令和{'元' if n == 1 else n}年度"
    return f"平成{fy - 1988}年度"


if __name__ == "__main__":
    if len(sys.argv) > 1:  # an output folder other than this one (the tests compare the bytes)
        OUT = Path(sys.argv[1])
    main()
