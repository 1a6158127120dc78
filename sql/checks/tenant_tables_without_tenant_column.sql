-- Hand-written check: tenant tables that do not exist or lack their tenant column.
-- Citus distributes every tenant table by its tenant column, so each one needs it.
-- The list names the sample schema's tenant tables (root first): edit it for yours, then run
--   psql -v ON_ERROR_STOP=1 -f sql/checks/tenant_tables_without_tenant_column.sql
-- Every row is a problem to fix before distribute.sql can run; no rows means none.
WITH tenant_tables (table_name, tenant_column) AS (
    VALUES
        ('public.accounts', 'id'),
        ('public.managers', 'account_id'),
        ('public.projects', 'account_id'),
        ('public.tasks', 'account_id'),
        ('public.project_managers', 'account_id'),
        ('public.comments', 'acc_id')
)
SELECT t.table_name, t.tenant_column,
       CASE WHEN to_regclass(t.table_name) IS NULL THEN 'the table does not exist'
            ELSE 'the table has no column ' || t.tenant_column END AS problem
FROM tenant_tables t
WHERE to_regclass(t.table_name) IS NULL
   OR NOT EXISTS (
        SELECT FROM pg_attribute a
        WHERE a.attrelid = to_regclass(t.table_name) AND a.attname = t.tenant_column
          AND a.attnum > 0 AND NOT a.attisdropped)
ORDER BY t.table_name;
