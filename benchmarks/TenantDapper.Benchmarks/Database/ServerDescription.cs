namespace TenantDapper.Benchmarks.Database;

/// <summary>The database server the figures were measured on.</summary>
/// <param name="Source">How the console reached it: the throwaway local server or a connection string (without password).</param>
/// <param name="PostgresVersion">The server's <c>server_version</c>.</param>
/// <param name="CitusVersion">The Citus extension's version in the benchmark database, or null on plain PostgreSQL.</param>
/// <param name="CitusWorkers">Active Citus worker nodes, or null on plain PostgreSQL.</param>
/// <param name="Settings">The settings that move write figures most (fsync, synchronous_commit, shared_buffers).</param>
internal sealed record ServerDescription(string Source, string PostgresVersion, string? CitusVersion, int? CitusWorkers, string Settings)
{
    /// <summary>Whether the statements are planned by Citus.</summary>
    public bool IsCitus => CitusVersion is not null;
}
