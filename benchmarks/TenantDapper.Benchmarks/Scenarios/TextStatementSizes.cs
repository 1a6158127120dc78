using System.Globalization;
using System.Text;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// The statements whose new-text cost is measured by size: one table, then the 2-join of <see cref="TextScopingScenario"/>
/// with more joins. Every further join adds a tenant table (a task or a project of the same account), one column and
/// one predicate, about a hundred characters, so the cost per character shows whether the text path stays linear.
/// </summary>
internal static class TextStatementSizes
{
    /// <summary>A 1-table statement; <c>{0}</c> is an alias that varies to make a new text.</summary>
    public const string OneTableTemplate =
        "SELECT t.id, t.title AS {0}, t.done FROM tasks t WHERE t.project_id = @project AND t.done = false ORDER BY t.id DESC LIMIT 50";

    /// <summary>
    /// A statement of <paramref name="joins"/> joins (at least 2); <c>{0}</c> is an alias that varies to make a new text.
    /// With 2 it is the 2-join the issues quote (about 270 characters).
    /// </summary>
    public static string JoinTemplate(int joins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(joins, 2);
        var select = new StringBuilder("SELECT t.id, t.title AS task_title, t.done, p.name AS project, a.name AS {0}");
        var from = new StringBuilder(" FROM projects p JOIN tasks t ON t.project_id = p.id JOIN accounts a ON a.id = p.account_id");
        var where = new StringBuilder(" WHERE p.id = @project AND t.done = false AND t.title LIKE @pattern");
        for (var k = 3; k <= joins; k++)
        {
            if (k % 2 == 1)
            {
                select.Append(CultureInfo.InvariantCulture, $", t{k}.title AS title_{k}");
                from.Append(CultureInfo.InvariantCulture, $" JOIN tasks t{k} ON t{k}.project_id = p.id");
                where.Append(CultureInfo.InvariantCulture, $" AND t{k}.done = false");
            }
            else
            {
                select.Append(CultureInfo.InvariantCulture, $", p{k}.name AS project_{k}");
                from.Append(CultureInfo.InvariantCulture, $" LEFT JOIN projects p{k} ON p{k}.account_id = a.id");
                where.Append(CultureInfo.InvariantCulture, $" AND p{k}.id <> p.id");
            }
        }

        return select.Append(from).Append(where).Append(" ORDER BY t.id DESC, p.name LIMIT 50").ToString();
    }

    /// <summary>The template with its alias filled in.</summary>
    public static string Fill(string template, string alias) => string.Format(CultureInfo.InvariantCulture, template, alias);
}
