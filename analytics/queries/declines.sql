-- One row per evaluation whose level is worse than the same project's the fiscal year before,
-- worst first: the largest drop, then the lowest level reached, then the latest year.
select
    fiscal_year,
    previous_level,
    achievement_level,
    achievement_level - previous_level as level_drop,
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
    results_ja,
    note_ja
from evaluation_facts
where change = 'declined' and /* evaluation filters */ true
order by level_drop desc, achievement_level desc, fiscal_year desc, project_code
