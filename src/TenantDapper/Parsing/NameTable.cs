namespace TenantDapper.Parsing;

/// <summary>
/// The folded names this thread's parser made recently, so a name a text repeats (an alias, <c>id</c>, the tenant column)
/// is one string, not a new one per occurrence and per text. Bounded: when full it starts over.
/// </summary>
internal static class NameTable
{
    /// <summary>Names longer than this are not kept (they are rarely repeated).</summary>
    public const int MaxLength = 32;

    private const int MaxNames = 1024;

    [ThreadStatic]
    private static Dictionary<string, string>? _names;

    /// <summary>The string of <paramref name="name"/>, which is already folded: one made before when there is one.</summary>
    public static string Get(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxLength)
        {
            return name.ToString();
        }

        var names = _names ??= new Dictionary<string, string>(MaxNames, StringComparer.Ordinal);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        if (names.Count >= MaxNames)
        {
            names.Clear();
        }

        var made = name.ToString();
        names.Add(made, made);
        return made;
    }
}
