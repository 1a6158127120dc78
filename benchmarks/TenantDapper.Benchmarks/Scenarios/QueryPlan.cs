using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the server does with a statement: the plan's nodes with their index conditions in one line,
/// the pages the executor touched (when the plan was run with ANALYZE), and on Citus the task counts
/// that tell a one-shard router plan from a cluster-wide repartition join.
/// </summary>
internal sealed partial record QueryPlan(IReadOnlyList<string> Lines)
{
    /// <summary>The plan nodes, outermost first, joined by " > ", each index scan with its index condition.</summary>
    public string Nodes
    {
        get
        {
            var nodes = new List<string>();
            for (var i = 0; i < Lines.Count; i++)
            {
                var line = Lines[i].Trim();
                if (line.StartsWith("Index Cond:", StringComparison.Ordinal) && nodes.Count > 0)
                {
                    nodes[^1] += $" [{line}]";
                }
                else if (i == 0 || line.StartsWith("->", StringComparison.Ordinal))
                {
                    nodes.Add(NodeName(line));
                }
            }

            return string.Join(" > ", nodes);
        }
    }

    /// <summary>The pages the whole plan touched ("shared hit=4"), or null when it was not run with ANALYZE and BUFFERS.</summary>
    public string? Buffers => Lines
        .Select(line => line.Trim())
        .FirstOrDefault(line => line.StartsWith("Buffers:", StringComparison.Ordinal))?["Buffers:".Length..].Trim();

    /// <summary>
    /// Citus's task counts as "Task Count 1", or for a repartition join
    /// "Task Count 4; Map Task Count 32+32; Merge Task Count 4+4"; null when the plan has none (plain PostgreSQL).
    /// </summary>
    public string? CitusTasks
    {
        get
        {
            var counts = Lines
                .Select(line => TaskCountLine().Match(line))
                .Where(match => match.Success)
                .GroupBy(match => match.Groups["kind"].Value, match => match.Groups["count"].Value, StringComparer.Ordinal)
                .Select(group => $"{group.Key} {string.Join('+', group)}")
                .ToArray();
            return counts.Length == 0 ? null : string.Join("; ", counts);
        }
    }

    /// <summary>The facts a contender carries into the results: its plan, and the pages and Citus task counts where there are any.</summary>
    public IReadOnlyDictionary<string, string> Facts
    {
        get
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["plan"] = Nodes };
            if (Buffers is { } buffers)
            {
                facts["buffers"] = buffers;
            }

            if (CitusTasks is { } tasks)
            {
                facts["citus tasks"] = tasks;
            }

            return facts;
        }
    }

    /// <summary>
    /// Plans <paramref name="sql"/> with <paramref name="parameters"/>. With <paramref name="analyze"/>
    /// the statement also runs, so the plan reports the pages it touched: use it for reads only.
    /// </summary>
    public static async Task<QueryPlan> ExplainAsync(NpgsqlConnection connection, string sql, object parameters, bool analyze, CancellationToken cancellationToken)
    {
        var options = analyze ? "ANALYZE, BUFFERS, TIMING OFF, COSTS OFF" : "COSTS OFF";
        var lines = await connection.QueryAsync<string>(new CommandDefinition(
            $"EXPLAIN ({options}) {sql}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new QueryPlan(lines.AsList());
    }

    // "->  Index Scan using x on t p (actual rows=20 loops=1)" becomes "Index Scan using x on t p".
    private static string NodeName(string line) =>
        ActualRows().Replace(line.TrimStart('-', '>', ' '), string.Empty);

    [GeneratedRegex(@"\s+\(actual [^)]*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex ActualRows();

    [GeneratedRegex(@"^\s*(?<kind>Task Count|Map Task Count|Merge Task Count):\s*(?<count>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex TaskCountLine();
}
