using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>Checks a raw fragment when it is built: one binding per <c>?</c> and valid <c>[x]</c> / <c>{x}</c> identifiers.</summary>
internal static class RawFragment
{
    public static RawExpression Create(string sql, object?[]? bindings)
    {
        ArgumentNullException.ThrowIfNull(sql);
        bindings ??= [null];
        var placeholders = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\\' && i + 1 < sql.Length && sql[i + 1] == '?')
            {
                i++;
            }
            else if (c == '?')
            {
                placeholders++;
            }
            else if (c is '[' or '{')
            {
                var close = sql.IndexOf(c == '[' ? ']' : '}', i + 1);
                if (close > i + 1)
                {
                    Names.DottedName(sql.Substring(i + 1, close - i - 1));
                    i = close;
                }
            }
        }

        if (placeholders != bindings.Length)
        {
            throw new RawBindingMismatchException(sql, placeholders, bindings.Length);
        }

        return new RawExpression(sql, bindings.Length == 0 ? [] : (object?[])bindings.Clone());
    }
}
