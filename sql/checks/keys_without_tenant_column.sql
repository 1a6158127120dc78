-- Hand-written check: primary keys, unique constraints and unique indexes of tenant tables that
-- do not include the tenant column. Citus refuses them on a distributed table; the generated
-- distribute.sql re-creates constraints with the tenant column first, but a unique index must
-- be re-created by hand (it may hold expressions or a WHERE clause).
-- The list names the sample schema's tenant tables (root first): edit it for yours, then run
--   psql -v ON_ERROR_STOP=1 -f sql/checks/keys_without_tenant_column.sql
-- Every row is a key to change; no rows means none.
WITH tenant_tables (table_name, tenant_column) AS (
    VALUES
        ('public.accounts', 'id'),
        ('public.managers', 'account_id'),
        ('public.projects', 'account_id'),
        ('public.tasks', 'account_id'),
        ('public.project_managers', 'account_id'),
        ('public.comments', 'acc_id')
)
SELECT t.table_name, t.tenant_column, i.indexrelid::regclass::text AS key_name,
       CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint' ELSE 'unique index' END AS kind,
       pg_get_indexdef(i.indexrelid) AS definition
FROM tenant_tables t
JOIN pg_index i ON i.indrelid = to_regclass(t.table_name) AND i.indisunique
LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u')
WHERE NOT EXISTS (
        SELECT FROM pg_attribute a
        WHERE a.attrelid = i.indrelid AND a.attname = t.tenant_column
          AND a.attnum = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1]))
ORDER BY t.table_name, key_name;
