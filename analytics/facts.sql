-- Tables derived from the data, rebuilt after every build and import (analytics/ingest/build.py
-- refresh_facts): the queries read these, never the source tables' joins. Each is laid out for
-- the questions the dashboard asks at ten million evaluations.

-- The plan's fiscal years, as bits of a 128-bit mask (bit 0 = FY1990, see initiative_years).
select case
    when exists (select 1 from fiscal_years where fiscal_year not between 1990 and 2100)
        then error('fiscal years must lie between 1990 and 2100')
end;

-- One row per project (followed across terms by project code; the initiative id where it has
-- none): a dense integer number, so that joins and distinct counts work on integers.
create or replace table projects as
select project_key, (row_number() over (order by project_key))::integer as project_no
from (select distinct coalesce(project_code, initiative_id) as project_key from initiatives);

-- One row per initiative (per term) with every name a reader needs. project_key follows a
-- project across terms (its code; the initiative id where it has none).
create or replace table initiative_facts as
select
    i.initiative_id,
    i.project_code,
    p.project_key,
    p.project_no,
    i.term_id,
    t.name_ja as term_name_ja,
    t.name_en as term_name_en,
    t.first_fy,
    t.last_fy,
    d.goal_id,
    g.name_ja as goal_name_ja,
    g.name_en as goal_name_en,
    i.direction_id,
    d.name_ja as direction_name_ja,
    d.name_en as direction_name_en,
    i.department_id,
    dp.name_ja as department_name_ja,
    dp.name_en as department_name_en,
    i.name_ja,
    coalesce(i.name_en, i.name_ja) as name_en,
    i.new_or_expanded,
    i.description_ja,
    i.source
from initiatives i
join terms t on t.term_id = i.term_id
join directions d on d.direction_id = i.direction_id
join goals g on g.goal_id = d.goal_id
join departments dp on dp.department_id = i.department_id
join projects p on p.project_key = coalesce(i.project_code, i.initiative_id)
order by i.term_id, d.goal_id, i.direction_id, i.initiative_id;

-- One row per project and distinct name pair: the lower-cased names (Japanese and English) and
-- code a name search looks in. A search selects whole projects, in every term, by any name
-- they had.
create or replace table project_search as
select distinct
    project_no,
    project_key,
    project_code,
    lower(name_ja) || chr(10) || lower(name_en) as search_text
from initiative_facts;

-- One row per evaluation with the filter columns of its initiative (ids only: names are joined
-- from initiative_facts by the few rows a list shows), and the same project's level the fiscal
-- year before (followed across terms by project number) with the change: improved, same,
-- declined, or new (not evaluated the year before; level 1 is best).
--
-- Materialised rather than a view, and rebuilt after every build and import: at ten million
-- evaluations a join to the initiatives and a window over all rows on every query would cost
-- more than the query itself. Sorted by fiscal year, so a year filter reads only its row groups.
create or replace table evaluation_facts as
with history as (
    select
        f.initiative_id,
        f.project_no,
        f.term_id,
        f.goal_id,
        f.direction_id,
        f.department_id,
        f.new_or_expanded,
        e.fiscal_year,
        e.achievement_level,
        e.achievement_level <= 3 as on_target,
        e.covid_impact,
        e.disaster_impact,
        e.next_step,
        e.results_ja,
        e.note_ja,
        e.source,
        lag(e.achievement_level) over w as lagged_level,
        lag(e.fiscal_year) over w as lagged_fiscal_year
    from evaluations e
    join initiative_facts f on f.initiative_id = e.initiative_id
    window w as (partition by f.project_no order by e.fiscal_year)
)

select
    history.* exclude (lagged_level, lagged_fiscal_year),
    case when lagged_fiscal_year = fiscal_year - 1 then lagged_level end as previous_level,
    case
        when lagged_fiscal_year is distinct from fiscal_year - 1 then 'new'
        when achievement_level < lagged_level then 'improved'
        when achievement_level > lagged_level then 'declined'
        else 'same'
    end as change
from history
order by fiscal_year;

-- One row per initiative (per term) with at least one evaluation: its filter columns and, as
-- bit masks over fiscal years (bit n = FY1990 + n), the years it was evaluated, affected by
-- COVID-19 and by a disaster. "How many initiatives have an evaluation in the filter" is then a
-- count of rows whose masks meet the filter's years and impacts (analytics/filters.py), not a
-- distinct count over every evaluation.
create or replace table initiative_years as
select
    initiative_id,
    any_value(project_no) as project_no,
    any_value(term_id) as term_id,
    any_value(goal_id) as goal_id,
    any_value(direction_id) as direction_id,
    any_value(department_id) as department_id,
    any_value(new_or_expanded) as new_or_expanded,
    bit_or(1::hugeint << (fiscal_year - 1990)) as evaluated_mask,
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where covid_impact), 0)
        as covid_mask,
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where disaster_impact), 0)
        as disaster_mask,
    -- the years evaluated at each achievement level (the level filter, analytics/filters.py)
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where achievement_level = 1), 0)
        as level_1_mask,
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where achievement_level = 2), 0)
        as level_2_mask,
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where achievement_level = 3), 0)
        as level_3_mask,
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where achievement_level = 4), 0)
        as level_4_mask,
    coalesce(bit_or(1::hugeint << (fiscal_year - 1990)) filter (where achievement_level = 5), 0)
        as level_5_mask
from evaluation_facts
group by initiative_id
order by term_id, goal_id, direction_id, department_id;
