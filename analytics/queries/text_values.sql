-- One row per distinct text value a download of the filter would contain, with the column it is
-- in: what the CP932 check reads (far fewer values than rows).
select distinct 'name' as field, name_ja as value from evaluation_facts where /* evaluation filters */ true
union all
select distinct 'results' as field, results_ja from evaluation_facts where /* evaluation filters */ true and results_ja is not null
union all
select distinct 'note' as field, note_ja from evaluation_facts where /* evaluation filters */ true and note_ja is not null
union all
select distinct 'bureau' as field, department_name_ja from evaluation_facts where /* evaluation filters */ true
