using Dapper;
using Npgsql;
using TenantDapper.Tests.Parsing;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// Every statement of <c>Parsing/refusal-corpus.sql</c> (NATURAL joins, several statements, statements that are
/// not SELECT / INSERT / UPDATE / DELETE, unknown functions and SQL-running built-ins under a tenant, text that is
/// not SQL) is refused with <see cref="UnscopableSqlException"/> on the way from text to the server, and nothing
/// reaches the database: were one accepted, it would run for real here and change the tables.
/// </summary>
public sealed class RefusalCorpusTests : CorpusFixture
{
    private static IEnumerable<string> Cases => SqlCorpus.Ids(SqlCorpus.Refusal);

    [TestCaseSource(nameof(Cases))]
    public async Task Statement_is_refused_under_a_tenant_and_nothing_is_written(string id)
    {
        var corpusCase = SqlCorpus.Case(SqlCorpus.Refusal, id);
        var before = await Runner.RunAsync("SELECT 1", []);

        Assert.That(async () => await ExecuteScopedAsync(corpusCase.Sql, tenant: 1L), Throws.TypeOf<UnscopableSqlException>());

        var after = await Runner.RunAsync("SELECT 1", []);
        Assert.That(after.Tables, Is.EqualTo(before.Tables), "The tables changed although the statement was refused.");
    }

    private async Task ExecuteScopedAsync(string sql, long tenant)
    {
        var result = CorpusModel.Scope(sql, tenant);
        await using var connection = await OpenConnectionAsync();
        await connection.ExecuteAsync(result.Sql, result.NamedBindings);
    }
}
