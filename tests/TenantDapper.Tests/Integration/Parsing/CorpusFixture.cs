using Npgsql;
using TenantDapper.Tests.Parsing;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>A fixture with its own database holding the corpus schema and seed rows (<c>Parsing/corpus-schema.sql</c>).</summary>
public abstract class CorpusFixture : DatabaseFixture
{
    private StatementRunner? _runner;

    /// <summary>The corpus names tables with and without <c>public.</c>, so it needs a database of its own even on Citus.</summary>
    protected override bool NeedsPlainPostgres => true;

    /// <summary>Runs statements on this fixture's database in transactions that are rolled back.</summary>
    internal StatementRunner Runner => _runner ??= new StatementRunner(ConnectionString);

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(SqlCorpus.Text(SqlCorpus.Schema), connection);
        await command.ExecuteNonQueryAsync();
    }
}
