namespace TenantDapper.Testing;

/// <summary>Where a <see cref="PostgresTestServer"/> found the PostgreSQL server it hands out.</summary>
public enum PostgresServerSource
{
    /// <summary>The server named by the connection string in the <c>TENANTDAPPER_TEST_CONNECTION</c> environment variable.</summary>
    ConnectionString,

    /// <summary>A container started through Testcontainers on a Docker engine that answered.</summary>
    Container,

    /// <summary>A throwaway server started from the PostgreSQL server binaries installed on this machine.</summary>
    LocalBinaries,
}
