-- Verifies the row-level security of the tenant model (changes nothing), written by TenantDapper.
-- Policies read the setting tenantdapper.tenants, which a TenantDataSource with RowLevelSecurity sets per transaction.
DO $verify$
DECLARE
  problems text[] := '{}';
BEGIN
  IF to_regprocedure('tenantdapper.set_tenants(text)') IS NULL THEN problems := problems || 'procedure tenantdapper.set_tenants(text) is missing'::text;
  END IF;
  IF to_regclass('"accounts"') IS NULL THEN problems := problems || ('"accounts"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"accounts"')) THEN problems := problems || ('"accounts"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"accounts"') AND polname = 'tenantdapper_tenant') THEN problems := problems || ('"accounts"' || ': policy tenantdapper_tenant is missing');
  END IF;
  IF to_regclass('"managers"') IS NULL THEN problems := problems || ('"managers"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"managers"')) THEN problems := problems || ('"managers"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"managers"') AND polname = 'tenantdapper_tenant') THEN problems := problems || ('"managers"' || ': policy tenantdapper_tenant is missing');
  END IF;
  IF to_regclass('"projects"') IS NULL THEN problems := problems || ('"projects"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"projects"')) THEN problems := problems || ('"projects"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"projects"') AND polname = 'tenantdapper_tenant') THEN problems := problems || ('"projects"' || ': policy tenantdapper_tenant is missing');
  END IF;
  IF to_regclass('"tasks"') IS NULL THEN problems := problems || ('"tasks"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"tasks"')) THEN problems := problems || ('"tasks"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"tasks"') AND polname = 'tenantdapper_tenant') THEN problems := problems || ('"tasks"' || ': policy tenantdapper_tenant is missing');
  END IF;
  IF to_regclass('"project_managers"') IS NULL THEN problems := problems || ('"project_managers"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"project_managers"')) THEN problems := problems || ('"project_managers"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"project_managers"') AND polname = 'tenantdapper_tenant') THEN problems := problems || ('"project_managers"' || ': policy tenantdapper_tenant is missing');
  END IF;
  IF to_regclass('"comments"') IS NULL THEN problems := problems || ('"comments"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"comments"')) THEN problems := problems || ('"comments"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"comments"') AND polname = 'tenantdapper_tenant') THEN problems := problems || ('"comments"' || ': policy tenantdapper_tenant is missing');
  END IF;
  IF to_regclass('"countries"') IS NULL THEN problems := problems || ('"countries"' || ' does not exist');
  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass('"countries"')) THEN problems := problems || ('"countries"' || ': row-level security is not enabled and forced');
  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass('"countries"') AND polname = 'tenantdapper_read') THEN problems := problems || ('"countries"' || ': policy tenantdapper_read is missing');
  END IF;
  IF cardinality(problems) > 0 THEN
    RAISE EXCEPTION 'row-level security is incomplete: %', array_to_string(problems, '; ') USING HINT = 'Run the enable script (tenantdapper-citus script rls).';
  END IF;
END
$verify$;
