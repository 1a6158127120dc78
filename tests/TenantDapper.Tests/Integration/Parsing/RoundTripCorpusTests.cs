using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Tests.Parsing;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// Every statement of <c>Parsing/round-trip-corpus.sql</c> is parsed and written back, and both texts run on
/// PostgreSQL (in transactions that are rolled back): the same columns, the same rows (in order where the
/// statement's ORDER BY defines it), the same rows affected and the same tables afterwards.
/// </summary>
public sealed class RoundTripCorpusTests : CorpusFixture
{
    private static IEnumerable<string> Cases => SqlCorpus.Ids(SqlCorpus.RoundTrip);

    [TestCaseSource(nameof(Cases))]
    public Task Written_statement_returns_what_the_original_returns(string id) => AssertReturnsWhatTheOriginalReturnsAsync(id, bareNames: false);

    [TestCaseSource(nameof(Cases))]
    public Task Written_statement_with_names_quoted_only_where_needed_returns_what_the_original_returns(string id) => AssertReturnsWhatTheOriginalReturnsAsync(id, bareNames: true);

    [TestCaseSource(nameof(Cases))]
    public void Written_statement_with_names_quoted_only_where_needed_parses_to_the_same_tree(string id)
    {
        var statement = SqlParser.ParseStatement(SqlCorpus.Case(SqlCorpus.RoundTrip, id).Sql);
        var bare = PostgresSqlWriter.Write(statement, tenantPosition: 0, bareNames: true);

        var again = PostgresSqlWriter.Write(SqlParser.ParseStatement(bare.Sql));

        Assert.That(again.Sql, Is.EqualTo(PostgresSqlWriter.Write(statement).Sql), bare.Sql);
    }

    [TestCaseSource(nameof(Cases))]
    public void Written_statement_parses_to_a_tree_that_is_written_the_same_way(string id)
    {
        var corpusCase = SqlCorpus.Case(SqlCorpus.RoundTrip, id);
        var written = PostgresSqlWriter.Write(SqlParser.ParseStatement(corpusCase.Sql));

        var again = PostgresSqlWriter.Write(SqlParser.ParseStatement(written.Sql));

        Assert.That(again.Sql, Is.EqualTo(written.Sql));
    }

    private async Task AssertReturnsWhatTheOriginalReturnsAsync(string id, bool bareNames)
    {
        var corpusCase = SqlCorpus.Case(SqlCorpus.RoundTrip, id);
        var written = PostgresSqlWriter.Write(SqlParser.ParseStatement(corpusCase.Sql), tenantPosition: 0, bareNames);

        var original = await Runner.RunAsync(corpusCase.Sql, corpusCase.Parameters);
        var rewritten = await Runner.RunAsync(written.Sql, corpusCase.Parameters, written.Values);

        Assert.That(original.Error, Is.Null, "The corpus statement itself must run on PostgreSQL.");
        var difference = original.DifferenceFrom(rewritten, OrderDetection.HasTopLevelOrderBy(corpusCase.Sql));
        Assert.That(difference, Is.Null, $"{corpusCase.Sql}\n-- written as:\n{written.Sql}\n-- differs in {difference}");
    }
}
