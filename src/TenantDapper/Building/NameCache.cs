namespace TenantDapper.Building;

/// <summary>
/// Hands out the string of a name part (<c>p</c>, <c>name</c>, <c>public.tasks</c>) sliced from a builder call without
/// allocating it again on every call: a fixed table of the last strings made, one per slot, found by the text's hash
/// and returned only when its whole text equals the part asked for. A miss makes the string and takes the slot; a
/// race between threads only makes an equal string twice. The table never grows.
/// </summary>
internal static class NameCache
{
    /// <summary>Slots in the table (a power of two).</summary>
    internal const int Size = 512;

    /// <summary>Longer parts are made each time, never kept: no valid name part, nor schema.table, is this long.</summary>
    internal const int MaxLength = 128;

    private static readonly string?[] Entries = new string?[Size];

    /// <summary>A string whose text is <paramref name="text"/>, the kept one when a slot holds that text.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (text.Length > MaxLength)
        {
            return text.ToString();
        }

        var slot = string.GetHashCode(text) & (Size - 1);
        var kept = Volatile.Read(ref Entries[slot]);
        if (kept is not null && text.SequenceEqual(kept))
        {
            return kept;
        }

        var made = text.ToString();
        Volatile.Write(ref Entries[slot], made);
        return made;
    }
}
