-- One row per term × group ($group: goal or direction): initiatives, evaluations, the count and
-- share at each of the five levels, and the on-target rate (level 1-3) — the overall review's tables.
with base as (
    select
        term_id,
        term_name_ja,
        term_name_en,
        case $group when 'direction' then direction_id else goal_id::varchar end as group_key,
        case $group when 'direction' then direction_name_ja else goal_name_ja end as group_name_ja,
        case $group when 'direction' then direction_name_en else goal_name_en end as group_name_en,
        achievement_level,
        evaluations
    from evaluation_counts
    where /* count filters */ true
),

counted as (
    select
        term_id,
        any_value(term_name_ja) as term_name_ja,
        any_value(term_name_en) as term_name_en,
        group_key,
        any_value(group_name_ja) as group_name_ja,
        any_value(group_name_en) as group_name_en,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where achievement_level = 1), 0)::bigint as level_1,
        coalesce(sum(evaluations) filter (where achievement_level = 2), 0)::bigint as level_2,
        coalesce(sum(evaluations) filter (where achievement_level = 3), 0)::bigint as level_3,
        coalesce(sum(evaluations) filter (where achievement_level = 4), 0)::bigint as level_4,
        coalesce(sum(evaluations) filter (where achievement_level = 5), 0)::bigint as level_5
    from base
    group by term_id, group_key
),

-- an initiative counts once when any of its evaluations is in the filter (its year masks)
initiatives as (
    select
        term_id,
        case $group when 'direction' then direction_id else goal_id::varchar end as group_key,
        count(*) as initiatives
    from initiative_years
    where /* initiative-year filters */ true
    group by all
),

final as (
    select
        c.term_id,
        c.term_name_ja,
        c.term_name_en,
        c.group_key,
        c.group_name_ja,
        c.group_name_en,
        coalesce(i.initiatives, 0) as initiatives,
        c.evaluations,
        c.level_1,
        c.level_2,
        c.level_3,
        c.level_4,
        c.level_5,
        c.level_1 / c.evaluations as share_1,
        c.level_2 / c.evaluations as share_2,
        c.level_3 / c.evaluations as share_3,
        c.level_4 / c.evaluations as share_4,
        c.level_5 / c.evaluations as share_5,
        (c.level_1 + c.level_2 + c.level_3) / c.evaluations as on_target_rate
    from counted c
    left join initiatives i using (term_id, group_key)
)

select * from final
order by term_id, group_key
