using System.Globalization;

namespace TenantDapper.Citus.Cli;

/// <summary>The parsed command line of <c>tenantdapper-citus</c>.</summary>
internal sealed class ToolArguments
{
    public string Command { get; private set; } = string.Empty;

    public string? ScriptKind { get; private set; }

    public bool Help { get; private set; }

    public string? Connection { get; private set; }

    public string? Root { get; private set; }

    public string? RootKey { get; private set; }

    public string? TenantColumn { get; private set; }

    public List<KeyValuePair<string, string>> TenantTables { get; } = [];

    public List<string> ReferenceTables { get; } = [];

    public List<string> GlobalTables { get; } = [];

    public string Schema { get; private set; } = "public";

    public bool Concurrently { get; private set; }

    public bool TruncateLocalData { get; private set; }

    /// <summary>Whether the row-level security scripts are written for a Citus coordinator without asking one (--citus).</summary>
    public bool Citus { get; private set; }

    public int? ShardCount { get; private set; }

    public TimeSpan LockTimeout { get; private set; } = CitusScriptOptions.DefaultLockTimeout;

    public string? Out { get; private set; }

    /// <summary>The action of isolate, rebalance and stats: plan, script, verify (or none).</summary>
    public string? Action { get; private set; }

    public string? Table { get; private set; }

    public string? Value { get; private set; }

    public string? Node { get; private set; }

    public string TransferMode { get; private set; } = "auto";

    public int Top { get; private set; } = 10;

    public string By { get; private set; } = "queries";

    public static ToolArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ToolArguments();
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{arg} needs a value.");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "-h" or "--help" or "help":
                    parsed.Help = true;
                    break;
                case "--connection":
                    parsed.Connection = Value();
                    break;
                case "--root":
                    var root = Split(Value(), "--root", required: false);
                    parsed.Root = root.Table;
                    parsed.RootKey = root.Column;
                    break;
                case "--tenant-column":
                    parsed.TenantColumn = Value();
                    break;
                case "--tenant":
                    var tenant = Split(Value(), "--tenant", required: true);
                    parsed.TenantTables.Add(new(tenant.Table, tenant.Column!));
                    break;
                case "--reference":
                    parsed.ReferenceTables.Add(Value());
                    break;
                case "--global":
                    parsed.GlobalTables.Add(Value());
                    break;
                case "--schema":
                    parsed.Schema = Value();
                    break;
                case "--concurrently":
                    parsed.Concurrently = true;
                    break;
                case "--truncate-local-data":
                    parsed.TruncateLocalData = true;
                    break;
                case "--citus":
                    parsed.Citus = true;
                    break;
                case "--shard-count":
                    var text = Value();
                    parsed.ShardCount = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var shards) && shards is >= 1 and <= CitusScriptOptions.MaxShardCount
                        ? shards
                        : throw new UsageException($"--shard-count takes a whole number from 1 to {CitusScriptOptions.MaxShardCount}, not '{text}'.");
                    break;
                case "--lock-timeout":
                    var seconds = Value();
                    parsed.LockTimeout = int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && whole <= int.MaxValue / 1000
                        ? TimeSpan.FromSeconds(whole)
                        : throw new UsageException($"--lock-timeout takes whole seconds (0 for no limit), not '{seconds}'.");
                    break;
                case "--out":
                    parsed.Out = Value();
                    break;
                case "--table":
                    parsed.Table = Value();
                    break;
                case "--value":
                    parsed.Value = Value();
                    break;
                case "--node":
                    parsed.Node = Value();
                    break;
                case "--transfer-mode":
                    parsed.TransferMode = Value();
                    break;
                case "--by":
                    parsed.By = Value();
                    break;
                case "--top":
                    var top = Value();
                    parsed.Top = int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
                        ? count
                        : throw new UsageException($"--top takes a whole number of tenants from 1, not '{top}'.");
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new UsageException($"Unknown option '{arg}'.");
                    }

                    positional.Add(arg);
                    break;
            }
        }

        if (positional.Count > 0)
        {
            parsed.Command = positional[0];
        }

        if (parsed.Command == "script" && positional.Count > 1)
        {
            parsed.ScriptKind = positional[1];
        }

        var hasAction = parsed.Command is "isolate" or "rebalance" or "stats";
        if (hasAction && positional.Count > 1)
        {
            parsed.Action = positional[1];
        }

        var expected = parsed.Command == "script" || hasAction ? 2 : 1;
        if (positional.Count > expected)
        {
            throw new UsageException($"Unexpected argument '{positional[expected]}'.");
        }

        return parsed;
    }

    private static (string Table, string? Column) Split(string value, string option, bool required)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            return required ? throw new UsageException($"{option} takes table:column, e.g. {option} comments:acc_id; got '{value}'.") : (value, null);
        }

        if (colon == 0 || colon == value.Length - 1)
        {
            throw new UsageException($"{option} takes table:column; got '{value}'.");
        }

        return (value[..colon], value[(colon + 1)..]);
    }
}
