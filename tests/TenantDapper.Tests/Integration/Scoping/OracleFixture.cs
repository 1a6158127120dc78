using TenantDapper.Syntax;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>A fixture with the oracle's databases: created once for the fixture and dropped after it.</summary>
public abstract class OracleFixture
{
    private OracleDatabases? _databases;
    private Oracle? _oracle;

    internal OracleDatabases Databases => _databases ?? throw new InvalidOperationException("The oracle databases are created in OneTimeSetUp.");

    internal Oracle Oracle => _oracle ?? throw new InvalidOperationException("The oracle is opened in OneTimeSetUp.");

    /// <summary>Whether the fixture runs statements through the oracle (and needs the per-tenant copies), or only uses the shared database.</summary>
    protected virtual bool ComparesWithCopies => true;

    [OneTimeSetUp]
    public async Task CreateOracleDatabases()
    {
        _databases = await OracleDatabases.CreateAsync(ComparesWithCopies);
        _oracle = ComparesWithCopies ? await Oracle.OpenAsync(_databases) : null;
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

    /// <summary>Asserts that the statement behaves the same for every tenant alone and, for reads, for tenants 1 and 2 together.</summary>
    internal Task AssertSameAsOracle(SqlStatement statement, TenantModel? model = null, bool onlyFirstTenant = false)
    {
        List<int[]> cases = onlyFirstTenant ? [[0]] : [[0], [1], [2]];
        if (statement is SelectStatement && !onlyFirstTenant)
        {
            cases.Add([0, 1]);
        }

        return AssertSameAsOracle(statement, model, [.. cases]);
    }

    /// <summary>Asserts that the statement behaves the same for each of the given tenant sets.</summary>
    internal async Task AssertSameAsOracle(SqlStatement statement, TenantModel? model, params int[][] tenantSets)
    {
        model ??= OracleSchema.Model;
        foreach (var positions in tenantSets)
        {
            var difference = await Oracle.CompareAsync(statement, model, positions);
            Assert.That(difference, Is.Null, difference);
        }
    }
}
