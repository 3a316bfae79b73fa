-- One row per fiscal year of the plan (inside the filtered years): initiatives listed for it,
-- how many have an evaluation, and how many are still missing one.
with listed as (
    select term_id, count(*) as initiatives
    from initiative_facts
    where /* initiative filters */ true
    group by term_id
),

evaluated as (
    -- every evaluation belongs to a listed initiative of its year's term (foreign keys)
    select fiscal_year, sum(evaluations)::bigint as evaluated
    from evaluation_counts
    where /* count filters */ true
    group by fiscal_year
),

final as (
    select
        y.fiscal_year,
        coalesce(l.initiatives, 0) as expected,
        coalesce(e.evaluated, 0) as evaluated,
        coalesce(l.initiatives, 0) - coalesce(e.evaluated, 0) as missing
    from fiscal_years y
    left join listed l on l.term_id = y.term_id
    left join evaluated e on e.fiscal_year = y.fiscal_year
    where y.fiscal_year between $fy_lo and $fy_hi
)

select * from final
order by fiscal_year
