-- One row per project in the filter (followed across terms by project code): its latest name,
-- bureau and the latest fiscal year evaluated — the choices of the initiative picker.
with final as (
    select
        project_key,
        arg_max(name_ja, fiscal_year) as name_ja,
        arg_max(name_en, fiscal_year) as name_en,
        arg_max(department_name_ja, fiscal_year) as department_name_ja,
        arg_max(department_name_en, fiscal_year) as department_name_en,
        max(fiscal_year) as latest_fiscal_year
    from evaluation_facts
    where /* evaluation filters */ true
    group by project_key
)

select * from final
order by name_ja, project_key
