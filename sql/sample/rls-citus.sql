-- Enables row-level security for the tenant model, written by TenantDapper.
-- Policies read the setting tenantdapper.tenants, which a TenantDataSource with RowLevelSecurity sets per transaction.
BEGIN;
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
CREATE SCHEMA IF NOT EXISTS tenantdapper;
-- Sets the statement's tenants (a PostgreSQL array literal) until the end of its transaction.
-- On Citus only a SET LOCAL statement of its own, inside an explicit transaction block and with
-- citus.propagate_set_commands = 'local', reaches the workers (set_config stays on the coordinator).
CREATE OR REPLACE PROCEDURE tenantdapper.set_tenants(tenants text) LANGUAGE plpgsql AS $$ BEGIN SET LOCAL citus.propagate_set_commands = 'local'; EXECUTE pg_catalog.format('SET LOCAL tenantdapper.tenants = %L', tenants); END $$;

-- accounts: rows of the statement's tenants only.
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "accounts" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "accounts";
CREATE POLICY tenantdapper_tenant ON "accounts" USING ("id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[])) WITH CHECK ("id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[]));

-- managers: rows of the statement's tenants only.
ALTER TABLE "managers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "managers" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "managers";
CREATE POLICY tenantdapper_tenant ON "managers" USING ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[])) WITH CHECK ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[]));

-- projects: rows of the statement's tenants only.
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "projects";
CREATE POLICY tenantdapper_tenant ON "projects" USING ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[])) WITH CHECK ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[]));

-- tasks: rows of the statement's tenants only.
ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tasks" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "tasks";
CREATE POLICY tenantdapper_tenant ON "tasks" USING ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[])) WITH CHECK ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[]));

-- project_managers: rows of the statement's tenants only.
ALTER TABLE "project_managers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_managers" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "project_managers";
CREATE POLICY tenantdapper_tenant ON "project_managers" USING ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[])) WITH CHECK ("account_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[]));

-- comments: rows of the statement's tenants only.
ALTER TABLE "comments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "comments" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "comments";
CREATE POLICY tenantdapper_tenant ON "comments" USING ("acc_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[])) WITH CHECK ("acc_id" = ANY (NULLIF(pg_catalog.current_setting('tenantdapper.tenants', true), '')::bigint[]));

-- countries: read by every tenant, written only by a role with BYPASSRLS.
ALTER TABLE "countries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "countries" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_read ON "countries";
CREATE POLICY tenantdapper_read ON "countries" FOR SELECT USING (true);

COMMIT;
