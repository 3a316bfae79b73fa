-- One row per evaluation below target (level 4 or 5), worst first: level, then the latest year,
-- with the impact flags and the notes that explain it.
select
    fiscal_year,
    achievement_level,
    goal_id,
    direction_id,
    department_id,
    department_name_ja,
    department_name_en,
    initiative_id,
    project_code,
    name_ja,
    name_en,
    covid_impact,
    disaster_impact,
    next_step,
    results_ja,
    note_ja
from evaluation_facts
where achievement_level >= 4 and /* evaluation filters */ true
order by achievement_level desc, fiscal_year desc, goal_id, direction_id, project_key
