"""The fixture database: the published structure (terms, goals, directions, bureaus) from
data/reference/, plus a handful of literal initiatives and evaluations whose results the tests
compute by hand. Not the reference sample.

Initiatives (code → ids):
  A 10000010: T1, T2, T3   goal 1, direction 1-1, economy-labour   (continues across all terms)
  B 20000010:     T2, T3   goal 2, direction 2-1, civic-culture    (starts mid-plan, new in T2)
  C 30000010:         T3   goal 3, direction 3-2, education        (new in T3)
  D 30000020:         T3   goal 3, direction 3-1, ward-kawasaki    (hostile name and note)
  E 40000010: T1           goal 3, direction 3-3, education        (ends after term 1)

Evaluations (fiscal year: level, * = COVID-affected, † = disaster-affected); FY2025 is missing:
  A: 2016 3, 2017 2 | 2018 3, 2019 3†, 2020 4*, 2021 3* | 2022 3, 2023 2, 2024 1
  B:                | 2018 2, 2019 3,  2020 5*, 2021 4* | 2022 4*, 2023 3, 2024 3
  C:                |                                   | 2022 3, 2023 4, 2024 3
  D:                |                                   | 2022 3, 2023 3, 2024 4
  E: 2016 4, 2017 3
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from analytics.config import REFERENCE_DIR
from analytics.ingest.build import (
    STRUCTURE_TABLES,
    create_schema,
    insert_frame,
    read_reference,
    refresh_facts,
)

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_NOTE = "=SUM(A1)"
MARKDOWN_NOTE = "**太字** [link](javascript:alert(1)) <b>b</b>"

INITIATIVES = [
    # initiative_id, code, term, direction, bureau, name_ja, name_en, new_or_expanded
    (
        "T1-10000010",
        "10000010",
        1,
        "1-1",
        "economy-labour",
        "海外展開テスト事業",
        "Overseas Test",
        None,
    ),
    (
        "T2-10000010",
        "10000010",
        2,
        "1-1",
        "economy-labour",
        "海外展開テスト事業",
        "Overseas Test",
        None,
    ),
    (
        "T3-10000010",
        "10000010",
        3,
        "1-1",
        "economy-labour",
        "海外展開テスト事業",
        "Overseas Test",
        "expanded",
    ),
    (
        "T2-20000010",
        "20000010",
        2,
        "2-1",
        "civic-culture",
        "発信テスト事業",
        "Outreach Test",
        "new",
    ),
    ("T3-20000010", "20000010", 3, "2-1", "civic-culture", "発信テスト事業", "Outreach Test", None),
    ("T3-30000010", "30000010", 3, "3-2", "education", "相談テスト事業", "Counselling Test", "new"),
    ("T3-30000020", "30000020", 3, "3-1", "ward-kawasaki", HOSTILE_NAME, HOSTILE_NAME, "new"),
    ("T1-40000010", "40000010", 1, "3-3", "education", "人材テスト事業", "Talent Test", None),
]

# (initiative_id, fiscal_year, level, covid, disaster, note)
EVALUATIONS = [
    ("T1-10000010", 2016, 3, False, False, None),
    ("T1-10000010", 2017, 2, False, False, None),
    ("T2-10000010", 2018, 3, False, False, None),
    ("T2-10000010", 2019, 3, False, True, "台風"),
    ("T2-10000010", 2020, 4, True, False, "中止"),
    ("T2-10000010", 2021, 3, True, False, None),
    ("T3-10000010", 2022, 3, False, False, None),
    ("T3-10000010", 2023, 2, False, False, None),
    ("T3-10000010", 2024, 1, False, False, None),
    ("T2-20000010", 2018, 2, False, False, None),
    ("T2-20000010", 2019, 3, False, False, None),
    ("T2-20000010", 2020, 5, True, False, "全面中止"),
    ("T2-20000010", 2021, 4, True, False, "縮小"),
    ("T3-20000010", 2022, 4, True, False, "縮小"),
    ("T3-20000010", 2023, 3, False, False, None),
    ("T3-20000010", 2024, 3, False, False, None),
    ("T3-30000010", 2022, 3, False, False, None),
    ("T3-30000010", 2023, 4, False, False, "人員不足"),
    ("T3-30000010", 2024, 3, False, False, HOSTILE_NOTE),
    ("T3-30000020", 2022, 3, False, False, None),
    ("T3-30000020", 2023, 3, False, False, MARKDOWN_NOTE),
    ("T3-30000020", 2024, 4, False, False, HOSTILE_NOTE),
    ("T1-40000010", 2016, 4, False, False, "遅延"),
    ("T1-40000010", 2017, 3, False, False, None),
]


def build_fixture(db: Path, reference_dir: Path = REFERENCE_DIR, year_shift: int = 0) -> None:
    """The fixture database; ``reference_dir`` and ``year_shift`` build the same evaluations in a
    plan of other years (tests/test_plan.py)."""
    con = duckdb.connect(str(db))
    try:
        create_schema(con)
        for table in STRUCTURE_TABLES:
            insert_frame(con, table, read_reference(table, reference_dir))
        initiatives = pd.DataFrame(
            INITIATIVES,
            columns=[
                "initiative_id",
                "project_code",
                "term_id",
                "direction_id",
                "department_id",
                "name_ja",
                "name_en",
                "new_or_expanded",
            ],
        ).assign(description_ja="テスト用", source="fixture")
        insert_frame(con, "initiatives", initiatives)
        evaluations = pd.DataFrame(
            EVALUATIONS,
            columns=[
                "initiative_id",
                "fiscal_year",
                "achievement_level",
                "covid_impact",
                "disaster_impact",
                "note_ja",
            ],
        )
        evaluations["fiscal_year"] += year_shift
        evaluations["term_id"] = evaluations["initiative_id"].str[1].astype(int)
        evaluations = evaluations.assign(next_step="Ⅱ", results_ja="テスト実績", source="fixture")
        insert_frame(con, "evaluations", evaluations)
        refresh_facts(con)
        con.execute(
            "insert into dataset_provenance values ('fixture', 'sample', 'テスト用データ', 'Test data', 'tests/fixture_data.py')"
        )
        con.execute(
            "insert into dataset_meta values ('as_of', '2025-06-30'), ('content', 'fixture')"
        )
        con.execute("checkpoint")
    finally:
        con.close()
