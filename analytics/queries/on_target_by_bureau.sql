-- One row per bureau (所管局): initiatives (projects), evaluations, on target (level 1-3), below
-- target, the on-target rate over the filtered years, and the latest fiscal year it was evaluated.
with counted as (
    select
        department_id,
        any_value(department_name_ja) as department_name_ja,
        any_value(department_name_en) as department_name_en,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where on_target), 0)::bigint as on_target,
        coalesce(sum(evaluations) filter (where not on_target), 0)::bigint as below_target,
        coalesce(sum(evaluations) filter (where covid_impact), 0)::bigint as covid_affected,
        max(fiscal_year) as latest_fiscal_year
    from evaluation_counts
    where /* count filters */ true
    group by department_id
),

-- a project counts once per bureau however many terms it ran there: a bitmap over the dense
-- project numbers gives the exact distinct count without hashing every row
projects as (
    select department_id, bit_count(bitstring_agg(project_no)) as initiatives
    from initiative_years
    where /* initiative-year filters */ true
    group by department_id
),

final as (
    select
        c.department_id,
        c.department_name_ja,
        c.department_name_en,
        coalesce(p.initiatives, 0) as initiatives,
        c.evaluations,
        c.on_target,
        c.below_target,
        c.covid_affected,
        c.on_target / c.evaluations as on_target_rate,
        c.latest_fiscal_year
    from counted c
    left join projects p using (department_id)
)

select * from final
order by on_target_rate, below_target desc, department_id
