namespace TenantDapper.Parsing;

/// <summary>
/// The folded names this thread's parser made recently, so a name a text repeats (an alias, <c>id</c>, the tenant column)
/// is one string, not a new one per occurrence and per text. A direct-mapped table of 512 slots, looked up by a hash of
/// the length and three characters: a name whose slot holds another is made anew and takes the slot.
/// </summary>
internal static class NameTable
{
    /// <summary>Names longer than this are not kept (they are rarely repeated).</summary>
    public const int MaxLength = 32;

    private const int Slots = 512;

    [ThreadStatic]
    private static string?[]? _names;

    /// <summary>The string of <paramref name="name"/>, which is already folded: one made before when there is one.</summary>
    public static string Get(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return name.ToString();
        }

        var names = _names ??= new string?[Slots];
        var slot = ((name.Length * 31) + (name[0] * 7) + (name[name.Length / 2] * 3) + name[^1]) & (Slots - 1);
        var known = names[slot];
        if (known is not null && name.SequenceEqual(known))
        {
            return known;
        }

        var made = name.ToString();
        names[slot] = made;
        return made;
    }
}
