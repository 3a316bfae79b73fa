-- One row per evaluation (initiative × fiscal year) with everything a reader filters or reads:
-- the rows behind every chart and every download.
select
    fiscal_year,
    term_id,
    term_name_ja,
    term_name_en,
    goal_id,
    goal_name_ja,
    goal_name_en,
    direction_id,
    direction_name_ja,
    direction_name_en,
    department_id,
    department_name_ja,
    department_name_en,
    initiative_id,
    project_code,
    name_ja,
    name_en,
    new_or_expanded,
    achievement_level,
    on_target,
    covid_impact,
    disaster_impact,
    next_step,
    results_ja,
    note_ja,
    source
from evaluation_facts
where /* evaluation filters */ true
order by fiscal_year, goal_id, direction_id, project_key, initiative_id
