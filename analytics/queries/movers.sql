-- One row per project evaluated in both $from_fy and $to_fy (followed across terms by project
-- code): its level in each year and the change (positive = improved, since level 1 is best),
-- most improved first (most declined first with $declined). The filters select projects by their
-- $to_fy evaluation.
with later as (
    select initiative_id, project_no, term_id, goal_id, direction_id, achievement_level,
        covid_impact, note_ja
    from evaluation_facts
    where fiscal_year = $to_fy and /* evaluation filters */ true
),

earlier as (
    select project_no, achievement_level
    from evaluation_facts
    where fiscal_year = $from_fy
),

chosen as (
    -- the order first, on the levels; names only for the rows kept
    select
        l.*,
        e.achievement_level as from_level,
        e.achievement_level - l.achievement_level as improvement
    from later l
    join earlier e using (project_no)
    order by
        case when $declined then improvement else -improvement end,
        case when $declined then -l.achievement_level else l.achievement_level end,
        project_no
    /* limit */
),

final as (
    select
        f.project_key,
        f.project_code,
        c.initiative_id,
        f.name_ja,
        f.name_en,
        c.goal_id,
        c.direction_id,
        f.department_name_ja,
        f.department_name_en,
        c.from_level,
        c.achievement_level as to_level,
        c.improvement,
        c.covid_impact,
        c.note_ja
    from chosen c
    join initiative_facts f  -- term, goal, direction: see evaluations.sql
        on f.initiative_id = c.initiative_id
        and f.term_id = c.term_id
        and f.goal_id = c.goal_id
        and f.direction_id = c.direction_id
)

-- project_key sorts as project_no does (the numbers follow the keys' order)
select * from final
order by case when $declined then improvement else -improvement end, case when $declined then -to_level else to_level end, project_key
