using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// A connection of the data source reuses one tenant parameter for its commands, and connections hand it on to one
/// another when they close: whichever way tenants interleave (on one command, on one connection, across connections,
/// concurrently, with a reader left open), every statement reads the rows of the tenant in force when it ran, as the
/// server returns them for a hand-written predicate.
/// </summary>
public class TenantParameterReuseTests : DataSourceFixture
{
    private const string Projects = "SELECT account_id, id, name FROM projects ORDER BY id";

    [Test]
    public async Task Tenants_interleaved_on_one_connection_each_read_their_own_rows()
    {
        var expected = await OwnProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        foreach (var tenant in new[] { 1L, 2L, 1L, 3L, 3L, 2L, 1L })
        {
            using (CurrentTenant.Use(tenant))
            {
                var rows = (await connection.QueryAsync<(long, long, string)>(Projects)).ToList();
                Assert.That(rows, Is.EqualTo(expected[tenant]), $"tenant {tenant}");
            }
        }
    }

    [Test]
    public void One_command_executed_under_alternating_tenants_binds_each_tenant()
    {
        var expected = OwnProjectsAsync().GetAwaiter().GetResult();
        using var connection = Source.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM projects WHERE name = @name";
        var name = command.CreateParameter();
        name.ParameterName = "name";
        name.Value = "p1";
        command.Parameters.Add(name);
        foreach (var tenant in new[] { 2L, 1L, 3L, 1L, 2L })
        {
            using (CurrentTenant.Use(tenant))
            {
                Assert.That(command.ExecuteScalar(), Is.EqualTo((long)expected[tenant].Count(row => row.Item3 == "p1")), $"tenant {tenant}");
                Assert.That(command.Parameters, Has.Count.EqualTo(1), "the caller's parameters are as it left them");
            }
        }
    }

    [Test]
    public async Task Connections_opened_one_after_another_under_alternating_tenants_each_read_their_own_rows()
    {
        var expected = await OwnProjectsAsync();
        for (var i = 0; i < 30; i++)
        {
            var tenant = 1L + (i % 3);
            using (CurrentTenant.Use(tenant))
            {
                await using var connection = await Source.OpenConnectionAsync();
                var rows = (await connection.QueryAsync<(long, long, string)>(Projects)).ToList();
                Assert.That(rows, Is.EqualTo(expected[tenant]), $"call {i}, tenant {tenant}");
            }
        }
    }

    [Test]
    public async Task Concurrent_connections_of_different_tenants_each_read_their_own_rows()
    {
        var expected = await OwnProjectsAsync();
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 12).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var tenant = 1L + ((worker + i) % 3);
                using (CurrentTenant.Use(tenant))
                {
                    await using var connection = await Source.OpenConnectionAsync();
                    var rows = (await connection.QueryAsync<(long, long, string)>(Projects)).ToList();
                    var count = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects");
                    if (!rows.SequenceEqual(expected[tenant]) || count != expected[tenant].Count)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        })));
        Assert.That(failures, Is.Zero);
    }

    [Test]
    public async Task A_reader_left_open_keeps_its_tenant_while_a_command_of_another_tenant_is_bound_on_its_connection()
    {
        var expected = await OwnProjectsAsync();
        const string Second = "SELECT count(*) FROM projects WHERE id > 0";
        await using var connection = await Source.OpenConnectionAsync();

        // Sent twice on another session, the second command's text is one the data source prepares: on this session it
        // would be prepared right before it runs, while the reader is open.
        await using (var other = await Source.OpenConnectionAsync())
        {
            using (CurrentTenant.Use(2L))
            {
                await other.ExecuteScalarAsync<long>(Second);
                await other.ExecuteScalarAsync<long>(Second);
            }
        }

        DbDataReader reader;
        using (CurrentTenant.Use(1L))
        {
            await using var first = connection.CreateCommand();
            first.CommandText = Projects + "; " + Projects;
            reader = await first.ExecuteReaderAsync();
        }

        await using (reader)
        {
            using (CurrentTenant.Use(2L))
            {
                await using var second = connection.CreateCommand();
                second.CommandText = Second;
                Assert.That(async () => await second.ExecuteScalarAsync(), Throws.InstanceOf<NpgsqlOperationInProgressException>());
            }

            for (var result = 0; result < 2; result++)
            {
                var rows = new List<(long, long, string)>();
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                }

                Assert.That(rows, Is.EqualTo(expected[1L]), $"result {result}");
                await reader.NextResultAsync();
            }
        }

        using (CurrentTenant.Use(3L))
        {
            Assert.That((await connection.QueryAsync<(long, long, string)>(Projects)).ToList(), Is.EqualTo(expected[3L]));
        }
    }

    [Test]
    public async Task A_positional_command_leaves_no_unnamed_tenant_parameter_to_the_next_command_or_connection()
    {
        var expected = await OwnProjectsAsync();
        for (var i = 0; i < 3; i++)
        {
            var tenant = 1L + i;
            using (CurrentTenant.Use(tenant))
            {
                await using var connection = await Source.OpenConnectionAsync();
                await using (var positional = connection.CreateCommand())
                {
                    positional.CommandText = "SELECT count(*) FROM projects WHERE id > $1";
                    var min = positional.CreateParameter();
                    min.Value = 0L;
                    positional.Parameters.Add(min);
                    Assert.That(await positional.ExecuteScalarAsync(), Is.EqualTo((long)expected[tenant].Count));
                }

                Assert.That((await connection.QueryAsync<(long, long, string)>(Projects)).ToList(), Is.EqualTo(expected[tenant]), $"tenant {tenant}");
            }
        }
    }

    [Test]
    public async Task Multi_tenant_and_single_tenant_scopes_alternate_on_one_connection()
    {
        var expected = await OwnProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            using (CurrentTenant.UseMany(1L, 3L))
            {
                var both = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM projects ORDER BY account_id, id")).ToList();
                Assert.That(both, Is.EqualTo(expected[1L].Concat(expected[3L]).ToList()));
            }

            using (CurrentTenant.Use(2L))
            {
                Assert.That((await connection.QueryAsync<(long, long, string)>(Projects)).ToList(), Is.EqualTo(expected[2L]));
            }
        }
    }

    [Test]
    public async Task State_changes_are_raised_with_the_scoping_connection_as_sender()
    {
        var changes = new List<(object Sender, ConnectionState From, ConnectionState To)>();
        await using var connection = Source.CreateConnection();
        connection.StateChange += (sender, e) => changes.Add((sender, e.OriginalState, e.CurrentState));
        await connection.OpenAsync();
        await connection.CloseAsync();
        Assert.That(changes, Is.EqualTo(new[] { ((object)connection, ConnectionState.Closed, ConnectionState.Open), (connection, ConnectionState.Open, ConnectionState.Closed) }));
    }

    [Test]
    public async Task Opening_an_open_connection_keeps_what_a_bypass_left_to_reset()
    {
        await using var fast = new TenantDataSource(
            NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Databases.Shared) { NoResetOnClose = true }.ConnectionString), OracleSchema.Model);
        await using var connection = await fast.OpenConnectionAsync();
        using (CurrentTenant.Bypass("a setting the next tenant statement must not see"))
        {
            await connection.ExecuteAsync("SET application_name = 'left by a bypass'");
        }

        Assert.That(() => connection.Open(), Throws.InvalidOperationException);
        using (CurrentTenant.Use(1L))
        {
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects");
        }

        using (CurrentTenant.Bypass("reads the setting after the tenant statement"))
        {
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT current_setting('application_name')"), Is.Not.EqualTo("left by a bypass"));
        }
    }
}
