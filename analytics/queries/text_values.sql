-- One row per distinct text value a download of the filter would contain, with the column it is
-- in: what the CP932 check reads (far fewer values than rows).
with kept as (
    select initiative_id, results_ja, note_ja
    from evaluation_facts
    where /* evaluation filters */ true
),

named as (
    select f.name_ja, f.department_name_ja
    from initiative_facts f
    where f.initiative_id in (select initiative_id from kept)
)

select distinct 'name' as field, name_ja as value from named
union all
select distinct 'results' as field, results_ja from kept where results_ja is not null
union all
select distinct 'note' as field, note_ja from kept where note_ja is not null
union all
select distinct 'bureau' as field, department_name_ja from named
