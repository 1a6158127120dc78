using TenantDapper.Scoping;

namespace TenantDapper;

/// <summary>
/// What tenant scoping did to a statement: the SQL that is sent, and a readable account such as
/// <c>projects p: account_id = @tenant (WHERE); tasks t: account_id = @tenant, t.account_id = p.account_id (LEFT JOIN ON)</c>.
/// </summary>
public sealed class ScopingExplanation
{
    internal ScopingExplanation(string sql, IReadOnlyList<string> account, object? tenant)
    {
        Sql = sql;
        Account = account;
        Tenant = tenant;
    }

    /// <summary>The scoped SQL text, with <c>@tenant</c> for the tenant and <c>@p0, @p1, ...</c> for values.</summary>
    public string Sql { get; }

    /// <summary>One line per table occurrence (in the order met): what was added and where, or why nothing was.</summary>
    public IReadOnlyList<string> Account { get; }

    /// <summary>The value that would be bound to <c>@tenant</c>: one tenant, an array for several, or <see langword="null"/>.</summary>
    public object? Tenant { get; }

    /// <summary>The account on one line, entries separated by <c>"; "</c>.</summary>
    public override string ToString() => string.Join("; ", Account);

    internal static IReadOnlyList<string> Describe(IReadOnlyList<ScopingNote> notes, string? bypassReason)
    {
        if (bypassReason is not null)
        {
            return [$"bypass \"{bypassReason}\": nothing scoped"];
        }

        if (notes.Count == 0)
        {
            return ["no tenant table: nothing scoped"];
        }

        var groups = new List<(int Block, string Table, string? Alias, List<ScopingNote> Notes)>();
        foreach (var note in notes)
        {
            var group = groups.FindIndex(g => g.Block == note.Block && g.Table == note.Table && g.Alias == note.Alias);
            if (group < 0)
            {
                groups.Add((note.Block, note.Table, note.Alias, [note]));
            }
            else
            {
                groups[group].Notes.Add(note);
            }
        }

        return [.. groups.Select(g => (g.Alias is null ? g.Table : g.Table + " " + g.Alias) + ": " + Render(g.Notes))];
    }

    // Consecutive actions placed in the same clause share one "(clause)".
    private static string Render(List<ScopingNote> notes)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < notes.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(notes[i].Action);
            var last = i == notes.Count - 1 || notes[i + 1].Placement != notes[i].Placement;
            if (last && notes[i].Placement is { } placement)
            {
                text.Append(" (").Append(placement).Append(')');
            }
        }

        return text.ToString();
    }
}
