-- One row per direction in the filter, with its goal: evaluations, on target and the on-target
-- rate — the goal → direction treemap for a wide filter, where thousands of initiative leaves
-- would tell nothing and cost much. The same columns as achievement_tree, with the initiative
-- columns empty.
with final as (
    select
        goal_id,
        any_value(goal_name_ja) as goal_name_ja,
        any_value(goal_name_en) as goal_name_en,
        direction_id,
        any_value(direction_name_ja) as direction_name_ja,
        any_value(direction_name_en) as direction_name_en,
        null::varchar as initiative_id,
        null::varchar as name_ja,
        null::varchar as name_en,
        null::varchar as department_name_ja,
        null::varchar as department_name_en,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where on_target), 0)::bigint as on_target,
        coalesce(sum(evaluations) filter (where on_target), 0) / sum(evaluations) as on_target_rate,
        null::tinyint as latest_level
    from evaluation_counts
    where /* count filters */ true
    group by goal_id, direction_id
)

select * from final
order by goal_id, direction_id
