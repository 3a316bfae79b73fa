-- One row per fiscal year × group × achievement level (all five levels, zero counts included):
-- count and share of the year's (and group's) evaluations. $group: none, goal, direction, term, bureau.
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
        achievement_level,
        evaluations
    from evaluation_counts
    where /* count filters */ true
),

cells as (
    select distinct fiscal_year, group_key, group_name_ja, group_name_en from base
),

levels as (
    select unnest([1, 2, 3, 4, 5]) as achievement_level
),

counted as (
    select fiscal_year, group_key, achievement_level, sum(evaluations)::bigint as evaluations
    from base
    group by fiscal_year, group_key, achievement_level
),

final as (
    select
        c.fiscal_year,
        c.group_key,
        c.group_name_ja,
        c.group_name_en,
        l.achievement_level,
        coalesce(n.evaluations, 0) as evaluations,
        coalesce(n.evaluations, 0) / sum(coalesce(n.evaluations, 0))
            over (partition by c.fiscal_year, c.group_key) as share
    from cells c
    cross join levels l
    left join counted n using (fiscal_year, group_key, achievement_level)
)

select * from final
order by fiscal_year, group_key, achievement_level
