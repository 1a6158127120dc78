-- Hand-written check: foreign keys between tenant tables that do not pair the tenant columns.
-- Citus needs the tenant column on both sides, at the same position:
--   FOREIGN KEY (account_id, project_id) REFERENCES projects (account_id, id)
-- The list names the sample schema's tenant tables (root first): edit it for yours, then run
--   psql -v ON_ERROR_STOP=1 -f sql/checks/foreign_keys_without_tenant_column.sql
-- Every row is a foreign key to re-declare; no rows means none.
WITH tenant_tables (table_name, tenant_column) AS (
    VALUES
        ('public.accounts', 'id'),
        ('public.managers', 'account_id'),
        ('public.projects', 'account_id'),
        ('public.tasks', 'account_id'),
        ('public.project_managers', 'account_id'),
        ('public.comments', 'acc_id')
)
SELECT src.table_name, src.tenant_column, c.conname AS foreign_key,
       dst.table_name AS referenced_table, dst.tenant_column AS referenced_tenant_column,
       pg_get_constraintdef(c.oid) AS definition
FROM pg_constraint c
JOIN tenant_tables src ON to_regclass(src.table_name) = c.conrelid
JOIN tenant_tables dst ON to_regclass(dst.table_name) = c.confrelid
WHERE c.contype = 'f'
  AND coalesce(array_position(c.conkey, (SELECT a.attnum FROM pg_attribute a
                                          WHERE a.attrelid = c.conrelid AND a.attname = src.tenant_column)), -1)
      <> coalesce(array_position(c.confkey, (SELECT a.attnum FROM pg_attribute a
                                              WHERE a.attrelid = c.confrelid AND a.attname = dst.tenant_column)), -2)
ORDER BY src.table_name, foreign_key;
