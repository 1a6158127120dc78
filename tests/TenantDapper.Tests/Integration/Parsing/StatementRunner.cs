using System.Collections;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using TenantDapper.Tests.Parsing;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// Runs SQL text on a corpus database inside a transaction that is always rolled back, so every statement sees the
/// same seed rows, and records what it did (<see cref="StatementOutcome"/>).
/// </summary>
internal sealed class StatementRunner(string connectionString)
{
    private string? _tablesDigest;

    /// <summary>Runs <paramref name="sql"/> with the corpus parameters and, for written text, the writer's values (<c>@p0</c>, ...).</summary>
    public async Task<StatementOutcome> RunAsync(string sql, IReadOnlyList<CorpusParameter> parameters, IReadOnlyList<object?>? values = null, int timeoutSeconds = 10)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        _tablesDigest ??= await TablesDigestQueryAsync(connection);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var limit = new NpgsqlCommand($"SET LOCAL statement_timeout = '{timeoutSeconds}s'", connection, transaction))
        {
            await limit.ExecuteNonQueryAsync();
        }

        try
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter.IsPositional ? new NpgsqlParameter { Value = parameter.Value } : new NpgsqlParameter(parameter.Name[1..], parameter.Value));
            }

            for (var i = 0; i < (values?.Count ?? 0); i++)
            {
                command.Parameters.Add(new NpgsqlParameter("p" + i.ToString(CultureInfo.InvariantCulture), values![i] ?? DBNull.Value));
            }

            var columns = new List<string>();
            var rows = new List<string>();
            int affected;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    columns.Add(reader.GetName(i) + ":" + reader.GetDataTypeName(i));
                }

                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Canonical(reader, i))));
                }

                affected = reader.RecordsAffected;
            }

            await using var digest = new NpgsqlCommand(_tablesDigest, connection, transaction);
            var tables = (string?)await digest.ExecuteScalarAsync() ?? "";
            return new StatementOutcome(columns, rows, affected, tables, null);
        }
        catch (PostgresException e)
        {
            return new StatementOutcome([], [], 0, "", e.SqlState + " " + e.MessageText);
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    /// <summary>One query that returns an md5 of every base table's rows, so a write's effect can be compared.</summary>
    private static async Task<string> TablesDigestQueryAsync(NpgsqlConnection connection)
    {
        const string Build = """
            SELECT 'SELECT string_agg(d, '' '' ORDER BY d) FROM ('
                || string_agg(format('SELECT %L || '':'' || count(*) || '':'' || coalesce(md5(string_agg(t::text, '','' ORDER BY t::text)), '''') FROM %I.%I t', table_name, table_schema, table_name), ' UNION ALL ')
                || ') AS s (d)'
            FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            """;
        await using var command = new NpgsqlCommand(Build, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Canonical(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return "NULL";
        }

        try
        {
            return Canonical(reader.GetValue(ordinal));
        }
        catch (InvalidCastException) when (reader.GetDataTypeName(ordinal) == "interval")
        {
            // An interval with months has no TimeSpan.
            var interval = reader.GetFieldValue<NpgsqlInterval>(ordinal);
            return $"{interval.Months} mon {interval.Days} days {interval.Time}";
        }
        catch (InvalidCastException)
        {
            // No CLR type for it (an anonymous record): only its type can be compared.
            return "unreadable " + reader.GetDataTypeName(ordinal);
        }
    }

    private static string Canonical(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => "'" + text + "'",
        byte[] bytes => "\\x" + Convert.ToHexString(bytes),
        BitArray bits => "B" + string.Concat(bits.Cast<bool>().Select(b => b ? '1' : '0')),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture) + time.Kind,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        Array array => "[" + string.Join(",", Enumerable.Range(0, array.Rank).Select(array.GetLength)) + "]{" + string.Join(",", array.Cast<object?>().Select(Canonical)) + "}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };
}
