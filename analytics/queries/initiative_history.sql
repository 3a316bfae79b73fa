-- One row per fiscal year of one project's whole history across terms ($project_key: its 8-digit
-- code, or the initiative id where it has none), with the term it was listed in that year.
select
    e.fiscal_year,
    f.term_id,
    f.term_name_ja,
    f.term_name_en,
    f.initiative_id,
    f.project_code,
    f.name_ja,
    f.name_en,
    f.goal_id,
    f.goal_name_ja,
    f.goal_name_en,
    f.direction_id,
    f.direction_name_ja,
    f.direction_name_en,
    f.department_id,
    f.department_name_ja,
    f.department_name_en,
    f.new_or_expanded,
    e.achievement_level,
    e.covid_impact,
    e.disaster_impact,
    e.next_step,
    e.results_ja,
    e.note_ja,
    e.source
from evaluation_facts e
join initiative_facts f on f.initiative_id = e.initiative_id
where e.project_no = (select project_no from projects where project_key = $project_key)
order by e.fiscal_year
