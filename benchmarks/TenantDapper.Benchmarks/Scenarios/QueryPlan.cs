using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the server plans for a statement (EXPLAIN without ANALYZE, so nothing runs): the plan's
/// nodes in one line, and on Citus the task counts that tell a one-shard router plan from a
/// cluster-wide repartition join.
/// </summary>
internal sealed partial record QueryPlan(IReadOnlyList<string> Lines)
{
    /// <summary>The plan nodes, outermost first, joined by " > ".</summary>
    public string Nodes => string.Join(" > ", Lines
        .Select(line => line.Trim())
        .Where((line, index) => index == 0 || line.StartsWith("->", StringComparison.Ordinal))
        .Select(line => line.TrimStart('-', '>', ' ')));

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

    /// <summary>The facts a contender carries into the results: its plan, and its Citus task counts when there are any.</summary>
    public IReadOnlyDictionary<string, string> Facts
    {
        get
        {
            var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["plan"] = Nodes };
            if (CitusTasks is { } tasks)
            {
                facts["citus tasks"] = tasks;
            }

            return facts;
        }
    }

    /// <summary>Plans <paramref name="sql"/> with <paramref name="parameters"/> on <paramref name="connection"/>.</summary>
    public static async Task<QueryPlan> ExplainAsync(NpgsqlConnection connection, string sql, object parameters, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<string>(new CommandDefinition(
            "EXPLAIN (COSTS OFF) " + sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new QueryPlan(lines.AsList());
    }

    [GeneratedRegex(@"^\s*(?<kind>Task Count|Map Task Count|Merge Task Count):\s*(?<count>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex TaskCountLine();
}
