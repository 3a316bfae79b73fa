-- One row per evaluation whose level is worse than the same project's the fiscal year before,
-- worst first: the largest drop, then the lowest level reached, then the latest year.
with chosen as (
    -- the rows first, on the evaluations' own columns; names only for the rows kept
    select
        initiative_id,
        project_no,
        term_id,
        goal_id,
        direction_id,
        fiscal_year,
        previous_level,
        achievement_level,
        achievement_level - previous_level as level_drop,
        covid_impact,
        disaster_impact,
        results_ja,
        note_ja
    from evaluation_facts
    where change = 'declined' and /* evaluation filters */ true
    order by level_drop desc, achievement_level desc, fiscal_year desc, project_no, initiative_id
    /* limit */
)

select
    c.fiscal_year,
    c.previous_level,
    c.achievement_level,
    c.level_drop,
    c.goal_id,
    c.direction_id,
    f.department_id,
    f.department_name_ja,
    f.department_name_en,
    c.initiative_id,
    f.project_code,
    f.name_ja,
    f.name_en,
    c.covid_impact,
    c.disaster_impact,
    c.results_ja,
    c.note_ja
from chosen c
join initiative_facts f  -- term, goal, direction: see evaluations.sql
    on f.initiative_id = c.initiative_id
    and f.term_id = c.term_id
    and f.goal_id = c.goal_id
    and f.direction_id = c.direction_id
order by
    c.level_drop desc,
    c.achievement_level desc,
    c.fiscal_year desc,
    c.project_no,
    c.initiative_id
