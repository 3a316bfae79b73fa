-- One row per project evaluated in both $from_fy and $to_fy (followed across terms by project
-- code): its level in each year and the change (positive = improved, since level 1 is best),
-- most improved first (most declined first with $declined). The filters select projects by their
-- $to_fy evaluation.
with later as (
    select *
    from evaluation_facts
    where fiscal_year = $to_fy and /* evaluation filters */ true
),

earlier as (
    select project_no, achievement_level
    from evaluation_facts
    where fiscal_year = $from_fy
),

final as (
    select
        l.project_key,
        l.project_code,
        l.initiative_id,
        l.name_ja,
        l.name_en,
        l.goal_id,
        l.direction_id,
        l.department_name_ja,
        l.department_name_en,
        e.achievement_level as from_level,
        l.achievement_level as to_level,
        e.achievement_level - l.achievement_level as improvement,
        l.covid_impact,
        l.note_ja
    from later l
    join earlier e using (project_no)
)

select * from final
order by case when $declined then improvement else -improvement end, case when $declined then -to_level else to_level end, project_key
