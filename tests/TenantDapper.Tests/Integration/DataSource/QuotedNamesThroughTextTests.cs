using System.Data.Common;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// Tables and columns whose names need quotes (capitals, keywords: a table <c>"Order"</c>, tenant columns <c>"user"</c>
/// and <c>"AccountId"</c>, columns <c>"select"</c> and <c>"from"</c>, and <c>"Items"</c> beside a table <c>items</c>
/// that a name losing its quotes would read) queried and written through the data source, which writes a name bare only
/// where PostgreSQL needs no quotes: the rows are those of the same statement with the tenant predicate written by
/// hand, sent unscoped.
/// </summary>
public class QuotedNamesThroughTextTests : DatabaseFixture
{
    private static readonly TenantModel Model = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantTable("Order", "user")
        .TenantTable("order_lines", "AccountId")
        .TenantTable("Items", "account_id")
        .TenantTable("items", "account_id")
        .Build();

    private TenantDataSource? _source;

    private TenantDataSource Source => _source ?? throw new InvalidOperationException("The data source is created in OneTimeSetUp.");

    public static IEnumerable<TestCaseData> Reads() =>
    [
        new TestCaseData(
            "SELECT o.id, o.\"select\", o.\"Total\", o.day FROM \"Order\" o ORDER BY o.id",
            "SELECT o.id, o.\"select\", o.\"Total\", o.day FROM \"Order\" o WHERE o.\"user\" = 1 ORDER BY o.id"),
        new TestCaseData(
            "SELECT o.id, l.\"from\", l.qty FROM \"Order\" o JOIN order_lines l ON l.order_id = o.id ORDER BY o.id, l.qty",
            "SELECT o.id, l.\"from\", l.qty FROM \"Order\" o JOIN order_lines l ON l.order_id = o.id AND l.\"AccountId\" = o.\"user\" WHERE o.\"user\" = 1 AND l.\"AccountId\" = 1 ORDER BY o.id, l.qty"),
        new TestCaseData(
            "SELECT \"Name\" FROM \"Items\" ORDER BY 1",
            "SELECT \"Name\" FROM \"Items\" WHERE account_id = 1 ORDER BY 1"),
        new TestCaseData(
            "SELECT name FROM items ORDER BY 1",
            "SELECT name FROM items WHERE account_id = 1 ORDER BY 1"),
        new TestCaseData(
            "WITH \"with\" (\"limit\") AS (SELECT \"Total\" FROM \"Order\") SELECT w.\"limit\" FROM \"with\" AS w ORDER BY 1",
            "WITH \"with\" (\"limit\") AS (SELECT \"Total\" FROM \"Order\" WHERE \"user\" = 1) SELECT w.\"limit\" FROM \"with\" AS w ORDER BY 1"),
        new TestCaseData(
            "SELECT \"select\" AS \"Select\", count(*) AS \"count\", max(day) AS \"group\" FROM \"Order\" GROUP BY \"select\" ORDER BY 1",
            "SELECT \"select\" AS \"Select\", count(*) AS \"count\", max(day) AS \"group\" FROM \"Order\" WHERE \"user\" = 1 GROUP BY \"select\" ORDER BY 1"),
    ];

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            CREATE TABLE "Order" ("user" bigint NOT NULL, id bigint NOT NULL, "select" text NOT NULL, "Total" int NOT NULL, day int NOT NULL, PRIMARY KEY ("user", id));
            CREATE TABLE order_lines ("AccountId" bigint NOT NULL, order_id bigint NOT NULL, "from" text NOT NULL, qty int NOT NULL);
            CREATE TABLE "Items" (account_id bigint NOT NULL, "Name" text NOT NULL);
            CREATE TABLE items (account_id bigint NOT NULL, name text NOT NULL);
            INSERT INTO "Order" SELECT t, k, 'kind' || (k % 2), 10 * t + k, k FROM generate_series(1, 2) t, generate_series(1, 4) k;
            INSERT INTO order_lines SELECT t, k % 4 + 1, 'from ' || t || '/' || k, k FROM generate_series(1, 2) t, generate_series(1, 8) k;
            INSERT INTO "Items" SELECT t, 'Item ' || t || '/' || k FROM generate_series(1, 2) t, generate_series(1, 3) k;
            INSERT INTO items SELECT t, 'item ' || t || '/' || k FROM generate_series(1, 2) t, generate_series(1, 2) k;
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    [OneTimeSetUp]
    public void CreateDataSource() => _source = new TenantDataSource(NpgsqlDataSource.Create(ConnectionString), Model);

    [OneTimeTearDown]
    public async Task DisposeDataSource()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }

    [TestCaseSource(nameof(Reads))]
    public async Task Read_returns_the_rows_of_the_hand_scoped_statement(string sql, string handScoped)
    {
        await using var raw = await OpenConnectionAsync();
        var expected = await RowsAsync(raw, handScoped);

        List<string> actual;
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await Source.OpenConnectionAsync();
            actual = await RowsAsync(connection, sql);
        }

        Assert.That(expected, Is.Not.Empty);
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public async Task Writes_touch_only_the_tenant_s_rows_of_the_quoted_tables()
    {
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await Source.OpenConnectionAsync();
            await connection.ExecuteAsync("INSERT INTO \"Order\" (id, \"select\", \"Total\", day) VALUES (@id, 'new', 0, 9)", new { id = 50L });
            await connection.ExecuteAsync("UPDATE \"Order\" SET \"Total\" = \"Total\" + 100 WHERE \"select\" = @kind", new { kind = "kind1" });
            await connection.ExecuteAsync("DELETE FROM order_lines WHERE \"from\" LIKE 'from%' AND qty = @qty", new { qty = 8 });
        }

        await using var raw = await OpenConnectionAsync();
        Assert.That(await RowsAsync(raw, "SELECT \"user\", id, \"Total\" FROM \"Order\" WHERE id = 50 OR \"select\" = 'kind1' ORDER BY 1, 2"), Is.EqualTo(new[]
        {
            "1|1|111", "1|3|113", "1|50|0", "2|1|21", "2|3|23",
        }));
        Assert.That(await RowsAsync(raw, "SELECT \"AccountId\", count(*) FROM order_lines GROUP BY 1 ORDER BY 1"), Is.EqualTo(new[] { "1|7", "2|8" }));
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
