-- One row per fiscal year of the plan (inside the filtered years): initiatives listed for it,
-- how many have an evaluation, and how many are still missing one.
with listed as (
    select initiative_id, term_id
    from initiative_facts
    where /* initiative filters */ true
),

final as (
    select
        y.fiscal_year,
        count(i.initiative_id) as expected,
        count(e.initiative_id) as evaluated,
        count(i.initiative_id) - count(e.initiative_id) as missing
    from fiscal_years y
    left join listed i on i.term_id = y.term_id
    left join evaluations e on e.initiative_id = i.initiative_id and e.fiscal_year = y.fiscal_year
    where y.fiscal_year between $fy_lo and $fy_hi
    group by y.fiscal_year
)

select * from final
order by fiscal_year
