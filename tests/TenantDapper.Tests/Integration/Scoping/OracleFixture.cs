using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tests.Integration.RowLevelSecurity;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// A fixture with the oracle's databases: created once for the fixture and dropped after it. A fixture that takes an
/// <see cref="OracleMode"/> (as a <c>[TestFixture]</c> argument) runs its statements with row-level security on too.
/// </summary>
public abstract class OracleFixture
{
    private OracleDatabases? _databases;
    private Oracle? _oracle;

    protected OracleFixture()
        : this(OracleMode.Plain)
    {
    }

    protected OracleFixture(OracleMode mode) => Mode = mode;

    /// <summary>Whether the shared database enforces tenancy with row-level security as well as the rewriter.</summary>
    protected OracleMode Mode { get; }

    internal OracleDatabases Databases => _databases ?? throw new InvalidOperationException("The oracle databases are created in OneTimeSetUp.");

    internal Oracle Oracle => _oracle ?? throw new InvalidOperationException("The oracle is opened in OneTimeSetUp.");

    /// <summary>Whether the fixture runs statements through the oracle (and needs the per-tenant copies), or only uses the shared database.</summary>
    protected virtual bool ComparesWithCopies => true;

    /// <summary>
    /// Whether the fixture's statements name the <c>public</c> schema: on a Citus coordinator the shared tables then
    /// live in its <c>public</c> schema, so such a fixture must be non-parallelizable.
    /// </summary>
    protected virtual bool NamesPublicSchema => false;

    /// <summary>How the oracle runs each statement on the shared database: built and scoped as a tree, or as text through the scoping data source.</summary>
    internal virtual OracleRoute Route => OracleRoute.Builder;

    [OneTimeSetUp]
    public async Task CreateOracleDatabases()
    {
        _databases = await OracleDatabases.CreateAsync(ComparesWithCopies, NamesPublicSchema, Mode == OracleMode.RowLevelSecurity);
        _oracle = ComparesWithCopies ? await Oracle.OpenAsync(_databases) : null;
        if (Mode == OracleMode.RowLevelSecurity)
        {
            await AssertRowLevelSecurityAppliesAsync(_databases);
        }
    }

    /// <summary>
    /// What keeps the row-level security mode from passing vacuously: the role the statements run as is neither a
    /// superuser nor <c>BYPASSRLS</c>, the library's verification finds every policy in place, and carrying no tenant
    /// the role sees no tenant row that the owner sees.
    /// </summary>
    private static async Task AssertRowLevelSecurityAppliesAsync(OracleDatabases databases)
    {
        await using var application = new NpgsqlConnection(databases.SharedAsApplication);
        await application.OpenAsync();
        var (user, superuser, bypasses) = await ApplicationRole.CurrentUserAsync(application);
        Assert.That(superuser, Is.False, $"{user} is a superuser: the policies would not apply to it");
        Assert.That(bypasses, Is.False, $"{user} has BYPASSRLS: the policies would not apply to it");

        await using var owner = new NpgsqlConnection(databases.Shared);
        await owner.OpenAsync();
        await RowLevelSecurityScripts.VerifyAsync(owner, OracleSchema.Model);
        await RowLevelSecurityScripts.VerifyAsync(owner, OracleSchema.UuidModel);
        const string Count = "SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM documents)";
        await using var seen = new NpgsqlCommand(Count, application);
        await using var all = new NpgsqlCommand(Count, owner);
        Assert.That(await all.ExecuteScalarAsync(), Is.Positive);
        Assert.That(await seen.ExecuteScalarAsync(), Is.Zero, $"{user} carrying no tenant sees tenant rows");
    }

    [OneTimeTearDown]
    public async Task DropOracleDatabases()
    {
        if (_oracle is not null)
        {
            await _oracle.DisposeAsync();
        }

        if (_databases is not null)
        {
            await _databases.DisposeAsync();
        }
    }

    /// <summary>
    /// For a statement shape that Citus documents it cannot run: on plain PostgreSQL the oracle comparison of
    /// <see cref="AssertSameAsOracle"/>. On a Citus coordinator the cases Citus refuses (tenants 1 and 2 together
    /// for a read; every case when <paramref name="refusedForOneTenant"/>) must fail with
    /// <paramref name="citusRefusal"/> in the message and leave every table as it was; the others still match the oracle.
    /// <paramref name="onlyFirstTenant"/> limits both to the first tenant alone (a statement that names its tenant).
    /// </summary>
    internal async Task AssertSameAsOracleOrRefusedByCitus(SqlStatement statement, string citusRefusal, bool refusedForOneTenant, TenantModel? model = null, bool onlyFirstTenant = false)
    {
        if (!PostgresSetUp.IsCitusCoordinator)
        {
            await AssertSameAsOracle(statement, model, onlyFirstTenant);
            return;
        }

        model ??= OracleSchema.Model;
        List<int[]> cases = onlyFirstTenant ? [[0]] : [[0], [1], [2]];
        if (statement is SelectStatement && !onlyFirstTenant)
        {
            cases.Add([0, 1]);
        }

        foreach (var positions in cases)
        {
            if (positions.Length == 1 && !refusedForOneTenant)
            {
                var difference = await Oracle.CompareAsync(statement, model, positions);
                Assert.That(difference, Is.Null, difference);
                continue;
            }

            var error = await Oracle.SharedErrorAsync(statement, model, positions);
            Assert.That(error, Does.Contain(citusRefusal).Or.Contain(TenantScopeRewriter.CitusCrashRefusal), $"tenants at positions {string.Join(", ", positions)}");
        }

        Assert.That(await Oracle.SharedUnchangedAsync(), Is.True, "a refused statement changed the shared database");
    }

    /// <summary>
    /// Asserts for every tenant alone that the statement built with its tables qualified by the shared database's
    /// schema (public on plain PostgreSQL, the fixture's schema on Citus) behaves as the one built without a schema
    /// does on the copy. <paramref name="build"/> gets the schema, or <see langword="null"/> for unqualified names.
    /// </summary>
    internal async Task AssertSameAsOracleSchemaQualified(Func<string?, SqlStatement> build)
    {
        var schema = Databases.SharedSchema;
        var model = OracleSchema.ModelIn(schema);
        foreach (var position in new[] { 0, 1, 2 })
        {
            var difference = await Oracle.CompareAsync(build(schema), model, [position], alone: build(null));
            Assert.That(difference, Is.Null, difference);
        }
    }

    /// <summary>Asserts that the statement behaves the same for every tenant alone and, for reads (without data-modifying CTEs), for tenants 1 and 2 together.</summary>
    internal Task AssertSameAsOracle(SqlStatement statement, TenantModel? model = null, bool onlyFirstTenant = false)
    {
        List<int[]> cases = onlyFirstTenant ? [[0]] : [[0], [1], [2]];
        if (statement is SelectStatement && !statement.With.Any(cte => cte.Write is not null) && !onlyFirstTenant)
        {
            cases.Add([0, 1]);
        }

        return AssertSameAsOracle(statement, model, [.. cases]);
    }

    /// <summary>
    /// Asserts that the read behaves the same for every tenant alone, and that for tenants 1 and 2 together the rewriter
    /// refuses it as a shape it cannot pair by tenant (before anything is sent).
    /// </summary>
    internal async Task AssertSameAsOracleAloneAndRefusedForSeveral(SqlStatement statement, TenantModel? model = null)
    {
        model ??= OracleSchema.Model;
        await AssertSameAsOracle(statement, model, [0], [1], [2]);
        Assert.That(
            () => ScopedExecution.Compile(statement, model, Oracle.StateFor(model, 0, 1)),
            Throws.TypeOf<UnscopableSqlException>().With.Message.StartsWith("With several tenants in scope"));
    }

    /// <summary>Asserts that the statement behaves the same for each of the given tenant sets.</summary>
    internal async Task AssertSameAsOracle(SqlStatement statement, TenantModel? model, params int[][] tenantSets)
    {
        model ??= OracleSchema.Model;
        foreach (var positions in tenantSets)
        {
            var difference = await Oracle.CompareAsync(statement, model, positions, Route);
            Assert.That(difference, Is.Null, difference);
        }
    }
}
