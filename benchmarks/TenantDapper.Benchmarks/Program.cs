using System.Text;
using Npgsql;
using TenantDapper.Benchmarks.CommandLine;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;
using TenantDapper.Testing;

namespace TenantDapper.Benchmarks;

/// <summary>The benchmark console: what tenant scoping costs, and what it buys.</summary>
internal static class Program
{
    private const int Succeeded = 0;
    private const int Failed = 1;
    private const int WrongUsage = 2;
    private const int Cancelled = 130;

    /// <summary>Runs the benchmarks the arguments ask for; see <see cref="BenchmarkOptions.Usage"/>.</summary>
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        BenchmarkOptions options;
        IReadOnlyList<IBenchmarkScenario> scenarios;
        try
        {
            options = BenchmarkOptions.Parse(args);
            scenarios = Select(options.Only);
        }
        catch (BenchmarkUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return WrongUsage;
        }

        if (options.ShowHelp)
        {
            await Console.Out.WriteAsync(BenchmarkOptions.Usage + ScenarioList()).ConfigureAwait(false);
            return Succeeded;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            var run = new BenchmarkRun(options, scenarios, ProgressReporter.ForStandardError());
            await run.RunAsync(args, cancellation.Token).ConfigureAwait(false);
            return Succeeded;
        }
        catch (BenchmarkUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return WrongUsage;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled; the benchmark schema and any server this run started were removed.").ConfigureAwait(false);
            return Cancelled;
        }
        catch (PostgresTestServerUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}{Environment.NewLine}Or name a server with --connection <connection string>.").ConfigureAwait(false);
            return Failed;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync(
                $"The database failed: {e.Message}{Environment.NewLine}Check that the server is running and reachable, and that its user may create a schema and tables.").ConfigureAwait(false);
            return Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Could not write the results: {e.Message}{Environment.NewLine}Choose a writable folder with --out <dir>.").ConfigureAwait(false);
            return Failed;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"The benchmark stopped: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static IReadOnlyList<IBenchmarkScenario> Select(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return ScenarioCatalog.All;
        }

        var unknown = keys.Where(key => !ScenarioCatalog.All.Any(s => s.Key.Equals(key, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknown.Length > 0)
        {
            throw new BenchmarkUsageException(
                $"--only: no scenario is called '{string.Join("', '", unknown)}'. The scenarios are: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Key))}.");
        }

        return ScenarioCatalog.All.Where(s => keys.Contains(s.Key, StringComparer.OrdinalIgnoreCase)).ToArray();
    }

    private static string ScenarioList() =>
        Environment.NewLine + Environment.NewLine + "Scenarios:" + Environment.NewLine
        + string.Concat(ScenarioCatalog.All.Select(s => $"  {s.Key,-20} {s.Title}: {s.Question}{Environment.NewLine}"));
}
