using Npgsql;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>Every refusal runs through compile-and-execute against the shared database, and every one proves that nothing was written.</summary>
public class RefusalTests : OracleFixture
{
    protected override bool ComparesWithCopies => false;

    private NpgsqlConnection _connection = null!;

    [SetUp]
    public async Task Connect()
    {
        CurrentTenant.Clear();
        _connection = new NpgsqlConnection(Databases.Shared);
        await _connection.OpenAsync();
    }

    [TearDown]
    public async Task Disconnect()
    {
        CurrentTenant.Clear();
        await _connection.DisposeAsync();
    }

    [Test]
    public Task Write_without_a_tenant_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantNotSetException>(Delete(Table("tasks")));

    [Test]
    public Task Read_without_a_tenant_is_refused() =>
        AssertRefusedAsync<TenantNotSetException>(Select(null, [Table("countries")], Exists(Select(null, [Table("projects")]))));

    [Test]
    public Task Insert_for_another_tenant_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantMismatchException>(Insert(Table("managers"), ["account_id", "id", "name"], [Value(1L), Value(30L), Value("mine")], [Value(2L), Value(31L), Value("theirs")]), tenant: 1L);

    [Test]
    public Task Insert_select_supplying_the_tenant_from_a_column_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantMismatchException>(InsertSelect(Table("managers"), ["account_id", "id", "name"], Select([Col("account_id"), Op(Col("id"), "+", Value(40L)), Col("name")], [Table("projects")])), tenant: 1L);

    [Test]
    public Task Update_setting_the_tenant_column_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantMismatchException>(Update(Table("tasks"), [Set("title", Value("moved")), Set("account_id", Value(2L))]), tenant: 1L);

    [Test]
    public Task On_conflict_setting_the_tenant_column_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantMismatchException>(
            new InsertStatement([], Table("managers"), ["id", "name"], [[Value(1L), Value("x")]], null, new OnConflictClause(["account_id", "id"], [Set("account_id", Value(3L))], null), []),
            tenant: 1L);

    [Test]
    public Task Raw_from_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<UnscopableSqlException>(Delete(Table("tasks", "t"), Raw("t.project_id = p.id"), new RawTableSource(Raw("projects p"), markedScoped: false)), tenant: 1L);

    [Test]
    public Task Raw_join_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<UnscopableSqlException>(
            Update(Table("tasks", "t"), [Set("title", Value("x"))], Raw("t.project_id = p.id"), Join(Table("countries", "c"), JoinKind.Cross, new RawTableSource(Raw("projects p"), markedScoped: false), null)),
            tenant: 1L);

    [Test]
    public Task Raw_cte_body_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<UnscopableSqlException>(
            new DeleteStatement([new CommonTableExpression("doomed", null, Raw("SELECT id FROM tasks"))], Table("comments"), [], In(Col("task_id"), Select([Col("id")], [Table("doomed")])), []),
            tenant: 1L);

    [Test]
    public Task Insert_without_column_list_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<UnscopableSqlException>(Insert(Table("managers"), [], [Value(1L), Value(32L), Value("x")]), tenant: 1L);

    [Test]
    public async Task Write_with_several_tenants_is_refused_and_writes_nothing()
    {
        using (CurrentTenant.UseMany(1L, 2L))
        {
            await AssertRefusedAsync<TenantWriteRequiresSingleTenantException>(Update(Table("tasks"), [Set("done", Value(true))]));
        }
    }

    [Test]
    public Task Write_to_an_unregistered_table_in_a_strict_model_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<UnregisteredTableException>(Delete(Table("orgs")), tenant: 1L);

    [Test]
    public Task Tenant_of_the_wrong_type_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantKeyTypeException>(Delete(Table("tasks")), tenant: OracleSchema.Orgs[0]);

    [Test]
    public async Task Raw_from_marked_as_scoped_runs_as_written()
    {
        using (CurrentTenant.Use(2L))
        {
            var rows = await ReadAsync(Select([Col("p", "account_id")], [new RawTableSource(Raw("projects p"), markedScoped: true)], Raw("p.account_id = 2")));
            Assert.That(rows, Is.Not.Empty.And.All.EqualTo("2"));
        }
    }

    [Test]
    public async Task On_conflict_with_another_tenants_row_changes_nothing()
    {
        var before = await Snapshot.TakeAsync(_connection, null);
        var statement = new InsertStatement([], Table("labels"), ["code", "name"], [[Value("l2-a"), Value("stolen")]], null, new OnConflictClause(["code"], [Set("name", Col("excluded", "name"))], null), []);
        await using var command = ScopedExecution.Command(_connection, ScopedExecution.CompileForCurrentTenantOf(1L, statement, OracleSchema.Model));
        if (PostgresSetUp.IsCitusCoordinator)
        {
            // Citus needs the tenant column in every unique key, so the distribution made labels' key
            // (account_id, code): ON CONFLICT (code) has no unique index to use, and the statement is refused.
            Assert.That(async () => await command.ExecuteNonQueryAsync(), Throws.TypeOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.InvalidColumnReference));
            Assert.That((await Snapshot.TakeAsync(_connection, null)).SameAs(before), Is.True);
            return;
        }

        var affected = await command.ExecuteNonQueryAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(affected, Is.Zero);
            Assert.That((await Snapshot.TakeAsync(_connection, null)).SameAs(before), Is.True);
        });
    }

    [Test]
    public async Task Statement_compiled_for_one_tenant_keeps_it_when_the_tenant_changes_before_it_runs()
    {
        SqlResult deferred;
        using (CurrentTenant.Use(3L))
        {
            deferred = ScopedExecution.CompileForCurrentTenant(Select([Col("account_id")], [Table("tasks")]), OracleSchema.Model);
        }

        using (CurrentTenant.Use(1L))
        {
            await using var command = ScopedExecution.Command(_connection, deferred);
            Assert.That(await ScopedExecution.ReadRowsAsync(command), Is.Not.Empty.And.All.EqualTo("3"));
        }
    }

    [Test]
    public async Task Bypass_reads_every_tenant_and_is_observed()
    {
        var reasons = new List<string>();
        void Observe(object? sender, TenantBypassEventArgs e) => reasons.Add(e.Reason);
        CurrentTenant.BypassStarted += Observe;
        try
        {
            using (CurrentTenant.Bypass("oracle test: count every tenant"))
            {
                var rows = await ReadAsync(Select([Col("account_id")], [Table("tasks")]));
                Assert.That(rows.Distinct().Order(), Is.EqualTo(new[] { "1", "2", "3" }));
            }
        }
        finally
        {
            CurrentTenant.BypassStarted -= Observe;
        }

        Assert.That(reasons, Has.Member("oracle test: count every tenant"));
    }

    private async Task<List<string>> ReadAsync(SqlStatement statement)
    {
        await using var command = ScopedExecution.Command(_connection, ScopedExecution.CompileForCurrentTenant(statement, OracleSchema.Model));
        return await ScopedExecution.ReadRowsAsync(command);
    }

    private async Task AssertRefusedAsync<TException>(SqlStatement statement, object? tenant = null)
        where TException : TenantDapperException
    {
        var before = await Snapshot.TakeAsync(_connection, null);
        using (tenant is null ? null : CurrentTenant.Use(tenant))
        {
            Assert.That(
                async () =>
                {
                    await using var command = ScopedExecution.Command(_connection, ScopedExecution.CompileForCurrentTenant(statement, OracleSchema.Model));
                    await command.ExecuteNonQueryAsync();
                },
                Throws.TypeOf<TException>());
        }

        Assert.That((await Snapshot.TakeAsync(_connection, null)).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
