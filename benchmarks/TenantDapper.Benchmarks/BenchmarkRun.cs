using System.Diagnostics;
using Npgsql;
using TenantDapper.Benchmarks.CommandLine;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Reporting;
using TenantDapper.Benchmarks.Scenarios;
using TenantDapper.Testing;

namespace TenantDapper.Benchmarks;

/// <summary>One run of the console: reach a server, load the data, measure the chosen scenarios, print and write the results.</summary>
internal sealed class BenchmarkRun(BenchmarkOptions options, IReadOnlyList<IBenchmarkScenario> scenarios, ProgressReporter progress)
{
    /// <summary>How long each contender warms up and how long its share of a round lasts.</summary>
    public MeasurementSettings Measurement { get; } = options.Quick
        ? new MeasurementSettings(options.Rounds, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(40)) { JitSettleBatch = TimeSpan.FromMilliseconds(100), MaxWarmUp = TimeSpan.FromSeconds(10) }
        : new MeasurementSettings(options.Rounds, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(150));

    /// <summary>Runs everything and returns the report it printed and wrote.</summary>
    public async Task<BenchmarkReport> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (startedAt, since) = CommandClock.Start();
        var loadAtStart = LoadAverage.ReadOneMinute();
        if (!MachineDescription.IsOptimizedBuild)
        {
            progress.Step("warning: this is a Debug build; run with -c Release for figures worth reading.");
        }

        var dataSet = new TenantDataSet(options.Tenants, options.RowsPerTenant);
        await using var database = await OpenDatabaseAsync(dataSet, cancellationToken).ConfigureAwait(false);
        var machine = MachineDescription.Collect(database.Server);
        progress.Step($"measuring on {machine.Summary}");

        var runner = new ComparisonRunner(Measurement, progress);
        var context = new ScenarioContext(database, dataSet, runner);
        var results = new List<ScenarioResult>(scenarios.Count);
        foreach (var scenario in scenarios)
        {
            progress.Step($"{scenario.Title} ({scenario.Key})");
            results.Add(await scenario.RunAsync(context, cancellationToken).ConfigureAwait(false));
        }

        var settings = new RunSettings(
            options.Quick,
            options.Tenants,
            options.RowsPerTenant,
            options.Rounds,
            Measurement.WarmUp.TotalSeconds,
            Measurement.RoundTarget.TotalSeconds,
            Command(args));
        var report = new BenchmarkReport(startedAt, (DateTimeOffset.UtcNow - startedAt).TotalSeconds, settings, machine, results) {
            DurationSince = since,
            Load = loadAtStart is { } start && LoadAverage.ReadOneMinute() is { } end ? new LoadAverage(start, end) : null,
        };
        ResultTable.Write(report, Console.Out);
        await WriteFilesAsync(report, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<BenchmarkDatabase> OpenDatabaseAsync(TenantDataSet dataSet, CancellationToken cancellationToken)
    {
        if (options.ConnectionString is { } connectionString)
        {
            var source = DescribeConnection(connectionString);
            progress.Step($"loading {dataSet.Tenants:N0} tenants × {dataSet.TasksPerTenant:N0} tasks on {source}");
            return await BenchmarkDatabase.CreateAsync(connectionString, source, dataSet, ownedServer: null, cancellationToken).ConfigureAwait(false);
        }

        progress.Step("starting a throwaway PostgreSQL server (as the tests do; --connection names another)");
        var server = await PostgresTestServer.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var database = await server.CreateDatabaseAsync("tenantdapper_bench", cancellationToken).ConfigureAwait(false);
            var source = server.Source switch
            {
                PostgresServerSource.LocalBinaries => "throwaway server from the local PostgreSQL binaries",
                PostgresServerSource.Container => "throwaway PostgreSQL container",
                _ => "server from TENANTDAPPER_TEST_CONNECTION",
            };
            progress.Step($"loading {dataSet.Tenants:N0} tenants × {dataSet.TasksPerTenant:N0} tasks on the {source}");
            return await BenchmarkDatabase.CreateAsync(database, source, dataSet, ownedServer: server, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WriteFilesAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "results.json");
        var csv = Path.Combine(directory, "results.csv");
        var svg = Path.Combine(directory, "results.svg");
        await JsonReportWriter.WriteAsync(report, json, cancellationToken).ConfigureAwait(false);
        await CsvReportWriter.WriteAsync(report, csv, cancellationToken).ConfigureAwait(false);
        await SvgChartWriter.WriteAsync(report, svg, cancellationToken).ConfigureAwait(false);
        progress.Step($"wrote {json}, {csv} and {svg}");
    }

    // What the reader may see of the server: never the password or other secrets of the connection string.
    private static string DescribeConnection(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new BenchmarkUsageException($"--connection is not a valid Npgsql connection string ({e.Message}). Example: --connection \"Host=localhost;Port=5432;Username=postgres;Database=postgres\".", e);
        }

        return $"--connection {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    // Recorded with the results so they can be repeated; a connection string is reduced to its server.
    private static string Command(IReadOnlyList<string> args)
    {
        var shown = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--connection" && i + 1 < args.Count)
            {
                shown.Add("--connection <given>");
                i++;
            }
            else if (args[i].StartsWith("--connection=", StringComparison.Ordinal))
            {
                shown.Add("--connection <given>");
            }
            else
            {
                shown.Add(args[i]);
            }
        }

        return string.Join(' ', ["dotnet run -c Release --project benchmarks/TenantDapper.Benchmarks --", .. shown]).TrimEnd('-', ' ');
    }
}
