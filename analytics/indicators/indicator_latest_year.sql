-- The latest fiscal year with an actual among the filtered indicators (null when none).
with chosen as (
    select i.indicator_code, i.direction_id, i.term_id, d.goal_id
    from indicators i
    join directions d using (direction_id)
    where /* indicator filters */ true
),

final as (
    select max(v.fiscal_year) as fiscal_year
    from indicator_values v
    join chosen c using (indicator_code)
    where v.fiscal_year <= $fy_to
)

select * from final
