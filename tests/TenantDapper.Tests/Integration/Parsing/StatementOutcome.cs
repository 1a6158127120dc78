using System.Text;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// What one statement did on the server: its result columns and rows, the rows it affected and every table's
/// contents afterwards (before the transaction was rolled back), or the error it failed with.
/// </summary>
internal sealed record StatementOutcome(
    IReadOnlyList<string> Columns, IReadOnlyList<string> Rows, int RecordsAffected, string Tables, string? Error)
{
    /// <summary>Whether the statement failed on the server.</summary>
    public bool Failed => Error is not null;

    /// <summary>
    /// How <paramref name="other"/> differs from this outcome, or <see langword="null"/> when it does not. Rows are
    /// compared in order when <paramref name="ordered"/> (the statement's ORDER BY defines it), else as multisets.
    /// </summary>
    public string? DifferenceFrom(StatementOutcome other, bool ordered)
    {
        if (Error != other.Error)
        {
            return $"error: {Error ?? "none"} / {other.Error ?? "none"}";
        }

        if (!Columns.SequenceEqual(other.Columns))
        {
            return $"columns: {string.Join(", ", Columns)} / {string.Join(", ", other.Columns)}";
        }

        var mine = ordered ? Rows : [.. Rows.Order(StringComparer.Ordinal)];
        var theirs = ordered ? other.Rows : [.. other.Rows.Order(StringComparer.Ordinal)];
        if (!mine.SequenceEqual(theirs))
        {
            return $"rows ({(ordered ? "in order" : "as a multiset")}):\n{Show(mine)}\n  /\n{Show(theirs)}";
        }

        if (RecordsAffected != other.RecordsAffected)
        {
            return $"rows affected: {RecordsAffected} / {other.RecordsAffected}";
        }

        return Tables == other.Tables ? null : $"tables afterwards:\n  {Tables}\n  /\n  {other.Tables}";
    }

    private static string Show(IReadOnlyList<string> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(12))
        {
            text.Append("  ").AppendLine(row);
        }

        return rows.Count > 12 ? text.Append("  ... ").Append(rows.Count).Append(" rows").ToString() : text.ToString().TrimEnd();
    }
}
