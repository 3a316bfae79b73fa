-- One row per (level in $from_fy, level in $to_fy) pair that occurs: how many projects moved
-- from one level to the other between the two fiscal years (followed across terms by project
-- code). The filters select the projects by their $to_fy evaluation.
with later as (
    select project_no, achievement_level
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
        e.achievement_level as from_level,
        l.achievement_level as to_level,
        count(*) as projects
    from later l
    join earlier e using (project_no)
    group by all
)

select * from final
order by from_level, to_level
