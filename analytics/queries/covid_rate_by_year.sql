-- One row per fiscal year: evaluations affected and not affected by COVID-19, and the on-target
-- rate of all evaluations, of those not affected (the rate without the affected), and of the affected.
with final as (
    select
        fiscal_year,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where covid_impact), 0)::bigint as affected,
        coalesce(sum(evaluations) filter (where not covid_impact), 0)::bigint as not_affected,
        coalesce(sum(evaluations) filter (where on_target), 0) / sum(evaluations) as on_target_rate,
        coalesce(sum(evaluations) filter (where on_target and not covid_impact), 0)
            / sum(evaluations) filter (where not covid_impact) as on_target_rate_without_affected,
        coalesce(sum(evaluations) filter (where on_target and covid_impact), 0)
            / sum(evaluations) filter (where covid_impact) as on_target_rate_affected
    from evaluation_counts
    where /* count filters */ true
    group by fiscal_year
)

select * from final
order by fiscal_year
