-- One row per fiscal year of one project's whole history across terms ($project_key: its 8-digit
-- code, or the initiative id where it has none), with the term it was listed in that year.
select
    fiscal_year,
    term_id,
    term_name_ja,
    term_name_en,
    initiative_id,
    project_code,
    name_ja,
    name_en,
    goal_id,
    goal_name_ja,
    goal_name_en,
    direction_id,
    direction_name_ja,
    direction_name_en,
    department_id,
    department_name_ja,
    department_name_en,
    new_or_expanded,
    achievement_level,
    covid_impact,
    disaster_impact,
    next_step,
    results_ja,
    note_ja,
    source
from evaluation_facts
where project_key = $project_key
order by fiscal_year
