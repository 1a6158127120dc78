using Npgsql;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// Three nested scopes of every mix of Use, UseMany and Bypass, disposed in every order. After each
/// disposal the ambient state is what the innermost live scope set (or nothing, after a misuse, until the
/// scopes around it end in order), and a real statement against the shared database reads exactly the rows
/// that state allows: never wider than the innermost live scope.
/// </summary>
[NonParallelizable]
public class ScopeDisposalOrderTests : OracleFixture
{
    private static readonly int[][] Orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    private NpgsqlConnection _connection = null!;

    /// <summary>What a scope sets.</summary>
    public enum ScopeKind
    {
        /// <summary><c>Use(tenant)</c>.</summary>
        One,

        /// <summary><c>UseMany(tenant, next tenant)</c>.</summary>
        Many,

        /// <summary><c>Bypass(reason)</c>.</summary>
        Bypass,
    }

    protected override bool ComparesWithCopies => false;

    public static IEnumerable<TestCaseData> Mixes() =>
        from outer in Enum.GetValues<ScopeKind>()
        from middle in Enum.GetValues<ScopeKind>()
        from inner in Enum.GetValues<ScopeKind>()
        select new TestCaseData(outer, middle, inner);

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

    [TestCaseSource(nameof(Mixes))]
    public async Task Every_disposal_order_leaves_no_more_than_the_innermost_live_scope(ScopeKind outer, ScopeKind middle, ScopeKind inner)
    {
        ScopeKind[] kinds = [outer, middle, inner];
        foreach (var order in Orders)
        {
            var context = $"scopes {string.Join(", ", kinds)} disposed in the order {string.Join(", ", order)}";
            var scopes = new TenantScope[3];
            var sets = new Expected[3];
            for (var i = 0; i < 3; i++)
            {
                (scopes[i], sets[i]) = Begin(kinds[i], i);
            }

            var live = new List<int> { 0, 1, 2 };
            var expected = sets[2];
            await AssertStateAsync(expected, context + ", before any disposal");
            foreach (var index in order)
            {
                var step = $"{context}, after disposing scope {index}";
                if (live.Count > 0 && live[^1] == index)
                {
                    Assert.That(scopes[index].Dispose, Throws.Nothing, step);
                    live.Remove(index);
                    expected = index == 0 ? Expected.Nothing : sets[index - 1];
                }
                else if (live.Contains(index))
                {
                    Assert.That(scopes[index].Dispose, Throws.TypeOf<TenantScopeMisuseException>(), step);
                    live.RemoveAll(j => j >= index);
                    expected = Expected.Nothing;
                }
                else
                {
                    Assert.That(scopes[index].Dispose, Throws.Nothing, step);
                }

                await AssertStateAsync(expected, step);
            }
        }
    }

    private static (TenantScope Scope, Expected Sets) Begin(ScopeKind kind, int position)
    {
        var tenant = OracleSchema.Tenants[position];
        var next = OracleSchema.Tenants[(position + 1) % 3];
        return kind switch
        {
            ScopeKind.One => (CurrentTenant.Use(tenant), new Expected([tenant], false)),
            ScopeKind.Many => (CurrentTenant.UseMany(tenant, next), new Expected([tenant, next], false)),
            _ => (CurrentTenant.Bypass($"disposal order test, scope {position}"), new Expected([], true)),
        };
    }

    private async Task AssertStateAsync(Expected expected, string step)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CurrentTenant.IsBypassed, Is.EqualTo(expected.Bypass), step);
            Assert.That(CurrentTenant.IsSet, Is.EqualTo(expected.Tenants.Length > 0), step);
            Assert.That(CurrentTenant.Ids, Is.EquivalentTo(expected.Tenants), step);
        });

        var statement = Select([Col("account_id")], [Table("tasks")]);
        if (!expected.Bypass && expected.Tenants.Length == 0)
        {
            Assert.That(() => ScopedExecution.CompileForCurrentTenant(statement, OracleSchema.Model), Throws.TypeOf<TenantNotSetException>(), step);
            return;
        }

        await using var command = ScopedExecution.Command(_connection, ScopedExecution.CompileForCurrentTenant(statement, OracleSchema.Model));
        var seen = (await ScopedExecution.ReadRowsAsync(command)).Distinct().Order().ToArray();
        var allowed = expected.Bypass ? OracleSchema.Tenants : expected.Tenants;
        Assert.That(seen, Is.EqualTo(allowed.Order().Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))), step);
    }

    private sealed record Expected(long[] Tenants, bool Bypass)
    {
        public static Expected Nothing { get; } = new([], false);
    }
}
