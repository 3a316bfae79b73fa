-- One row per initiative × fiscal year of its term (inside the filtered years): whether it has
-- been evaluated. The secretariat reads the rows with evaluated = false as what is missing.
with listed as (
    select
        initiative_id,
        project_no,
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

-- the fiscal years each one was evaluated in, as a mask (bit n = FY1990 + n; see facts.sql):
-- one row per initiative instead of a join of every expected year to every evaluation
masked as (
    select l.*, coalesce(y.evaluated_mask, 0) as evaluated_mask
    from listed l
    left join initiative_years y on y.project_no = l.project_no and y.term_id = l.term_id
),

final as (
    select
        m.* exclude (project_no, evaluated_mask),
        y.fiscal_year,
        ((m.evaluated_mask >> (y.fiscal_year - 1990)) & 1) = 1 as evaluated
    from masked m
    join fiscal_years y on y.term_id = m.term_id
    where y.fiscal_year between $fy_lo and $fy_hi
)

select * from final
where not $missing_only or not evaluated
order by fiscal_year, goal_id, direction_id, initiative_id
