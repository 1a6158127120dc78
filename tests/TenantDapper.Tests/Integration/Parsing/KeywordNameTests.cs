using Npgsql;
using TenantDapper.Compiling;
using TenantDapper.Parsing;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// The text path writes a name bare only where the server reads it back as the same name: checked against the server's
/// own keyword list, and by running every keyword of it as a CTE, column, alias and type name, written by the text path.
/// </summary>
public sealed class KeywordNameTests : DatabaseFixture
{
    [Test]
    public async Task Every_keyword_of_a_reserved_category_on_the_server_is_quoted()
    {
        var reserved = await KeywordsAsync("catcode <> 'U'");

        Assert.That(reserved, Has.Count.GreaterThan(100));
        Assert.That(reserved.Where(SqlKeywords.CanBeBare), Is.Empty);
    }

    [Test]
    public async Task Every_keyword_named_in_each_name_position_means_the_same_written_by_the_text_path()
    {
        var failures = new List<string>();
        await using var connection = await OpenConnectionAsync();
        foreach (var word in await KeywordsAsync("true"))
        {
            string[] statements =
            [
                $"WITH \"{word}\" (\"{word}\") AS (SELECT 1) SELECT \"{word}\".\"{word}\" AS \"{word}\" FROM \"{word}\" AS \"{word}\" WHERE \"{word}\".\"{word}\" = 1",
                $"SELECT CAST(NULL AS \"{word}\")",
            ];
            foreach (var sql in statements)
            {
                var statement = SqlParser.ParseStatement(sql);
                var bare = PostgresSqlWriter.Write(statement, tenantPosition: 0, bareNames: true).Sql;
                var quoted = await OutcomeAsync(connection, PostgresSqlWriter.Write(statement).Sql);
                var outcome = await OutcomeAsync(connection, bare);
                if (outcome != quoted)
                {
                    failures.Add($"{bare}: {outcome}, quoted: {quoted}");
                }
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(20)));
    }

    // The first value, or the error (a type of the keyword's name mostly does not exist).
    private static async Task<string> OutcomeAsync(NpgsqlConnection connection, string sql)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return "value " + await command.ExecuteScalarAsync();
        }
        catch (PostgresException e)
        {
            return "error " + e.SqlState;
        }
    }

    private async Task<List<string>> KeywordsAsync(string condition)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT word FROM pg_get_keywords() WHERE {condition} ORDER BY word", connection);
        var words = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            words.Add(reader.GetString(0));
        }

        return words;
    }
}
