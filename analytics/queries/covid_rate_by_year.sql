-- One row per fiscal year: evaluations affected and not affected by COVID-19, and the on-target
-- rate of all evaluations, of those not affected (the rate without the affected), and of the affected.
with final as (
    select
        fiscal_year,
        count(*) as evaluations,
        count(*) filter (where covid_impact) as affected,
        count(*) filter (where not covid_impact) as not_affected,
        count(*) filter (where on_target) / count(*) as on_target_rate,
        count(*) filter (where on_target and not covid_impact)
            / nullif(count(*) filter (where not covid_impact), 0) as on_target_rate_without_affected,
        count(*) filter (where on_target and covid_impact)
            / nullif(count(*) filter (where covid_impact), 0) as on_target_rate_affected
    from evaluation_facts
    where /* evaluation filters */ true
    group by fiscal_year
)

select * from final
order by fiscal_year
