-- One row per provenance statement: what part of the data it covers and whether that part is
-- published fact, sample, derived or imported.
select item, kind, description_ja, description_en, reference
from dataset_provenance
order by case kind when 'published' then 1 when 'derived' then 2 when 'sample' then 3 else 4 end, item
