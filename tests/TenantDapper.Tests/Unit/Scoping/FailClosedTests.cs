using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;
using TenantDapper.Tests.Sample;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Unit.Scoping;

public class FailClosedTests
{
    [Test]
    public void Statement_touching_a_tenant_table_without_a_tenant_throws()
    {
        var error = Assert.Throws<TenantNotSetException>(() => Scoper.Scope(Select(null, [Table("countries"), Table("tasks")])));
        Assert.That(error!.Table, Is.EqualTo(new TableName(null, "tasks")));
    }

    [Test]
    public void Tenant_table_hidden_in_a_subquery_without_a_tenant_throws()
    {
        var statement = Select(null, [Table("countries")], Exists(Select(null, [Table("accounts")])));
        Assert.That(() => Scoper.Scope(statement), Throws.TypeOf<TenantNotSetException>());
    }

    [Test]
    public void Raw_from_is_refused()
    {
        var statement = Select(null, [new RawTableSource(Raw("projects p"), markedScoped: false)]);
        Assert.That(() => Scoper.Scope(statement, 1L), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public void Raw_join_is_refused_even_without_a_tenant()
    {
        var statement = Select(null, [Join(Table("countries"), JoinKind.Inner, new RawTableSource(Raw("projects p"), markedScoped: false), Raw("true"))]);
        Assert.That(() => Scoper.Scope(statement), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public void Raw_from_marked_scoped_passes_through()
    {
        var statement = Select(null, [new RawTableSource(Raw("projects p"), markedScoped: true)]);
        Assert.That(ReferenceEquals(Scoper.Scope(statement, 1L).Release(), statement), Is.True);
    }

    [Test]
    public void Raw_cte_body_is_refused()
    {
        var statement = Query(Block(null, [Table("x")]), new CommonTableExpression("x", null, Raw("SELECT * FROM projects")));
        Assert.That(() => Scoper.Scope(statement, 1L), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public void Strict_model_refuses_an_unregistered_table()
    {
        var model = new TenantModelBuilder().TenantTable("projects", "account_id").Strict().Build();
        Assert.That(() => Scoper.Scope(Select(null, [Table("unknown")]), 1L, model), Throws.TypeOf<UnregisteredTableException>());
    }

    [Test]
    public void Strict_model_accepts_a_cte_name()
    {
        var model = new TenantModelBuilder().TenantTable("projects", "account_id").Strict().Build();
        var statement = Query(Block(null, [Table("mine")]), Cte("mine", Select(null, [Table("projects")])));
        Assert.That(PostgresSqlWriter.Write(Scoper.Scope(statement, 1L, model).Release()).Sql, Does.EndWith("SELECT * FROM \"mine\""));
    }

    [Test]
    public void Bypass_passes_the_statement_through_unscoped()
    {
        var statement = Select(null, [Table("projects")]);
        var scoped = TenantScoping.Scope(statement, SampleSchema.Model, TenantState.Bypass("report"));
        Assert.Multiple(() =>
        {
            Assert.That(ReferenceEquals(scoped.Release(), statement), Is.True);
            Assert.That(scoped.BypassReason, Is.EqualTo("report"));
        });
    }

    [Test]
    public void Statement_touching_no_tenant_table_comes_back_as_the_same_instance()
    {
        var statement = Query(Block(null, [Table("countries")], In(Col("code"), Select([Col("message")], [Table("audit_log")]))));
        Assert.That(ReferenceEquals(Scoper.Scope(statement, 1L).Release(), statement), Is.True);
    }

    [Test]
    public void Statement_touching_no_tenant_table_allocates_nothing_in_the_rewriter()
    {
        var statement = Query(
            Block([Col("c", "name")], [Join(Table("countries", "c"), JoinKind.Left, Table("audit_log", "l"), Eq(Col("l", "message"), Col("c", "code")))], Exists(Select(null, [Table("countries")]))),
            Cte("codes", Select([Col("code")], [Table("countries")])));
        var state = TenantState.For(1L);
        TenantScoping.Scope(statement, SampleSchema.Model, state);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            TenantScoping.Scope(statement, SampleSchema.Model, state);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Scoping_never_changes_the_callers_tree()
    {
        var where = Eq(Col("p", "name"), Value("x"));
        var join = Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")));
        var statement = Select(null, [join], where);
        var before = PostgresSqlWriter.Write(statement).Sql;
        Scoper.Scope(statement, 1L);
        Assert.Multiple(() =>
        {
            Assert.That(PostgresSqlWriter.Write(statement).Sql, Is.EqualTo(before));
            Assert.That(ReferenceEquals(((SelectBlock)statement.Body).From[0], join), Is.True);
            Assert.That(join.On, Is.InstanceOf<BinaryExpression>());
        });
    }
}
