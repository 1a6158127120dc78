namespace TenantDapper.Testing;

/// <summary>
/// The three places <see cref="PostgresTestServer"/> looks for a server, in order. Tests replace a step to
/// exercise the resolution order on a machine that has only some of them.
/// </summary>
internal sealed class ServerDiscovery
{
    internal const string ConnectionVariable = "TENANTDAPPER_TEST_CONNECTION";

    public static ServerDiscovery FromMachine { get; } = new();

    public Func<string?> ReadConnectionString { get; init; } = () => Environment.GetEnvironmentVariable(ConnectionVariable);

    public Func<CancellationToken, Task<bool>> DockerEngineAnswersAsync { get; init; } = DockerEngine.AnswersAsync;

    public Func<PostgresBinaries?> FindBinaries { get; init; } = PostgresBinaries.Find;
}
