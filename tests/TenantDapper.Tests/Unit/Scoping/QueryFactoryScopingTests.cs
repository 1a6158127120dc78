using Npgsql;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Unit.Scoping;

public class QueryFactoryScopingTests
{
    private static QueryFactory Factory(TenantModel? model = null) =>
        new(new NpgsqlConnection(), new PostgresCompiler()) { Model = model ?? SampleSchema.Model };

    [Test]
    public void Explain_shows_what_scoping_did_to_a_built_query()
    {
        using var db = Factory();
        using (CurrentTenant.Use(1L))
        {
            var explanation = db.Explain(new Query("projects as p").LeftJoin("tasks as t", "t.project_id", "p.id"));
            Assert.Multiple(() =>
            {
                Assert.That(explanation.ToString(), Is.EqualTo("projects p: account_id = @tenant (WHERE); tasks t: account_id = @tenant, t.account_id = p.account_id (LEFT JOIN ON)"));
                Assert.That(explanation.Sql, Does.Contain("LEFT JOIN \"tasks\" AS \"t\" ON \"t\".\"account_id\" = @tenant AND \"t\".\"account_id\" = \"p\".\"account_id\""));
            });
        }
    }

    [Test]
    public void Explain_outside_a_tenant_scope_is_refused_for_a_tenant_table()
    {
        using var db = Factory();

        Assert.That(() => db.Explain(new Query("projects")), Throws.TypeOf<TenantNotSetException>());
    }

    [Test]
    public void Explain_for_a_given_tenant_needs_no_tenant_scope()
    {
        using var db = Factory();

        var explanation = db.Explain(new Query("projects"), 7L);

        Assert.Multiple(() =>
        {
            Assert.That(explanation.Sql, Is.EqualTo("SELECT * FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant"));
            Assert.That(explanation.Tenant, Is.EqualTo(7L));
            Assert.That(explanation.ToString(), Is.EqualTo("projects: account_id = @tenant (WHERE)"));
        });
    }

    [Test]
    public void Explain_for_a_given_tenant_ignores_the_current_scope()
    {
        using var db = Factory();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(db.Explain(new Query("projects"), 7L).Tenant, Is.EqualTo(7L));
        }
    }

    [Test]
    public void Explain_for_a_tenant_of_the_wrong_key_type_is_refused()
    {
        using var db = Factory();

        Assert.That(() => db.Explain(new Query("projects"), "seven"), Throws.TypeOf<TenantKeyTypeException>());
    }

    [Test]
    public void Compiled_statement_keeps_the_tenant_captured_when_it_was_compiled()
    {
        using var db = Factory();
        SqlResult compiled;
        using (CurrentTenant.Use(3L))
        {
            compiled = db.Compile(new Query("tasks"));
        }

        using (CurrentTenant.Use(1L))
        {
            Assert.That(compiled.NamedBindings["tenant"], Is.EqualTo(3L));
        }
    }

    [Test]
    public void Every_statement_the_factory_compiles_is_scoped()
    {
        using var db = Factory();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(db.Compile(new Query("tasks").Where("done", true)).Sql, Does.Contain("\"tasks\".\"account_id\" = @tenant"));
        }
    }

    [Test]
    public void Factory_without_a_model_refuses_while_a_tenant_is_set()
    {
        using var db = new QueryFactory(new NpgsqlConnection(), new PostgresCompiler());
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => db.Compile(new Query("tasks")), Throws.TypeOf<TenantModelException>());
        }
    }

    [Test]
    public void Factory_without_a_model_and_without_a_tenant_runs_statements_as_written()
    {
        using var db = new QueryFactory(new NpgsqlConnection(), new PostgresCompiler());
        Assert.That(db.Compile(new Query("tasks")).Sql, Is.EqualTo("SELECT * FROM \"tasks\""));
    }

    [Test]
    public void Raw_from_through_the_factory_is_scoped_unless_marked_scoped()
    {
        using var db = Factory();
        using (CurrentTenant.Use(1L))
        {
            Assert.Multiple(() =>
            {
                Assert.That(db.Compile(new Query().FromRaw("projects p")).Sql, Does.Contain("@tenant"));
                Assert.That(db.Compile(new Query().FromRawScoped("projects p WHERE p.account_id = 1")).Sql, Does.Not.Contain("@tenant"));
            });
        }
    }
}
