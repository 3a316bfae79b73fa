-- One row per term × goal: initiatives evaluated, evaluations over the term's fiscal years, on
-- target (level 1-3), below target, and the on-target rate.
with counted as (
    select
        term_id,
        any_value(term_name_ja) as term_name_ja,
        any_value(term_name_en) as term_name_en,
        goal_id,
        any_value(goal_name_ja) as goal_name_ja,
        any_value(goal_name_en) as goal_name_en,
        sum(evaluations)::bigint as evaluations,
        coalesce(sum(evaluations) filter (where on_target), 0)::bigint as on_target,
        coalesce(sum(evaluations) filter (where not on_target), 0)::bigint as below_target
    from evaluation_counts
    where /* count filters */ true
    group by term_id, goal_id
),

-- an initiative counts once when any of its evaluations is in the filter (its year masks)
initiatives as (
    select term_id, goal_id, count(*) as initiatives
    from initiative_years
    where /* initiative-year filters */ true
    group by term_id, goal_id
),

final as (
    select
        c.term_id,
        c.term_name_ja,
        c.term_name_en,
        c.goal_id,
        c.goal_name_ja,
        c.goal_name_en,
        coalesce(i.initiatives, 0) as initiatives,
        c.evaluations,
        c.on_target,
        c.below_target,
        c.on_target / c.evaluations as on_target_rate
    from counted c
    left join initiatives i using (term_id, goal_id)
)

select * from final
order by term_id, goal_id
