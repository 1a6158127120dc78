using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// The verification script on plain PostgreSQL: it refuses to pass without Citus, and its checks
/// read Citus metadata correctly. For the second, the database holds a table shaped like Citus'
/// <c>pg_dist_partition</c> and a <c>column_to_column_name</c> in a schema first on the search
/// path, and the script's extension check is pointed at plpgsql; the real metadata is checked by
/// <see cref="CitusDistributionTests"/> when a Citus coordinator is given.
/// </summary>
public sealed class VerificationScriptTests : DatabaseFixture
{
    private const string Metadata = """
        CREATE SCHEMA citus_metadata;
        CREATE TABLE citus_metadata.pg_dist_partition (logicalrelid regclass, partmethod "char", partkey text, colocationid integer, repmodel "char");
        CREATE FUNCTION citus_metadata.column_to_column_name(regclass, text) RETURNS text LANGUAGE sql AS 'SELECT $2';
        INSERT INTO citus_metadata.pg_dist_partition VALUES
            ('countries', 'n', NULL, 1, 't'),
            ('accounts', 'h', 'id', 7, 's'),
            ('managers', 'h', 'account_id', 7, 's'),
            ('projects', 'h', 'account_id', 7, 's'),
            ('tasks', 'h', 'account_id', 7, 's'),
            ('project_managers', 'h', 'account_id', 7, 's'),
            ('comments', 'h', 'acc_id', 7, 's');
        """;

    private DistributionPlan plan = null!;

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await ExecuteAsync(SampleSchema.Sql + Metadata);
        plan = DistributionPlanner.Plan(SampleSchema.Model, await SchemaCatalog.ReadAsync(connection));
    }

    [Test]
    public async Task Verification_without_citus_fails_saying_this_is_not_a_coordinator()
    {
        await using var connection = await OpenConnectionAsync();

        Assert.That(
            async () => await CitusDistribution.VerifyAsync(connection, plan),
            Throws.TypeOf<CitusVerificationException>().With.Message.Contains("the citus extension is not installed in database"));
    }

    [Test]
    public async Task Verification_passes_when_the_metadata_shows_the_plan()
    {
        Assert.That(await VerifyAgainstMetadataAsync(string.Empty), Is.Null);
    }

    [Test]
    public async Task Verification_names_every_table_that_is_not_distributed_as_planned()
    {
        var failure = await VerifyAgainstMetadataAsync("""
            DELETE FROM citus_metadata.pg_dist_partition WHERE logicalrelid = 'managers'::regclass;
            UPDATE citus_metadata.pg_dist_partition SET partkey = 'project_id' WHERE logicalrelid = 'tasks'::regclass;
            UPDATE citus_metadata.pg_dist_partition SET colocationid = 8 WHERE logicalrelid = 'comments'::regclass;
            UPDATE citus_metadata.pg_dist_partition SET repmodel = 's' WHERE logicalrelid = 'countries'::regclass;
            """);

        Assert.That(failure, Is.EqualTo(
            "TenantDapper verification failed: public.countries is not a reference table; public.managers is not a Citus table; "
            + "public.tasks is distributed by project_id, not by account_id; public.comments is not colocated with public.accounts"));
    }

    // Runs the generated verification in a transaction (rolled back) after changing the metadata;
    // returns the error it raised, or null.
    private async Task<string?> VerifyAgainstMetadataAsync(string change)
    {
        var script = new CitusScriptWriter().WriteVerification(plan).Replace("extname = 'citus'", "extname = 'plpgsql'", StringComparison.Ordinal);
        await using var connection = await OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setUp = new NpgsqlCommand("SET LOCAL search_path TO citus_metadata, public; " + change, connection, transaction))
        {
            await setUp.ExecuteNonQueryAsync();
        }

        try
        {
            await using var verify = new NpgsqlCommand(script, connection, transaction);
            await verify.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.RaiseException)
        {
            return e.MessageText;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
