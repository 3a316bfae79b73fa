-- One row per evaluation whose level is worse than the same project's the fiscal year before,
-- worst first: the largest drop, then the lowest level reached, then the latest year.
with chosen as (
    -- the order first, on the few columns it needs; whole rows (notes and all) only for those kept
    select rowid as row_id
    from evaluation_facts
    where change = 'declined' and /* evaluation filters */ true
    order by
        achievement_level - previous_level desc,
        achievement_level desc,
        fiscal_year desc,
        project_code,
        initiative_id
    /* limit */
)

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
where rowid in (select row_id from chosen)
order by level_drop desc, achievement_level desc, fiscal_year desc, project_code, initiative_id
