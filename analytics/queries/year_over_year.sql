-- One row per evaluation: the initiative's level that year, its level the fiscal year before
-- (followed across terms by project code), and the change: improved, same, declined, or new.
-- The previous year is looked up before filtering, so a filtered year keeps its baseline.
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
        previous_level,
        change,
        covid_impact,
        disaster_impact,
        results_ja,
        note_ja
    from evaluation_facts
    where /* evaluation filters */ true
    order by fiscal_year, project_no
    /* limit */
)

select
    c.fiscal_year,
    c.term_id,
    c.goal_id,
    c.direction_id,
    f.department_id,
    f.department_name_ja,
    f.department_name_en,
    c.initiative_id,
    f.project_code,
    f.project_key,
    f.name_ja,
    f.name_en,
    c.achievement_level,
    c.previous_level,
    c.change,
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
order by c.fiscal_year, c.project_no
