-- One row per term × goal: evaluations over the term's fiscal years, on target (level 1-3),
-- below target, and the on-target rate.
with final as (
    select
        term_id,
        any_value(term_name_ja) as term_name_ja,
        any_value(term_name_en) as term_name_en,
        goal_id,
        any_value(goal_name_ja) as goal_name_ja,
        any_value(goal_name_en) as goal_name_en,
        count(distinct initiative_id) as initiatives,
        count(*) as evaluations,
        count(*) filter (where on_target) as on_target,
        count(*) filter (where not on_target) as below_target,
        count(*) filter (where on_target) / count(*) as on_target_rate
    from evaluation_facts
    where /* evaluation filters */ true
    group by term_id, goal_id
)

select * from final
order by term_id, goal_id
