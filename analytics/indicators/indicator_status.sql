-- One row per indicator whose term includes $fiscal_year, with that year's actual (null when
-- the year has none). The status itself is computed in Python (rule.py) from these columns.
with chosen as (
    select
        i.*,
        d.goal_id,
        d.name_ja as direction_name_ja,
        d.name_en as direction_name_en
    from indicators i
    join directions d using (direction_id)
    join terms t using (term_id)
    where $fiscal_year between t.first_fy and t.last_fy
      and /* indicator filters */ true
),

final as (
    select
        c.*,
        $fiscal_year as fiscal_year,
        v.actual,
        v.note_ja as actual_note,
        v.provenance as actual_provenance,
        v.source as actual_source
    from chosen c
    left join indicator_values v
        on v.indicator_code = c.indicator_code and v.fiscal_year = $fiscal_year
)

select * from final
order by direction_id, indicator_code
