-- One row per fiscal year × COVID impact (affected or not) × achievement level (all five levels):
-- count and share within the year's affected or not-affected evaluations.
with base as (
    select fiscal_year, covid_impact, achievement_level, evaluations
    from evaluation_counts
    where /* count filters */ true
),

cells as (
    select distinct fiscal_year, covid_impact from base
),

counted as (
    select fiscal_year, covid_impact, achievement_level, sum(evaluations)::bigint as evaluations
    from base
    group by fiscal_year, covid_impact, achievement_level
),

final as (
    select
        c.fiscal_year,
        c.covid_impact,
        l.achievement_level,
        coalesce(n.evaluations, 0) as evaluations,
        coalesce(n.evaluations, 0) / sum(coalesce(n.evaluations, 0))
            over (partition by c.fiscal_year, c.covid_impact) as share
    from cells c
    cross join (select unnest([1, 2, 3, 4, 5]) as achievement_level) l
    left join counted n using (fiscal_year, covid_impact, achievement_level)
)

select * from final
order by fiscal_year, covid_impact, achievement_level
