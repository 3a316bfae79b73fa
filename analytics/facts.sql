-- One row per evaluation with every name and filter column the queries use, and the same
-- project's level the fiscal year before (followed across terms by project code) with the change:
-- improved, same, declined, or new (not evaluated the year before; level 1 is best).
--
-- Materialised rather than a view, and rebuilt after every build and import: at ten million
-- evaluations a join to the initiatives and a window over all rows on every query would cost
-- more than the query itself. Sorted by fiscal year, so a year filter reads only its row groups.
create or replace table evaluation_facts as
with history as (
    select
        e.initiative_id,
        e.fiscal_year,
        e.achievement_level,
        lag(e.achievement_level) over w as lagged_level,
        lag(e.fiscal_year) over w as lagged_fiscal_year
    from evaluations e
    join initiatives i on i.initiative_id = e.initiative_id
    window w as (partition by coalesce(i.project_code, i.initiative_id) order by e.fiscal_year)
)

select
    f.* exclude (source, first_fy, last_fy, description_ja),
    e.fiscal_year,
    e.achievement_level,
    e.achievement_level <= 3 as on_target,
    e.covid_impact,
    e.disaster_impact,
    e.next_step,
    e.results_ja,
    e.note_ja,
    e.source,
    case when h.lagged_fiscal_year = e.fiscal_year - 1 then h.lagged_level end as previous_level,
    case
        when h.lagged_fiscal_year is distinct from e.fiscal_year - 1 then 'new'
        when e.achievement_level < h.lagged_level then 'improved'
        when e.achievement_level > h.lagged_level then 'declined'
        else 'same'
    end as change
from evaluations e
join initiative_facts f on f.initiative_id = e.initiative_id
join history h on h.initiative_id = e.initiative_id and h.fiscal_year = e.fiscal_year
order by e.fiscal_year;
