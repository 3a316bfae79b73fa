-- One row per actual (indicator × fiscal year) of the filtered indicators, for the charts.
with chosen as (
    select i.indicator_code, i.direction_id, i.term_id, d.goal_id
    from indicators i
    join directions d using (direction_id)
    where /* indicator filters */ true
),

final as (
    select v.indicator_code, v.fiscal_year, v.actual, v.note_ja, v.provenance, v.source
    from indicator_values v
    join chosen c using (indicator_code)
)

select * from final
order by indicator_code, fiscal_year
