using ReadmeSnippets.Building;

namespace TenantDapper.Tests.Integration.Readme.Scoping;

/// <summary>README, "Scoping every statement to the current tenant".</summary>
public sealed class ScopingSnippets : ReadmeFixture
{
    [Test]
    public async Task Scoped_query_returns_only_the_tenants_rows_and_sends_the_sql_the_readme_shows()
    {
        await using var connection = await OpenConnectionAsync();
        #region README
        var model = new TenantModelBuilder()
            .TenantKey<long>()
            .ReferenceTable("countries")              // shared by every tenant, never filtered
            .TenantRoot("accounts", "id")             // one row per tenant
            .TenantTable("managers", "account_id")
            .TenantTable("projects", "account_id")
            .TenantTable("tasks", "account_id")
            .TenantTable("project_managers", "account_id")
            .TenantTable("comments", "acc_id")        // any column name
            .Strict()                                 // an undeclared table is an error
            .Build();                                 // or .Entity<Project>() with [TenantTable("account_id")]

        var db = new QueryFactory(connection, new PostgresCompiler()) { Model = model };

        IEnumerable<OpenTask> rows;
        using (CurrentTenant.Use(42L))                // flows across await, isolated between requests
        {
            rows = await db.Query("projects as p")
                .LeftJoin("tasks as t", "t.project_id", "p.id")
                .Select("p.id", "p.name", "t.title")
                .GetAsync<OpenTask>();
            // SELECT "p"."id", "p"."name", "t"."title" FROM "projects" AS "p" LEFT JOIN "tasks" AS "t"
            //   ON "t"."account_id" = @tenant AND "t"."account_id" = "p"."account_id" AND "t"."project_id" = "p"."id"
            //   WHERE "p"."account_id" = @tenant
        }
        #endregion
        string sent;
        using (CurrentTenant.Use(42L))
        {
            sent = db.Explain(db.Query("projects as p").LeftJoin("tasks as t", "t.project_id", "p.id").Select("p.id", "p.name", "t.title")).Sql;
        }

        Assert.That(rows.Select(r => r.Title).Order(), Is.EqualTo(new[] { "build", "design", "ship" }));
        Assert.That(
            sent,
            Is.EqualTo("SELECT \"p\".\"id\", \"p\".\"name\", \"t\".\"title\" FROM \"projects\" AS \"p\" LEFT JOIN \"tasks\" AS \"t\" ON \"t\".\"account_id\" = @tenant AND \"t\".\"account_id\" = \"p\".\"account_id\" AND \"t\".\"project_id\" = \"p\".\"id\" WHERE \"p\".\"account_id\" = @tenant"));
    }
}
