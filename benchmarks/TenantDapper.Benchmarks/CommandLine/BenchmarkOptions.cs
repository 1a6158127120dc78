using System.Globalization;

namespace TenantDapper.Benchmarks.CommandLine;

/// <summary>
/// What the user asked for on the command line. Parsed by hand: nine flags do not justify a parser
/// package and its pin, and a hand parser's errors can name the exact flag and what to type.
/// </summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        TenantDapper benchmarks: what tenant scoping costs, and what it buys.

        Usage: dotnet run -c Release --project benchmarks/TenantDapper.Benchmarks -- [options]

          --quick              a short smoke run (seconds, not minutes); figures are rough
          --connection <cs>    an Npgsql connection string to any PostgreSQL server or Citus
                               coordinator; without it a throwaway local server is started
          --out <dir>          where results.json, results.csv and results.svg go
                               (default: ./benchmark-results)
          --tenants <N>        tenants in the data set (default 500, quick 10)
          --rows <M>           tasks per tenant, also rows per bulk-insert batch
                               (default 1000, quick 200)
          --rounds <R>         measured rounds per comparison (default 15, quick 5)
          --only <scenario>    run only this scenario; repeat or separate with commas
          --help               this text

        The benchmark creates its tables in a schema of its own and drops it at the end.
        """;

    /// <summary>A short smoke run with small data and few rounds.</summary>
    public bool Quick { get; init; }

    /// <summary>The server to measure on, or null for the throwaway local server.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The folder the result files are written to.</summary>
    public string OutputDirectory { get; init; } = "benchmark-results";

    /// <summary>Tenants (accounts) in the data set.</summary>
    public int Tenants { get; init; } = 500;

    /// <summary>Tasks per tenant; also the rows one bulk insert loads.</summary>
    public int RowsPerTenant { get; init; } = 1000;

    /// <summary>Measured rounds per comparison.</summary>
    public int Rounds { get; init; } = 15;

    /// <summary>The scenario keys to run; empty means all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>The user asked for the usage text.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>Reads the arguments; throws <see cref="BenchmarkUsageException"/> naming the flag at fault.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = false;
        var help = false;
        string? connection = null;
        string? output = null;
        int? tenants = null;
        int? rows = null;
        int? rounds = null;
        var only = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inlineValue) = Split(args[i]);
            switch (flag)
            {
                case "--quick":
                    NoValue(flag, inlineValue);
                    quick = true;
                    break;
                case "--help" or "-h" or "-?":
                    NoValue(flag, inlineValue);
                    help = true;
                    break;
                case "--connection":
                    connection = Value(args, ref i, flag, inlineValue);
                    break;
                case "--out":
                    output = Value(args, ref i, flag, inlineValue);
                    break;
                case "--tenants":
                    tenants = PositiveNumber(flag, Value(args, ref i, flag, inlineValue));
                    break;
                case "--rows":
                    rows = PositiveNumber(flag, Value(args, ref i, flag, inlineValue));
                    break;
                case "--rounds":
                    rounds = PositiveNumber(flag, Value(args, ref i, flag, inlineValue));
                    break;
                case "--only":
                    only.AddRange(Value(args, ref i, flag, inlineValue)
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    throw new BenchmarkUsageException($"Unknown argument '{args[i]}'. Run with --help to see the options.");
            }
        }

        return new BenchmarkOptions
        {
            Quick = quick,
            ShowHelp = help,
            ConnectionString = connection,
            OutputDirectory = output ?? "benchmark-results",
            Tenants = tenants ?? (quick ? 10 : 500),
            RowsPerTenant = rows ?? (quick ? 200 : 1000),
            Rounds = rounds ?? (quick ? 5 : 15),
            Only = only.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };
    }

    private static (string Flag, string? InlineValue) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }

    private static void NoValue(string flag, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            throw new BenchmarkUsageException($"{flag} takes no value; write just {flag}.");
        }
    }

    private static string Value(IReadOnlyList<string> args, ref int index, string flag, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue.Length > 0
                ? inlineValue
                : throw new BenchmarkUsageException($"{flag}= has an empty value; write {flag} <value>.");
        }

        if (index + 1 >= args.Count || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new BenchmarkUsageException($"{flag} needs a value; write {flag} <value>.");
        }

        index++;
        return args[index];
    }

    private static int PositiveNumber(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new BenchmarkUsageException($"{flag} needs a whole number above zero, not '{value}'.");
}
