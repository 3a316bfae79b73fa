-- One row per evaluation below target (level 4 or 5), worst first: level, then the latest year,
-- with the impact flags and the notes that explain it.
with chosen as (
    -- the rows first, on the evaluations' own columns; names only for the rows kept
    select
        initiative_id,
        project_no,
        term_id,
        goal_id,
        direction_id,
        fiscal_year,
        achievement_level,
        covid_impact,
        disaster_impact,
        next_step,
        results_ja,
        note_ja
    from evaluation_facts
    where achievement_level >= 4 and /* evaluation filters */ true
    order by achievement_level desc, fiscal_year desc, goal_id, direction_id, project_no, initiative_id
    /* limit */
)

select
    c.fiscal_year,
    c.achievement_level,
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
    c.next_step,
    c.results_ja,
    c.note_ja
from chosen c
join initiative_facts f  -- term, goal, direction: see evaluations.sql
    on f.initiative_id = c.initiative_id
    and f.term_id = c.term_id
    and f.goal_id = c.goal_id
    and f.direction_id = c.direction_id
order by
    c.achievement_level desc,
    c.fiscal_year desc,
    c.goal_id,
    c.direction_id,
    c.project_no,
    c.initiative_id
