-- One row per initiative that serves a filtered indicator, with its bureau.
with chosen as (
    select i.indicator_code, i.direction_id, i.term_id, d.goal_id
    from indicators i
    join directions d using (direction_id)
    where /* indicator filters */ true
),

final as (
    select
        l.indicator_code,
        n.initiative_id,
        n.project_code,
        n.name_ja,
        n.name_en,
        n.department_id,
        p.name_ja as department_name_ja,
        p.name_en as department_name_en
    from indicator_initiatives l
    join chosen c using (indicator_code)
    join initiatives n using (initiative_id)
    join departments p using (department_id)
)

select * from final
order by indicator_code, initiative_id
