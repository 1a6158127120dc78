using System.Data;
using System.Data.Common;
using Dapper;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// On plain PostgreSQL the row-level security prelude is a <c>SELECT set_config(...)</c>, which returns a row of its
/// own: every way of reading a result (Dapper's first-row and multi-grid reads, a scalar, a reader with the single-row
/// and single-result hints, a batch) sees the caller's statement's results only, and a non-query counts only the
/// statement's rows.
/// </summary>
public class PreludeResultTests : RowLevelSecurityFixture
{
    [Test]
    public async Task A_scalar_is_the_statements_first_value_not_the_preludes()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"), Is.EqualTo(2));
            Assert.That(connection.ExecuteScalar<string>("SELECT name FROM projects ORDER BY name"), Is.EqualTo("one-a"));
        }
    }

    [Test]
    public async Task A_scalar_of_no_row_is_null_and_of_a_null_value_is_db_null()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            await using var none = connection.CreateCommand();
            none.CommandText = "SELECT name FROM projects WHERE false";
            Assert.That(await none.ExecuteScalarAsync(), Is.Null);

            await using var nullValue = connection.CreateCommand();
            nullValue.CommandText = "SELECT NULL::text FROM projects LIMIT 1";
            Assert.That(nullValue.ExecuteScalar(), Is.EqualTo(DBNull.Value));
        }
    }

    [Test]
    public async Task A_first_row_read_gets_the_statements_row()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            // Dapper reads a first row with the single-row and single-result hints.
            Assert.That(await connection.QueryFirstAsync<string>("SELECT name FROM projects ORDER BY name"), Is.EqualTo("one-a"));
            Assert.That(connection.QuerySingleOrDefault<string>("SELECT name FROM projects WHERE id = 2"), Is.EqualTo("one-b"));
        }
    }

    [Test]
    public async Task A_reader_with_the_single_result_hint_reads_the_statements_rows([Values] bool async)
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM projects ORDER BY name";
            var behavior = CommandBehavior.SingleResult | CommandBehavior.SingleRow | CommandBehavior.SequentialAccess;
            await using var reader = async ? await command.ExecuteReaderAsync(behavior) : command.ExecuteReader(behavior);
            Assert.That(reader.Read(), Is.True);
            Assert.That(reader.GetString(0), Is.EqualTo("two-a"));
        }
    }

    [Test]
    public async Task Several_grids_are_the_statements_grids()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            await using var grids = await connection.QueryMultipleAsync("SELECT name FROM projects ORDER BY name; SELECT count(*) FROM projects");
            Assert.That(await grids.ReadAsync<string>(), Is.EqualTo(new[] { "one-a", "one-b" }));
            Assert.That(await grids.ReadSingleAsync<long>(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_batchs_results_and_scalar_are_its_commands()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            await using var batch = connection.CreateBatch();
            AddCommand(batch, "SELECT name FROM projects ORDER BY name");
            AddCommand(batch, "SELECT count(*) FROM projects");
            var names = new List<string>();
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }

                Assert.That(await reader.NextResultAsync(), Is.True);
                Assert.That(await reader.ReadAsync(), Is.True);
                Assert.That(reader.GetInt64(0), Is.EqualTo(2));
            }

            Assert.That(names, Is.EqualTo(new[] { "one-a", "one-b" }));
            Assert.That(batch.ExecuteScalar(), Is.EqualTo("one-a"));
        }
    }

    [Test]
    public async Task A_non_query_counts_only_the_statements_rows()
    {
        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteAsync("UPDATE projects SET name = name", transaction: transaction), Is.EqualTo(2));
        }

        await transaction.RollbackAsync();
        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    private static void AddCommand(DbBatch batch, string sql)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        batch.BatchCommands.Add(command);
    }
}
