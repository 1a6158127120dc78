using System.Data.Common;
using System.Text;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>Bad input at the API: a clear exception, nothing sent, nothing written, and the pool's next use clean.</summary>
public class BadInputTests : FaultFixture
{
    private TenantDataSource _source = null!;

    [OneTimeSetUp]
    public void CreateDataSource() => _source = CreateSource(maxPoolSize: 1);

    [OneTimeTearDown]
    public async Task DisposeDataSource() => await _source.DisposeAsync();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(";")]
    public async Task A_null_or_empty_text_is_refused_before_anything_is_sent(string? text)
    {
        await AssertRefusedAsync(connection => connection.ExecuteAsync(text!), Throws.InstanceOf<UnscopableSqlException>());
    }

    [Test]
    public async Task A_ten_megabyte_literal_is_scoped_and_sent_like_a_small_one()
    {
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await _source.OpenConnectionAsync();
            var huge = new string('x', 10_000_000);
            Assert.That(await connection.QueryAsync<long>("SELECT id FROM items WHERE name = '" + huge + "'"), Is.Empty);
        }

        await AssertNextUseIsCleanAsync(_source);
    }

    [Test]
    public async Task Seventy_thousand_parameters_are_refused_by_the_driver_before_anything_is_sent()
    {
        var parameters = new DynamicParameters();
        var names = new StringBuilder();
        for (var i = 0; i < 70_000; i++)
        {
            parameters.Add("p" + i, (long)i);
            names.Append(i == 0 ? "@p0" : ", @p" + i);
        }

        await AssertRefusedAsync(
            connection => connection.QueryAsync<long>("SELECT id FROM items WHERE id IN (" + names + ")", parameters),
            Throws.InstanceOf<Exception>().With.Message.Contains("65535"));
    }

    [Test]
    public async Task A_builder_insert_of_seventy_thousand_values_is_refused_by_the_driver_before_anything_is_sent()
    {
        var rows = Enumerable.Range(0, 35_000).Select(i => (IEnumerable<object?>)[(long)(500 + i), "wide " + i, 1L]);
        await AssertRefusedAsync(
            connection => new QueryFactory(connection, new PostgresCompiler()).Query("items").InsertAsync(["op", "name", "written_for"], rows),
            Throws.InstanceOf<Exception>().With.Message.Contains("65535"));
        Assert.That(await RowsOfOperationAsync(500), Is.Zero);
    }

    [Test]
    public async Task A_builder_query_nested_ten_thousand_deep_is_refused_before_anything_is_sent()
    {
        await AssertRefusedAsync(
            connection =>
            {
                var db = new QueryFactory(connection, new PostgresCompiler());
                var query = db.Query("items").Select("id").Where("id", 1);
                for (var i = 0; i < 100_000; i++)
                {
                    query = db.Query("items").Select("id").WhereIn("id", query);
                }

                return query.GetAsync<long>();
            },
            Throws.InstanceOf<InvalidQueryException>());
    }

    [Test]
    public async Task A_lone_surrogate_in_a_parameter_value_is_refused_and_writes_nothing()
    {
        await AssertRefusedAsync(
            connection => connection.ExecuteAsync("INSERT INTO items (op, name, written_for) VALUES (601, @name, 1)", new { name = "broken \uD800 text" }),
            Throws.InstanceOf<EncoderFallbackException>().Or.InstanceOf<ArgumentException>());
        Assert.That(await RowsOfOperationAsync(601), Is.Zero);
    }

    [Test]
    public async Task A_lone_surrogate_in_a_literal_of_the_text_is_refused_and_writes_nothing()
    {
        await AssertRefusedAsync(
            connection => connection.ExecuteAsync("INSERT INTO items (op, name, written_for) VALUES (602, 'broken \uDC00 text', 1)"),
            Throws.InstanceOf<UnscopableSqlException>().Or.InstanceOf<EncoderFallbackException>().Or.InstanceOf<ArgumentException>(),
            driverMayBreakTheConnection: true);
        Assert.That(await RowsOfOperationAsync(602), Is.Zero);
    }

    [Test]
    public async Task A_lone_surrogate_in_a_builder_value_is_refused_and_writes_nothing()
    {
        await AssertRefusedAsync(
            connection => new QueryFactory(connection, new PostgresCompiler()).Query("items").InsertAsync(new { op = 603L, name = "\uD83D", written_for = 1L }),
            Throws.InstanceOf<EncoderFallbackException>().Or.InstanceOf<ArgumentException>());
        Assert.That(await RowsOfOperationAsync(603), Is.Zero);
    }

    [TestCase("1")]
    [TestCase("6ba7b810-9dad-11d1-80b4-00c04fd430c8")]
    public async Task A_tenant_key_of_the_wrong_type_is_refused_before_anything_is_sent(object tenant)
    {
        await AssertRefusedAsync(
            connection => connection.QueryAsync<long>("SELECT id FROM items"),
            Throws.InstanceOf<TenantKeyTypeException>(),
            tenant);
    }

    [Test]
    public void A_tenant_key_of_an_unsupported_type_is_refused_when_it_is_set() =>
        Assert.That(() => CurrentTenant.Use(1.0), Throws.ArgumentException.With.Message.Contains("use long, int, Guid or string"));

    [Test]
    public async Task An_int_tenant_for_a_bigint_key_is_widened_and_reads_only_its_own_rows()
    {
        using (CurrentTenant.Use(1))
        {
            await using var connection = await _source.OpenConnectionAsync();
            Assert.That((await connection.QueryAsync<long>("SELECT account_id FROM items")).ToList(), Has.Count.EqualTo(FaultSchema.SeedItemsPerTenant).And.All.EqualTo(1L));
        }
    }

    [TestCase("1")]
    public async Task A_tenant_key_of_the_wrong_type_is_refused_by_the_bulk_insert_before_anything_is_sent(object tenant)
    {
        await AssertRefusedAsync(
            connection => connection.BulkInsertAsync([new FaultItem { Op = 604, Name = "wrong key", WrittenFor = 1 }]),
            Throws.InstanceOf<TenantKeyTypeException>(),
            tenant);
        Assert.That(await RowsOfOperationAsync(604), Is.Zero);
    }

    /// <summary>
    /// Runs <paramref name="call"/> for <paramref name="tenant"/> on a marked connection: it must throw as
    /// <paramref name="refusal"/> says, the backend must have received nothing after the mark, and the pool's next use is clean.
    /// </summary>
    /// <param name="driverMayBreakTheConnection">Whether the driver may end the session on the refusal (it does when the text cannot be encoded, half way through a message); nothing can have run then.</param>
    private async Task AssertRefusedAsync(
        Func<DbConnection, Task> call, NUnit.Framework.Constraints.IResolveConstraint refusal, object? tenant = null, bool driverMayBreakTheConnection = false)
    {
        int pid;
        using (CurrentTenant.Use(tenant ?? 1L))
        {
            await using var connection = await _source.OpenConnectionAsync();
            pid = await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid() AS fault_mark");
            Assert.That(async () => await call(connection), refusal);
            await using var admin = await OpenConnectionAsync();
            var last = await admin.ExecuteScalarAsync<string?>("SELECT query FROM pg_stat_activity WHERE pid = @pid", new { pid });
            if (!(driverMayBreakTheConnection && last is null))
            {
                Assert.That(last, Does.Contain("fault_mark"), "something was sent after the mark");
            }
        }

        await AssertNextUseIsCleanAsync(_source);
    }
}
