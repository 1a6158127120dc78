using System.Runtime.CompilerServices;

namespace TenantDapper.DataSource;

/// <summary>
/// What the row-level security prelude would otherwise build for every statement (<see cref="TenantSession"/>): the
/// text of a statement behind its prelude, and the setting of its tenants. Each is kept in a fixed number of slots,
/// one entry a slot, replaced when another key lands there, so a text or a tenant that varies costs what it cost
/// before (one string) and the cache never grows; every entry is immutable, so a reader sees a whole one or none. A
/// text over 4,096 characters is not kept.
/// </summary>
internal static class PreludeCache
{
    private const int Slots = 1024;

    // A longer text is built every time: the slots then hold at most a few megabytes, and its concatenation costs
    // little beside what the driver does with a text that long.
    private const int MaxCachedLength = 4096;

    private static readonly TextEntry?[] Texts = new TextEntry?[Slots];
    private static readonly SettingEntry?[] Settings = new SettingEntry?[Slots];

    /// <summary>
    /// The text of <paramref name="sql"/> behind its prelude, made by <paramref name="build"/> the first time. Keyed by
    /// the text's identity: a scoped text and a compiled builder text are handed out as one string per text
    /// (<c>ScopedText</c>, <c>SqlTextCache</c>), so a statement sent again finds its entry without hashing its text.
    /// </summary>
    /// <param name="sql">The scoped text.</param>
    /// <param name="form">Which prelude goes in front (plain PostgreSQL, Citus, a Citus block).</param>
    /// <param name="build">Builds the preluded text on a miss.</param>
    public static string Text(string sql, int form, Func<string, int, string> build)
    {
        if (sql.Length > MaxCachedLength)
        {
            return build(sql, form);
        }

        var slot = (RuntimeHelpers.GetHashCode(sql) ^ (form * 0x3C6EF35F)) & (Slots - 1);
        if (Volatile.Read(ref Texts[slot]) is { } entry && ReferenceEquals(entry.Scoped, sql) && entry.Form == form)
        {
            return entry.Preluded;
        }

        var preluded = build(sql, form);
        Volatile.Write(ref Texts[slot], new TextEntry(sql, form, preluded));
        return preluded;
    }

    /// <summary>
    /// The setting of <paramref name="tenants"/>, made by <paramref name="build"/> the first time. One tenant is keyed by
    /// its value, so every scope of that tenant shares one setting: the tenant key types (<see cref="long"/>,
    /// <see cref="int"/>, <see cref="Guid"/>, <see cref="string"/>) write the same literal for equal values, and a value
    /// of any other type is not kept (equal values of such a type, <c>1.0m</c> and <c>1.00m</c>, may write different
    /// literals, and the setting decides what the server shows). Several tenants are keyed by the list of one state, so
    /// every statement of a scope shares one setting.
    /// </summary>
    public static string Setting(IReadOnlyList<object> tenants, Func<IReadOnlyList<object>, string> build)
    {
        object key;
        int hash;
        if (tenants.Count == 1)
        {
            key = tenants[0];
            if (!KeptByValue(key))
            {
                return build(tenants);
            }

            hash = key.GetHashCode();
        }
        else
        {
            key = tenants;
            hash = RuntimeHelpers.GetHashCode(tenants);
        }

        var slot = hash & (Slots - 1);
        if (Volatile.Read(ref Settings[slot]) is { } entry && entry.Key.GetType() == key.GetType() && entry.Key.Equals(key))
        {
            return entry.Setting;
        }

        var setting = build(tenants);
        Volatile.Write(ref Settings[slot], new SettingEntry(key, setting));
        return setting;
    }

    private static bool KeptByValue(object tenant) =>
        tenant is long or int or Guid or string;

    private sealed record TextEntry(string Scoped, int Form, string Preluded);

    private sealed record SettingEntry(object Key, string Setting);
}
