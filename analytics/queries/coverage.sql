-- One row per initiative × fiscal year of its term (inside the filtered years): whether it has
-- been evaluated. The secretariat reads the rows with evaluated = false as what is missing.
with listed as (
    select
        initiative_id,
        project_code,
        name_ja,
        name_en,
        term_id,
        goal_id,
        direction_id,
        department_id,
        department_name_ja,
        department_name_en
    from initiative_facts
    where /* initiative filters */ true
),

expected as (
    select i.*, y.fiscal_year
    from listed i
    join fiscal_years y on y.term_id = i.term_id
    where y.fiscal_year between $fy_lo and $fy_hi
),

final as (
    select x.*, e.initiative_id is not null as evaluated
    from expected x
    left join evaluations e on e.initiative_id = x.initiative_id and e.fiscal_year = x.fiscal_year
)

select * from final
where not $missing_only or not evaluated
order by fiscal_year, goal_id, direction_id, initiative_id
