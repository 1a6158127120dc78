using System.Text;

namespace TenantDapper.Compiling;

/// <summary>
/// Reuses the SQL text of statements of the same shape. The text depends only on the shape, so after the writer has
/// filled its (pooled) buffer, an equal text seen before is returned instead of allocating a new string. The values
/// come from the same writer pass, so they can never be bound in another order than the text expects.
/// A direct-mapped table: a colliding shape replaces the older one, so memory stays bounded.
/// </summary>
internal static class SqlTextCache
{
    private const int Slots = 4096;
    private const int MaxCachedLength = 4096;

    private static readonly string?[] Texts = new string?[Slots];

    public static string ToText(StringBuilder sql)
    {
        if (sql.Length > MaxCachedLength)
        {
            return sql.ToString();
        }

        var hash = default(HashCode);
        foreach (var chunk in sql.GetChunks())
        {
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk.Span));
        }

        var slot = hash.ToHashCode() & (Slots - 1);
        var cached = Volatile.Read(ref Texts[slot]);
        if (cached is not null && SameText(sql, cached))
        {
            return cached;
        }

        var text = sql.ToString();
        Volatile.Write(ref Texts[slot], text);
        return text;
    }

    private static bool SameText(StringBuilder sql, string text)
    {
        if (sql.Length != text.Length)
        {
            return false;
        }

        var offset = 0;
        foreach (var chunk in sql.GetChunks())
        {
            if (!chunk.Span.SequenceEqual(text.AsSpan(offset, chunk.Length)))
            {
                return false;
            }

            offset += chunk.Length;
        }

        return true;
    }
}
