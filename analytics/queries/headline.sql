-- One row: the headline numbers of a filter — projects and initiative rows listed, evaluations,
-- the latest fiscal year evaluated, its on-target rate, the year before's, and the change.
with listed as (
    -- distinct projects as a bitmap over their dense numbers (exact, no hashing)
    select coalesce(bit_count(bitstring_agg(project_no)), 0) as projects, count(*) as initiatives
    from initiative_facts
    where /* initiative filters */ true
),

by_year as (
    select
        fiscal_year,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where on_target), 0) / sum(evaluations) as on_target_rate
    from evaluation_counts
    where /* count filters */ true
    group by fiscal_year
),

latest as (
    select max(fiscal_year) as latest_fiscal_year from by_year
),

final as (
    select
        listed.projects,
        listed.initiatives,
        (select coalesce(sum(evaluations), 0)::bigint from by_year) as evaluations,
        latest.latest_fiscal_year,
        cur.evaluations as latest_evaluations,
        cur.on_target_rate as latest_on_target_rate,
        prev.on_target_rate as previous_on_target_rate,
        cur.on_target_rate - prev.on_target_rate as change
    from listed
    cross join latest
    left join by_year cur on cur.fiscal_year = latest.latest_fiscal_year
    left join by_year prev on prev.fiscal_year = latest.latest_fiscal_year - 1
)

select * from final
