namespace TenantDapper.Benchmarks.Database;

/// <summary>The database server the figures were measured on.</summary>
/// <param name="Source">How the console reached it: the throwaway local server or a connection string (without password).</param>
/// <param name="PostgresVersion">The server's <c>server_version</c>.</param>
/// <param name="CitusVersion">The Citus extension's version in the benchmark database, or null on plain PostgreSQL.</param>
/// <param name="CitusWorkers">Active Citus worker nodes, or null on plain PostgreSQL.</param>
internal sealed record ServerDescription(string Source, string PostgresVersion, string? CitusVersion, int? CitusWorkers)
{
    /// <summary>Whether the statements are planned by Citus.</summary>
    public bool IsCitus => CitusVersion is not null;
}
