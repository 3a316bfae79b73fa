-- One row: the projects (followed across terms by project code) with at least one evaluation in
-- the filter. The overview counts these instead of the listed projects when the filter narrows
-- evaluations by their own properties (level, COVID or disaster impact): under 「4 目標を下回った」
-- the count is of the projects below target, not of every project listed.
select coalesce(bit_count(bitstring_agg(project_no)), 0) as projects
from evaluation_facts
where /* evaluation filters */ true
