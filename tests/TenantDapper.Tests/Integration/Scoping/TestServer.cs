namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>The PostgreSQL server the oracle creates its databases on.</summary>
internal static class TestServer
{
    public const string Variable = "TENANTDAPPER_TEST_CONNECTION";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {Variable} to a connection string of a PostgreSQL server whose user may create databases.");
}
