using TenantDapper.Citus;

namespace TenantDapper.Tests.Unit.Citus;

/// <summary>Scripts planned from what Citus already holds, safe to run again, resumable, and reversible with identity columns.</summary>
public sealed class RerunAndReverseTests
{
    // The legacy schema as distribute.sql leaves it: keys with the tenant column, every table in Citus.
    private static TestCatalog Distributed(bool tasksToo = true) => new TestCatalog()
        .Table("countries", "code text, name text", t => t.PrimaryKey("code").ReferenceTable())
        .Table("accounts", "id bigint, name text, country_code text", t => t.PrimaryKey("id").ForeignKey("country_code", "countries", "code").DistributedBy("id").Identity("id"))
        .Table("projects", "account_id bigint, id bigint, name text", t => t.PrimaryKey("account_id", "id").ForeignKey("account_id", "accounts", "id").DistributedBy("account_id").Identity("id", ColumnIdentity.Always))
        .Table("tasks", "account_id bigint, id bigint, project_id bigint", t =>
        {
            t.PrimaryKey("account_id", "id").ForeignKey("account_id", "accounts", "id").ForeignKey("account_id, project_id", "projects", "account_id, id", ForeignKeyAction.Cascade);
            if (tasksToo)
            {
                t.DistributedBy("account_id");
            }
        });

    [Test]
    public void Plan_of_a_schema_already_distributed_as_planned_says_there_is_nothing_to_do()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Distributed().Build());

        Assert.That(plan.IsReady && plan.IsComplete, Is.True);
        Assert.That(plan.ToText(), Does.Contain("Nothing to do: every table is already distributed as planned."));
        var lines = new CitusScriptWriter().DistributionLines(plan);
        Assert.That(lines.Where(l => l.IsStatement), Is.Empty);
        Assert.That(new CitusScriptWriter().WriteDistribution(plan), Does.Contain("-- Nothing to do"));
    }

    [Test]
    public void Plan_of_a_half_done_distribution_finishes_only_what_is_left()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Distributed(tasksToo: false).Build());
        var script = new CitusScriptWriter().WriteDistribution(plan);

        Assert.That(plan.IsComplete, Is.False);
        Assert.That(plan.CompletedTables.Select(t => t.Name), Is.EquivalentTo(new[] { "countries", "accounts", "projects" }));
        Assert.That(script, Does.Not.Contain("create_reference_table(").And.Not.Contain("create_distributed_table('\"public\".\"accounts\"'").And.Not.Contain("create_distributed_table('\"public\".\"projects\"'"));
        Assert.That(script, Does.Contain("SELECT create_distributed_table('\"public\".\"tasks\"', 'account_id', colocate_with => '\"public\".\"accounts\"')"));
        Assert.That(plan.ForeignKeysToCreate.Select(k => k.Name), Is.EquivalentTo(new[] { "tasks_account_id_fkey", "tasks_account_id_project_id_fkey" }));
        Assert.That(plan.ForeignKeysInPlace.Select(k => k.Name), Is.EquivalentTo(new[] { "accounts_country_code_fkey", "projects_account_id_fkey" }));
    }

    [Test]
    public void Table_distributed_by_another_column_is_a_problem_naming_it()
    {
        var catalog = new TestCatalog()
            .Table("accounts", "id bigint", t => t.PrimaryKey("id").DistributedBy("id"))
            .Table("projects", "account_id bigint, id bigint", t => t.PrimaryKey("account_id", "id").DistributedBy("id"))
            .Build();
        var model = new TenantModelBuilder().TenantRoot("accounts", "id").TenantTable("projects", "account_id").Build();

        var plan = DistributionPlanner.Plan(model, catalog);

        Assert.That(plan.Problems.Select(p => (p.Kind, p.Table.Name)), Is.EqualTo(new[] { (DistributionProblemKind.AlreadyPlacedOtherwise, "projects") }));
        Assert.That(plan.Problems[0].Message, Does.Contain("already distributed by id, not by its tenant column account_id"));
    }

    [Test]
    public void Every_citus_call_is_guarded_so_the_script_can_run_again()
    {
        var script = new CitusScriptWriter().WriteDistribution(DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy));

        Assert.That(script, Does.Contain("SELECT create_distributed_table('\"public\".\"tasks\"', 'account_id', colocate_with => '\"public\".\"accounts\"')\n    WHERE NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = '\"public\".\"tasks\"'::regclass AND partmethod = 'h');"));
        Assert.That(script, Does.Contain("ALTER TABLE \"public\".\"tasks\" DROP CONSTRAINT IF EXISTS \"tasks_project_id_fkey\";"));
    }

    [Test]
    public void Concurrent_script_re_creates_each_tables_foreign_keys_right_after_distributing_it()
    {
        var script = new CitusScriptWriter(new CitusScriptOptions { Concurrently = true }).WriteDistribution(DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy));

        var projects = script.IndexOf("create_distributed_table_concurrently('\"public\".\"projects\"'", StringComparison.Ordinal);
        var projectsKey = script.IndexOf("ADD CONSTRAINT \"projects_account_id_fkey\"", StringComparison.Ordinal);
        var tasks = script.IndexOf("create_distributed_table_concurrently('\"public\".\"tasks\"'", StringComparison.Ordinal);
        var tasksKey = script.IndexOf("ADD CONSTRAINT \"tasks_project_id_fkey\"", StringComparison.Ordinal);
        Assert.That(new[] { projects, projectsKey, tasks, tasksKey }, Is.Ordered.And.All.GreaterThan(0));
        Assert.That(script, Does.Contain("run this same file again from the top"));
        Assert.That(script, Does.Not.Contain("Part 3"));
    }

    [Test]
    public void Truncating_the_local_copies_is_offered_and_added_after_each_table_when_asked()
    {
        var plan = DistributionPlanner.Plan(Schemas.LegacyModel, Schemas.Legacy);

        var without = new CitusScriptWriter().WriteDistribution(plan);
        var with = new CitusScriptWriter(new CitusScriptOptions { TruncateLocalData = true }).WriteDistribution(plan);

        static int Calls(string script) => script.Split('\n').Count(l => l.StartsWith("SELECT truncate_local_data_after_distributing_table(", StringComparison.Ordinal));
        Assert.That(without, Does.Contain("generate the script with --truncate-local-data"));
        Assert.That(Calls(without), Is.Zero);
        Assert.That(Calls(with), Is.EqualTo(4));
    }

    [Test]
    public void Reverse_script_takes_identity_off_the_coordinators_table_and_puts_it_back_after()
    {
        var script = new CitusScriptWriter().WriteUndistribution(DistributionPlanner.Plan(Schemas.LegacyModel, Distributed().Build()));

        var off = script.IndexOf("SET LOCAL citus.enable_ddl_propagation TO off;\nALTER TABLE \"public\".\"accounts\" ALTER COLUMN \"id\" DROP IDENTITY IF EXISTS;\nALTER TABLE \"public\".\"projects\" ALTER COLUMN \"id\" DROP IDENTITY IF EXISTS;\nSET LOCAL citus.enable_ddl_propagation TO on;", StringComparison.Ordinal);
        var undistribute = script.IndexOf("SELECT undistribute_table('\"public\".\"accounts\"')", StringComparison.Ordinal);
        var back = script.IndexOf("ALTER TABLE \"public\".\"projects\" ALTER COLUMN \"id\" ADD GENERATED ALWAYS AS IDENTITY;\nSELECT setval(pg_get_serial_sequence('\"public\".\"projects\"', 'id'), coalesce(max(\"id\"), 0) + 1, false) FROM \"public\".\"projects\";", StringComparison.Ordinal);
        var keys = script.IndexOf("ADD CONSTRAINT \"projects_account_id_fkey\"", StringComparison.Ordinal);
        Assert.That(new[] { off, undistribute, back, keys }, Is.Ordered.And.All.GreaterThan(0));
        Assert.That(script, Does.Contain("ALTER TABLE \"public\".\"accounts\" DROP CONSTRAINT IF EXISTS \"accounts_country_code_fkey\""), "foreign keys already in place are dropped too");
    }
}
