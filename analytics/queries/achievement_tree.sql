-- One row per initiative (per term) in the filter, with its goal and direction: evaluations,
-- on target, the on-target rate and the latest level — the leaves of the goal → direction →
-- initiative treemap (achievement_by_direction stops at directions, for a wide filter).
with leaves as (
    select
        initiative_id,
        any_value(term_id) as term_id,
        goal_id,
        direction_id,
        count(*) as evaluations,
        count(*) filter (where on_target) as on_target,
        count(*) filter (where on_target) / count(*) as on_target_rate,
        arg_max(achievement_level, fiscal_year) as latest_level
    from evaluation_facts
    where /* evaluation filters */ true
    group by goal_id, direction_id, initiative_id
),

final as (
    select
        l.goal_id,
        f.goal_name_ja,
        f.goal_name_en,
        l.direction_id,
        f.direction_name_ja,
        f.direction_name_en,
        l.initiative_id,
        l.term_id,  -- an initiative carried into the next term is another leaf of the same name
        f.name_ja,
        f.name_en,
        f.department_name_ja,
        f.department_name_en,
        l.evaluations,
        l.on_target,
        l.on_target_rate,
        l.latest_level
    from leaves l
    join initiative_facts f  -- term, goal, direction: see evaluations.sql
        on f.initiative_id = l.initiative_id
        and f.term_id = l.term_id
        and f.goal_id = l.goal_id
        and f.direction_id = l.direction_id
)

select * from final
order by goal_id, direction_id, initiative_id
