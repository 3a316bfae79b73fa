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
        initiative_id,
        achievement_level
    from evaluation_facts
    where /* evaluation filters */ true
),

final as (
    select
        term_id,
        any_value(term_name_ja) as term_name_ja,
        any_value(term_name_en) as term_name_en,
        group_key,
        any_value(group_name_ja) as group_name_ja,
        any_value(group_name_en) as group_name_en,
        count(distinct initiative_id) as initiatives,
        count(*) as evaluations,
        count(*) filter (where achievement_level = 1) as level_1,
        count(*) filter (where achievement_level = 2) as level_2,
        count(*) filter (where achievement_level = 3) as level_3,
        count(*) filter (where achievement_level = 4) as level_4,
        count(*) filter (where achievement_level = 5) as level_5,
        count(*) filter (where achievement_level = 1) / count(*) as share_1,
        count(*) filter (where achievement_level = 2) / count(*) as share_2,
        count(*) filter (where achievement_level = 3) / count(*) as share_3,
        count(*) filter (where achievement_level = 4) / count(*) as share_4,
        count(*) filter (where achievement_level = 5) / count(*) as share_5,
        count(*) filter (where achievement_level <= 3) / count(*) as on_target_rate
    from base
    group by term_id, group_key
)

select * from final
order by term_id, group_key
