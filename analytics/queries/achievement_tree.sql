-- One row per initiative (per term) in the filter, with its goal and direction: evaluations,
-- on target, the on-target rate and the latest level — the leaves of the goal → direction →
-- initiative treemap (achievement_by_direction stops at directions, for a wide filter).
with final as (
    select
        goal_id,
        any_value(goal_name_ja) as goal_name_ja,
        any_value(goal_name_en) as goal_name_en,
        direction_id,
        any_value(direction_name_ja) as direction_name_ja,
        any_value(direction_name_en) as direction_name_en,
        initiative_id,
        any_value(name_ja) as name_ja,
        any_value(name_en) as name_en,
        any_value(department_name_ja) as department_name_ja,
        any_value(department_name_en) as department_name_en,
        count(*) as evaluations,
        count(*) filter (where on_target) as on_target,
        count(*) filter (where on_target) / count(*) as on_target_rate,
        arg_max(achievement_level, fiscal_year) as latest_level
    from evaluation_facts
    where /* evaluation filters */ true
    group by goal_id, direction_id, initiative_id
)

select * from final
order by goal_id, direction_id, initiative_id
