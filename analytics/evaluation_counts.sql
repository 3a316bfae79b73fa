-- One row per combination of every column a filter or a chart groups evaluations by (fiscal
-- year, term, goal, direction, bureau, 新規・拡充, COVID and disaster impact, level, the level
-- the year before and the change), with how many evaluations share it.
--
-- Materialised as the table evaluation_counts after every build and import: some ten thousand
-- rows stand for ten million evaluations, so a count by year, goal or bureau under any filter
-- reads a few thousand rows. The one filter it cannot answer is a name search (names are not
-- among its columns): for a search, analytics/queries runs this same statement over the
-- matching evaluations in its place, through the search marker below.
select
    fiscal_year,
    term_id,
    term_name_ja,
    term_name_en,
    goal_id,
    goal_name_ja,
    goal_name_en,
    direction_id,
    direction_name_ja,
    direction_name_en,
    department_id,
    department_name_ja,
    department_name_en,
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
