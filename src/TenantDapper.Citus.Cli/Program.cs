namespace TenantDapper.Citus.Cli;

/// <summary>The entry point of <c>tenantdapper-citus</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        new CitusTool(Console.Out, Console.Error).RunAsync(args, CancellationToken.None);
}
