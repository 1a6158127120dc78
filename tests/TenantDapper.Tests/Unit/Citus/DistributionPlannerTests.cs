using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Unit.Citus;

public sealed class DistributionPlannerTests
{
    private static TableName Public(string name) => new("public", name);

    [Test]
    public void Plan_from_the_model_alone_lists_reference_tables_then_the_root_then_its_tenant_tables()
    {
        var plan = DistributionPlanner.Plan(SampleSchema.Model);

        Assert.That(plan.ToText(), Is.EqualTo("""
            Citus distribution plan (from the tenant model alone: no constraint changes are known)

            Reference tables (create_reference_table), parents first:
              public.countries

            Distributed tables (create_distributed_table), colocated with public.accounts, parents first:
              public.accounts by id (starts the colocation group)
              public.managers by account_id
              public.projects by account_id
              public.tasks by account_id
              public.project_managers by account_id
              public.comments by acc_id

            Problems (fix them before a script can be written):
              none

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Plan_from_the_catalog_orders_tenant_tables_parents_first_whatever_the_declaration_order()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        Assert.That(plan.DistributedTables.Select(t => t.ToString()), Is.EqualTo(new[]
        {
            "public.accounts by id",
            "public.projects by account_id",
            "public.tasks by account_id",
        }));
    }

    [Test]
    public void Tenant_tables_are_colocated_with_the_root()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        Assert.That(plan.DistributedTables.Select(t => t.ColocateWith), Is.EqualTo(new TableName?[] { null, Public("accounts"), Public("accounts") }));
    }

    [Test]
    public void Keys_without_the_tenant_column_are_re_created_with_it_first()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        Assert.That(plan.KeyChanges.Select(k => k.ToString()), Is.EqualTo(new[]
        {
            "public.projects.projects_pkey: PRIMARY KEY (id) becomes (account_id, id)",
            "public.projects.projects_name_key: UNIQUE (name) becomes (account_id, name)",
            "public.tasks.tasks_pkey: PRIMARY KEY (id) becomes (account_id, id)",
        }));
    }

    [Test]
    public void Foreign_key_between_tenant_tables_gains_the_tenant_column_on_both_sides()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        var recreated = plan.ForeignKeysToCreate.Single(k => k.Name == "tasks_project_id_fkey");
        Assert.That(recreated.ToString(), Is.EqualTo("public.tasks.tasks_project_id_fkey: (account_id, project_id) -> public.projects (account_id, id)"));
        Assert.That(recreated.OnDelete, Is.EqualTo(ForeignKeyAction.Cascade));
    }

    [Test]
    public void Every_foreign_key_between_planned_tables_is_dropped_before_and_re_created_after()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        Assert.That(plan.ForeignKeysToDrop.Select(k => k.Name), Is.EqualTo(new[]
        {
            "accounts_country_code_fkey", "projects_account_id_fkey", "tasks_account_id_fkey", "tasks_project_id_fkey",
        }));
        Assert.That(plan.ForeignKeysToCreate.Select(k => k.Name), Is.EqualTo(plan.ForeignKeysToDrop.Select(k => k.Name)));
    }

    [Test]
    public void A_schema_that_already_suits_citus_needs_no_key_changes()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("projects", "account_id bigint, id bigint", t => t.PrimaryKey("account_id", "id").ForeignKey("account_id", "accounts", "id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").Build();

        var plan = DistributionPlanner.Plan(model, catalog);

        Assert.That(plan.KeyChanges, Is.Empty);
        Assert.That(plan.IsReady, Is.True);
    }

    [Test]
    public void Tenant_table_without_the_tenant_column_is_a_problem_naming_table_and_column()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("notes", "id bigint, body text", t => t.PrimaryKey("id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("notes", "account_id").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.MissingTenantColumn));
        Assert.That(problem.ToString(), Does.StartWith("public.notes.account_id: the tenant table has no tenant column 'account_id'"));
    }

    [Test]
    public void Reference_table_pointing_at_a_distributed_table_is_a_problem()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("plans", "code text, owner_id bigint", t => t.PrimaryKey("code").ForeignKey("owner_id", "accounts", "id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").ReferenceTable("plans").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.ReferenceTableReferencesDistributedTable));
        Assert.That(problem.ToString(), Does.StartWith("public.plans.owner_id: foreign key plans_owner_id_fkey (owner_id) of the reference table references the distributed table public.accounts"));
    }

    [Test]
    public void Tenant_columns_of_different_types_are_a_problem()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("projects", "account_id integer, id bigint", t => t.PrimaryKey("account_id", "id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.TenantColumnTypeMismatch));
        Assert.That(problem.ToString(), Does.StartWith("public.projects.account_id: is integer but public.accounts.id is bigint"));
    }

    [Test]
    public void Tenant_key_type_of_the_model_must_match_the_root_column()
    {
        var catalog = new TestCatalog().Table("accounts", "id uuid", t => t.PrimaryKey("id")).Build();
        var model = new TenantModelBuilder().TenantKey<long>().TenantRoot("accounts").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.ToString(), Does.StartWith("public.accounts.id: is uuid but the tenant model declares tenant keys of type Int64"));
    }

    [Test]
    public void Foreign_key_pairing_the_tenant_column_with_another_column_is_a_problem()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("projects", "account_id bigint, id bigint", t => t.PrimaryKey("account_id", "id"))
            .Table("tasks", "account_id bigint, id bigint, project_id bigint", t => t.PrimaryKey("account_id", "id").ForeignKey("project_id, account_id", "projects", "account_id, id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").TenantTable("tasks", "account_id").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.MisalignedForeignKey));
        Assert.That(problem.Table, Is.EqualTo(Public("tasks")));
        Assert.That(problem.Column, Is.EqualTo("account_id"));
    }

    [TestCase(ForeignKeyAction.SetNull, ForeignKeyAction.NoAction, "ON DELETE SET NULL")]
    [TestCase(ForeignKeyAction.SetDefault, ForeignKeyAction.NoAction, "ON DELETE SET DEFAULT")]
    [TestCase(ForeignKeyAction.NoAction, ForeignKeyAction.Cascade, "ON UPDATE CASCADE")]
    public void Foreign_key_actions_citus_refuses_on_the_distribution_column_are_problems(ForeignKeyAction onDelete, ForeignKeyAction onUpdate, string action)
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("projects", "account_id bigint, id bigint", t => t.PrimaryKey("account_id", "id").ForeignKey("account_id", "accounts", "id", onDelete, onUpdate))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.UnsupportedForeignKeyAction));
        Assert.That(problem.Message, Does.Contain(action));
    }

    [Test]
    public void Unique_index_without_the_tenant_column_is_a_problem()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("projects", "account_id bigint, id bigint, name text", t => t.PrimaryKey("account_id", "id").UniqueIndex("projects_lower_name_idx", [null]))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.UniqueIndexWithoutTenantColumn));
        Assert.That(problem.ToString(), Does.StartWith("public.projects.account_id: unique index projects_lower_name_idx ((expression))"));
    }

    [Test]
    public void Unique_key_of_the_root_without_its_key_column_is_a_problem()
    {
        var catalog = new TestCatalog().Table("accounts", "id bigint, slug text", t => t.PrimaryKey("id").Unique("slug")).Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.RootKeyWithoutTenantColumn));
        Assert.That(problem.ToString(), Does.StartWith("public.accounts.slug: unique constraint accounts_slug_key (slug) of the tenant root does not include 'id'"));
    }

    [Test]
    public void Local_table_pointing_at_a_distributed_table_is_a_problem()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Table("audit_log", "id bigint, account_id bigint", t => t.PrimaryKey("id").ForeignKey("account_id", "accounts", "id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").GlobalTable("audit_log").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.LocalTableReferencesCitusTable));
        Assert.That(problem.Table, Is.EqualTo(Public("audit_log")));
    }

    [Test]
    public void Distributed_table_pointing_at_a_local_table_is_a_problem()
    {
        var catalog = new TestCatalog()
            .Table("plans", "code text", t => t.PrimaryKey("code"))
            .Table("accounts", "id bigint, plan_code text", t => t.PrimaryKey("id").ForeignKey("plan_code", "plans", "code"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.ReferencesLocalTable));
        Assert.That(problem.Message, Does.Contain("declare public.plans a reference table"));
    }

    [Test]
    public void Table_of_the_model_missing_from_the_database_is_a_problem()
    {
        var catalog = new TestCatalog().Table("accounts", "id bigint", t => t.PrimaryKey("id")).Build();
        var model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.MissingTable));
        Assert.That(problem.Table, Is.EqualTo(Public("projects")));
    }

    [Test]
    public void Reference_tables_are_ordered_parents_first()
    {
        var catalog = new TestCatalog()
            .Table("cities", "id bigint, country_code text", t => t.PrimaryKey("id").ForeignKey("country_code", "countries", "code"))
            .Table("countries", "code text", t => t.PrimaryKey("code"))
            .Table("accounts", "id bigint", t => t.PrimaryKey("id"))
            .Build();
        var model = new TenantModelBuilder().ReferenceTable("cities").ReferenceTable("countries").TenantRoot("accounts").Build();

        var plan = DistributionPlanner.Plan(model, catalog);

        Assert.That(plan.ReferenceTables, Is.EqualTo(new[] { Public("countries"), Public("cities") }));
    }

    [Test]
    public void Plan_text_lists_constraint_changes_and_problems()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        Assert.That(plan.ToText(), Is.EqualTo("""
            Citus distribution plan (from the tenant model and the database catalog)

            Reference tables (create_reference_table), parents first:
              public.countries

            Distributed tables (create_distributed_table), colocated with public.accounts, parents first:
              public.accounts by id (starts the colocation group)
              public.projects by account_id
              public.tasks by account_id

            Foreign keys dropped before distribution:
              public.accounts.accounts_country_code_fkey: (country_code) -> public.countries (code)
              public.projects.projects_account_id_fkey: (account_id) -> public.accounts (id)
              public.tasks.tasks_account_id_fkey: (account_id) -> public.accounts (id)
              public.tasks.tasks_project_id_fkey: (project_id) -> public.projects (id)

            Keys re-created with the tenant column (uniqueness becomes per tenant):
              public.projects.projects_pkey: PRIMARY KEY (id) becomes (account_id, id)
              public.projects.projects_name_key: UNIQUE (name) becomes (account_id, name)
              public.tasks.tasks_pkey: PRIMARY KEY (id) becomes (account_id, id)

            Foreign keys re-created after distribution:
              public.accounts.accounts_country_code_fkey: (country_code) -> public.countries (code)
              public.projects.projects_account_id_fkey: (account_id) -> public.accounts (id)
              public.tasks.tasks_account_id_fkey: (account_id) -> public.accounts (id)
              public.tasks.tasks_project_id_fkey: (account_id, project_id) -> public.projects (account_id, id)

            Problems (fix them before a script can be written):
              none

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Table_with_triggers_is_a_problem_naming_them()
    {
        var catalog = new SchemaCatalog([
            new CatalogTable(Public("accounts"), [new CatalogColumn("id", "bigint", true)], [new CatalogKey("accounts_pkey", CatalogKeyKind.PrimaryKey, ["id"])], [], ["accounts_audit", "accounts_touch"]),
        ]);
        var model = new TenantModelBuilder().TenantRoot("accounts").Build();

        var problem = DistributionPlanner.Plan(model, catalog).Problems.Single();

        Assert.That(problem.Kind, Is.EqualTo(DistributionProblemKind.TableHasTriggers));
        Assert.That(problem.ToString(), Does.StartWith("public.accounts: has triggers (accounts_audit, accounts_touch); Citus refuses"));
    }
}
