-- One row per fiscal year × change class (improved, same, declined, new): how many evaluations
-- moved that way from the same project's level the year before.
select fiscal_year, change, sum(evaluations)::bigint as evaluations
from evaluation_counts
where /* count filters */ true
group by fiscal_year, change
order by fiscal_year, case change when 'improved' then 1 when 'same' then 2 when 'declined' then 3 else 4 end
