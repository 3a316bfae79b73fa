-- One row per evaluation: the initiative's level that year, its level the fiscal year before
-- (followed across terms by project code), and the change: improved, same, declined, or new.
-- The previous year is looked up before filtering, so a filtered year keeps its baseline.
select
    fiscal_year,
    term_id,
    goal_id,
    direction_id,
    department_id,
    department_name_ja,
    department_name_en,
    initiative_id,
    project_code,
    project_key,
    name_ja,
    name_en,
    achievement_level,
    previous_level,
    change,
    covid_impact,
    disaster_impact,
    results_ja,
    note_ja
from evaluation_facts
where /* evaluation filters */ true
order by fiscal_year, project_key
