-- One row: how much of the loaded data is the shipped sample and how much was imported, the
-- data's as-of date, and when the last sheet was imported.
select
    (select count(*) from evaluations) as evaluations,
    (select count(*) from evaluations where source = 'sample') as sample_evaluations,
    (select count(*) from evaluations where source like 'import:%') as imported_evaluations,
    (select count(*) from initiatives where source = 'sample') as sample_initiatives,
    (select value from dataset_meta where key = 'as_of') as as_of,
    (select max(imported_at) from import_log where sheet_kind <> 'reference') as last_import_at
