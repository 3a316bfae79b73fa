-- One row per fiscal year × group: evaluations, how many on target or better (level 1-3),
-- below target (4-5), and the on-target rate. $group: none, goal, direction, term, bureau.
with base as (
    select
        fiscal_year,
        case $group
            when 'goal' then goal_id::varchar
            when 'direction' then direction_id
            when 'term' then term_id::varchar
            when 'bureau' then department_id
            else 'all'
        end as group_key,
        case $group
            when 'goal' then goal_name_ja
            when 'direction' then direction_name_ja
            when 'term' then term_name_ja
            when 'bureau' then department_name_ja
            else '全体'
        end as group_name_ja,
        case $group
            when 'goal' then goal_name_en
            when 'direction' then direction_name_en
            when 'term' then term_name_en
            when 'bureau' then department_name_en
            else 'All'
        end as group_name_en,
        on_target,
        evaluations
    from evaluation_counts
    where /* count filters */ true
),

final as (
    select
        fiscal_year,
        group_key,
        any_value(group_name_ja) as group_name_ja,
        any_value(group_name_en) as group_name_en,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where on_target), 0)::bigint as on_target,
        coalesce(sum(evaluations) filter (where not on_target), 0)::bigint as below_target,
        coalesce(sum(evaluations) filter (where on_target), 0) / sum(evaluations) as on_target_rate
    from base
    group by fiscal_year, group_key
)

select * from final
order by fiscal_year, group_key
