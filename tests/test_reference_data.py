"""The shipped reference dataset: published counts, names and calibration facts, each checked by
SQL written here, independently of the app's queries."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

GOALS_JA = {
    1: "川崎発の最先端技術で世界をリードするまち",
    2: "発信力を高め世界的プレゼンスを確立するまち",
    3: "多様性が市民の生活を豊かにしていくことを誰もが認識しているまち",
}
DIRECTIONS_JA = {
    "1-1": "世界をけん引するビジネス拠点の創出",
    "1-2": "企業の海外展開による国際競争力の強化",
    "1-3": "海外への先端環境技術移転によるビジネス展開",
    "2-1": "国際的認知度向上の促進",
    "2-2": "海外から人を川崎にひきつけるまちづくり",
    "2-3": "海外諸都市との戦略的な関係の構築",
    "3-1": "地域での交流・多文化共生の促進",
    "3-2": "誰もが暮らしやすい環境づくり",
    "3-3": "グローバル都市・川崎を担う人材の育成・活用等",
}


def rows(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def test_goals_and_directions_carry_the_source_documents_names(reference_con):
    assert dict(rows(reference_con, "select goal_id, name_ja from goals")) == GOALS_JA
    got = rows(reference_con, "select direction_id, goal_id, name_ja from directions order by 1")
    assert got == [(d, int(d[0]), name) for d, name in DIRECTIONS_JA.items()]
    assert rows(
        reference_con, "select count(*) from goals where name_en is null or name_en = ''"
    ) == [(0,)]


def test_terms_and_their_fiscal_years(reference_con):
    assert rows(reference_con, "select term_id, first_fy, last_fy from terms order by 1") == [
        (1, 2016, 2017),
        (2, 2018, 2021),
        (3, 2022, 2025),
    ]
    assert rows(
        reference_con,
        "select wareki_ja from fiscal_years where fiscal_year in (2016, 2019, 2022) order by 1",
    ) == [
        ("令和4年度",),
        ("令和元年度",),
        ("平成28年度",),
    ]


def test_term3_has_106_initiatives_14_29_63_by_goal(reference_con):
    got = rows(
        reference_con,
        """select d.goal_id, count(*) from initiatives i join directions d using (direction_id)
           where i.term_id = 3 group by 1 order by 1""",
    )
    assert got == [(1, 14), (2, 29), (3, 63)]


def test_every_direction_has_initiatives_in_every_term(reference_con):
    got = rows(
        reference_con,
        "select term_id, count(distinct direction_id) from initiatives group by 1 order by 1",
    )
    assert got == [(1, 9), (2, 9), (3, 9)]


@pytest.mark.parametrize(
    "name, goal",
    [
        ("国際戦略拠点活性化推進事業", 1),
        ("グリーンイノベーション推進事業", 1),
        ("水関連企業の海外展開支援の推進", 1),
        ("国際環境技術連携事業", 2),
        ("若者文化の発信事業", 2),
        ("市制100周年記念事業", 2),
        ("多文化共生社会の実現に向けた取組", 3),
        ("海外帰国・外国人児童生徒相談事業", 3),
        ("かわさきパラムーブメント推進事業", 3),
    ],
)
def test_initiatives_named_in_the_source_are_in_term3_under_their_goal(reference_con, name, goal):
    got = rows(
        reference_con,
        "select d.goal_id from initiatives i join directions d using (direction_id) where i.term_id = 3 and i.name_ja = ?",
        [name],
    )
    assert got == [(goal,)]


@pytest.mark.parametrize(
    "name, bureau",
    [
        ("国際交流推進事業", "総務企画局"),
        ("国際施策推進事業", "総務企画局"),
        ("交流推進事業", "市民文化局"),
        ("国際交流センター管理運営事業", "市民文化局"),
        ("外国人市民施策推進事業", "市民文化局"),
        ("海外展開支援事業", "経済労働局"),
        ("観光振興事業", "経済労働局"),
        ("上下水道分野における国際展開推進事業", "上下水道局"),
        ("戦略拠点形成推進事業", "臨海部国際戦略本部"),
        ("ポートセールス事業", "港湾局"),
        ("友好港交流推進事業", "港湾局"),
        ("京浜港広域連携推進事業", "港湾局"),
        ("国際連携・研究推進事業", "環境局"),
    ],
)
def test_real_fy2024_projects_have_their_real_owner(reference_con, name, bureau):
    got = rows(
        reference_con,
        "select d.name_ja from initiatives i join departments d using (department_id) where i.term_id = 3 and i.name_ja = ?",
        [name],
    )
    assert got == [(bureau,)]


def test_real_bureau_names_including_the_seven_wards(reference_con):
    names = {r[0] for r in rows(reference_con, "select name_ja from departments")}
    for ward in [
        "川崎区役所",
        "幸区役所",
        "中原区役所",
        "高津区役所",
        "宮前区役所",
        "多摩区役所",
        "麻生区役所",
    ]:
        assert ward in names
    assert {"総務企画局", "臨海部国際戦略本部", "危機管理本部", "教育委員会事務局"} <= names
    assert rows(reference_con, "select count(*) from departments where name_en = ''") == [(0,)]


def test_names_are_plausible_and_unique_within_a_term(reference_con):
    names = rows(reference_con, "select term_id, name_ja from initiatives")
    assert not [n for _, n in names if re.fullmatch(r"(施策|取組|事業)\s*\d+", n)]
    assert len(set(names)) == len(names)
    text = " ".join(n for _, n in names) + " ".join(
        r[0] for r in rows(reference_con, "select coalesce(description_ja, '') from initiatives")
    )
    for transcription_error in ["ケロリン", "ボルネア", "キングスライフフロント", "プレイケイン"]:
        assert transcription_error not in text


def test_continuing_projects_share_their_code_across_terms(reference_con):
    (continuing,) = rows(
        reference_con,
        "select count(*) from (select project_code from initiatives group by 1 having count(distinct term_id) = 3)",
    )[0]
    assert continuing >= 80  # most projects continue
    started = rows(
        reference_con,
        "select count(*) from initiatives where term_id = 3 and new_or_expanded = 'new'",
    )
    ended = rows(
        reference_con,
        "select count(distinct project_code) from initiatives where project_code not in "
        "(select project_code from initiatives where term_id = 3)",
    )
    assert started[0][0] > 0 and ended[0][0] > 0


def test_every_initiative_is_evaluated_every_fiscal_year_through_fy2024(reference_con):
    missing = rows(
        reference_con,
        """select count(*) from initiatives i join fiscal_years f using (term_id)
           left join evaluations e on e.initiative_id = i.initiative_id and e.fiscal_year = f.fiscal_year
           where f.fiscal_year <= 2024 and e.initiative_id is null""",
    )
    assert missing == [(0,)]
    assert rows(reference_con, "select count(*) from evaluations where fiscal_year = 2025") == [
        (0,)
    ]


def _below_share(con) -> dict[int, float]:
    return dict(
        rows(
            con,
            "select fiscal_year, avg(case when achievement_level >= 4 then 1.0 else 0.0 end) from evaluations group by 1",
        )
    )


def test_over_95_percent_on_target_at_end_of_term1_and_middle_of_term2(reference_con):
    below = _below_share(reference_con)
    for fy in (2017, 2018, 2019):
        assert 1 - below[fy] > 0.95, fy


def test_typhoon_and_covid_raised_the_count_below_target(reference_con):
    counts = dict(
        rows(
            reference_con,
            "select fiscal_year, count(*) from evaluations where achievement_level >= 4 group by 1",
        )
    )
    assert counts[2019] > counts[2018]
    typhoon = rows(
        reference_con,
        "select count(*) from evaluations where fiscal_year = 2019 and achievement_level >= 4 and disaster_impact",
    )
    assert typhoon[0][0] >= 1
    below = _below_share(reference_con)
    peak = sorted(below, key=below.get, reverse=True)[:2]
    assert sorted(peak) == [2020, 2021]
    for fy in (2020, 2021):
        covid, total = rows(
            reference_con,
            "select count(*) filter (where covid_impact), count(*) from evaluations where fiscal_year = ? and achievement_level >= 4",
            [fy],
        )[0]
        assert covid / total > 0.5
    assert below[2022] < below[2021] and below[2024] < below[2022]  # recovery


def test_level_3_dominates_and_levels_1_and_5_are_rare(reference_con):
    dist = dict(
        rows(reference_con, "select achievement_level, count(*) from evaluations group by 1")
    )
    total = sum(dist.values())
    assert dist[3] / total > 0.6
    assert dist.get(1, 0) / total < 0.02 and dist.get(5, 0) / total < 0.02


def test_provenance_says_what_is_published_and_what_is_sample(reference_con):
    kinds = dict(rows(reference_con, "select item, kind from dataset_provenance"))
    assert kinds["term3_counts"] == "published" and kinds["evaluations"] == "sample"
    assert rows(reference_con, "select distinct source from evaluations") == [("sample",)]


def test_generator_reproduces_the_committed_csvs(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "data/reference/generate.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for produced in sorted(tmp_path.glob("*.csv")):
        committed = ROOT / "data/reference" / produced.name
        assert produced.read_bytes() == committed.read_bytes(), produced.name
