-- One row per evaluation (initiative × fiscal year) with everything a reader filters or reads:
-- the rows behind every chart and every download. Oldest year first for the downloads; latest
-- first for the table on the screen, whose first rows are the ones it shows (the year order's
-- marker, see queries.statement: a plain `desc` lets DuckDB skip blocks for the top rows).
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
        on_target,
        covid_impact,
        disaster_impact,
        next_step,
        results_ja,
        note_ja,
        source
    from evaluation_facts
    where /* evaluation filters */ true
    order by fiscal_year /* year order */, goal_id, direction_id, project_no, initiative_id
    /* limit */
)

select
    c.fiscal_year,
    c.term_id,
    f.term_name_ja,
    f.term_name_en,
    c.goal_id,
    f.goal_name_ja,
    f.goal_name_en,
    c.direction_id,
    f.direction_name_ja,
    f.direction_name_en,
    f.department_id,
    f.department_name_ja,
    f.department_name_en,
    c.initiative_id,
    f.project_code,
    f.name_ja,
    f.name_en,
    f.new_or_expanded,
    c.achievement_level,
    c.on_target,
    c.covid_impact,
    c.disaster_impact,
    c.next_step,
    c.results_ja,
    c.note_ja,
    c.source
from chosen c
-- term, goal and direction are implied by the initiative; as join keys they let DuckDB skip the
-- blocks of initiative_facts (sorted by them) that cannot match
join initiative_facts f
    on f.initiative_id = c.initiative_id
    and f.term_id = c.term_id
    and f.goal_id = c.goal_id
    and f.direction_id = c.direction_id
order by c.fiscal_year /* year order */, c.goal_id, c.direction_id, c.project_no, c.initiative_id
