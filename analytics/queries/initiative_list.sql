-- One row per project in the filter (followed across terms by project code): its latest name,
-- bureau and the latest fiscal year evaluated — the choices of the initiative picker.
with latest as (
    select
        project_no,
        arg_max(initiative_id, fiscal_year) as initiative_id,
        max(fiscal_year) as latest_fiscal_year
    from evaluation_facts
    where /* evaluation filters */ true
    group by project_no
),

final as (
    select
        f.project_key,
        f.name_ja,
        f.name_en,
        f.department_name_ja,
        f.department_name_en,
        l.latest_fiscal_year
    from latest l
    join initiative_facts f on f.initiative_id = l.initiative_id
)

select * from final
order by name_ja, project_key
