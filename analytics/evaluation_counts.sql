-- One row per combination of every column a filter or a chart groups evaluations by (fiscal
-- year, term, goal, direction, bureau, 新規・拡充, COVID and disaster impact, level, the level
-- the year before and the change), with how many evaluations share it.
--
-- Materialised as the table evaluation_counts after every build and import: some ten thousand
-- rows stand for ten million evaluations, so a count by year, goal or bureau under any filter
-- reads a few thousand rows. The one filter it cannot answer is a name search (names are not
-- among its columns): for a search, analytics/queries runs this same statement over the
-- matching evaluations in its place, through the search marker below.
with counted as (
    select
        fiscal_year,
        term_id,
        goal_id,
        direction_id,
        department_id,
        new_or_expanded,
        covid_impact,
        disaster_impact,
        achievement_level,
        on_target,
        previous_level,
        change,
        count(*) as evaluations
    from evaluation_facts
    where /* search filter */ true
    group by all
)

select
    c.fiscal_year,
    c.term_id,
    t.name_ja as term_name_ja,
    t.name_en as term_name_en,
    c.goal_id,
    g.name_ja as goal_name_ja,
    g.name_en as goal_name_en,
    c.direction_id,
    d.name_ja as direction_name_ja,
    d.name_en as direction_name_en,
    c.department_id,
    dp.name_ja as department_name_ja,
    dp.name_en as department_name_en,
    c.new_or_expanded,
    c.covid_impact,
    c.disaster_impact,
    c.achievement_level,
    c.on_target,
    c.previous_level,
    c.change,
    c.evaluations
from counted c
join terms t on t.term_id = c.term_id
join goals g on g.goal_id = c.goal_id
join directions d on d.direction_id = c.direction_id
join departments dp on dp.department_id = c.department_id
