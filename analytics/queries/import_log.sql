-- One row per import (the reference build and each imported sheet), newest first.
select import_id, imported_at, file_name, sha256, sheet_kind, rows_added, rows_changed, rows_unchanged
from import_log
order by import_id desc
