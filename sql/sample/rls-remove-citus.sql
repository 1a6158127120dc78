-- Removes the row-level security of the tenant model, written by TenantDapper.
-- Policies read the setting tenantdapper.tenants, which a TenantDataSource with RowLevelSecurity sets per transaction.
BEGIN;
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
DROP POLICY IF EXISTS tenantdapper_tenant ON "accounts";
ALTER TABLE "accounts" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "accounts" DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "managers";
ALTER TABLE "managers" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "managers" DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "projects";
ALTER TABLE "projects" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "projects" DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "tasks";
ALTER TABLE "tasks" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "tasks" DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "project_managers";
ALTER TABLE "project_managers" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "project_managers" DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_tenant ON "comments";
ALTER TABLE "comments" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "comments" DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenantdapper_read ON "countries";
ALTER TABLE "countries" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "countries" DISABLE ROW LEVEL SECURITY;
DROP PROCEDURE IF EXISTS tenantdapper.set_tenants(text);
-- Fails if something else lives in the schema; then drop it by hand.
DROP SCHEMA IF EXISTS tenantdapper;
COMMIT;
