-- One row per bureau (所管局): initiatives, evaluations, on target (level 1-3), below target,
-- the on-target rate over the filtered years, and the latest fiscal year it was evaluated.
with final as (
    select
        department_id,
        any_value(department_name_ja) as department_name_ja,
        any_value(department_name_en) as department_name_en,
        count(distinct project_key) as initiatives,
        count(*) as evaluations,
        count(*) filter (where on_target) as on_target,
        count(*) filter (where not on_target) as below_target,
        count(*) filter (where covid_impact) as covid_affected,
        count(*) filter (where on_target) / count(*) as on_target_rate,
        max(fiscal_year) as latest_fiscal_year
    from evaluation_facts
    where /* evaluation filters */ true
    group by department_id
)

select * from final
order by on_target_rate, below_target desc, department_id
