-- Hand-written check: tenant columns whose type differs from the root's key. Tables are
-- colocated only when their distribution columns have one type (bigint with bigint).
-- The list names the sample schema's tenant tables, the root first: edit it for yours, then run
--   psql -v ON_ERROR_STOP=1 -f sql/checks/tenant_column_types.sql
-- Every row is a column to ALTER to the root's type; no rows means none.
WITH tenant_tables (table_name, tenant_column) AS (
    VALUES
        ('public.accounts', 'id'),
        ('public.managers', 'account_id'),
        ('public.projects', 'account_id'),
        ('public.tasks', 'account_id'),
        ('public.project_managers', 'account_id'),
        ('public.comments', 'acc_id')
),
root AS (
    SELECT r.table_name, format_type(a.atttypid, a.atttypmod) AS column_type
    FROM (SELECT * FROM tenant_tables LIMIT 1) AS r
    JOIN pg_attribute a ON a.attrelid = to_regclass(r.table_name) AND a.attname = r.tenant_column
)
SELECT t.table_name, t.tenant_column, format_type(a.atttypid, a.atttypmod) AS column_type,
       root.table_name AS root_table, root.column_type AS root_type
FROM tenant_tables t
JOIN pg_attribute a ON a.attrelid = to_regclass(t.table_name) AND a.attname = t.tenant_column
                   AND a.attnum > 0 AND NOT a.attisdropped
CROSS JOIN root
WHERE format_type(a.atttypid, a.atttypmod) <> root.column_type
ORDER BY t.table_name;
