using System.IO.Hashing;
using System.Runtime.InteropServices;
using TenantDapper.Scoping;

namespace TenantDapper.TextScoping;

/// <summary>
/// The scoped text (or the refusal) of every caller text seen recently, keyed by the text and by everything else the
/// outcome depends on: the model, the tenant mode, the tenant's parameter position and whether the text goes to a Citus
/// coordinator with row-level security on. Never keyed by the tenant's
/// value, so one entry serves every tenant. Bounded and lock-free: a two-way set-associative table of immutable
/// entries; a new entry takes the first way and moves the older one to the second, which it replaces. A reader that
/// races a writer sees an old entry, a new entry or none: a miss only costs a parse.
/// </summary>
internal static class ScopedTextCache
{
    /// <summary>Texts longer than this are scoped every time (they would crowd out many shorter ones).</summary>
    public const int MaxCachedLength = 8192;

    private const int Sets = 2048;

    private static readonly Entry?[] Entries = new Entry?[Sets * 2];

    /// <summary>Finds the entry for the key, or <see langword="null"/>.</summary>
    public static Entry? Find(string text, TenantModel model, TenantMode mode, int tenantPosition, bool citus = false)
    {
        var hash = Hash(text, model, mode, tenantPosition, citus);
        var first = (hash & (Sets - 1)) * 2;
        var entry = Volatile.Read(ref Entries[first]);
        if (entry is not null && entry.Matches(hash, text, model, mode, tenantPosition, citus))
        {
            return entry;
        }

        entry = Volatile.Read(ref Entries[first + 1]);
        return entry is not null && entry.Matches(hash, text, model, mode, tenantPosition, citus) ? entry : null;
    }

    /// <summary>Remembers the statement a text was scoped to.</summary>
    public static void Add(string text, TenantModel model, TenantMode mode, int tenantPosition, PreparedSql scoped, bool citus = false) =>
        Add(new Entry(Hash(text, model, mode, tenantPosition, citus), text, model, mode, tenantPosition, citus, scoped, null));

    /// <summary>Remembers a refusal that depends only on the key, as a way to raise it again.</summary>
    public static void Add(string text, TenantModel model, TenantMode mode, int tenantPosition, Func<Exception> refusal, bool citus = false) =>
        Add(new Entry(Hash(text, model, mode, tenantPosition, citus), text, model, mode, tenantPosition, citus, null, refusal));

    private static void Add(Entry entry)
    {
        if (entry.Text.Length > MaxCachedLength)
        {
            return;
        }

        var first = (entry.Hash & (Sets - 1)) * 2;
        var older = Volatile.Read(ref Entries[first]);
        if (older is not null)
        {
            Volatile.Write(ref Entries[first + 1], older);
        }

        Volatile.Write(ref Entries[first], entry);
    }

    private static int Hash(string text, TenantModel model, TenantMode mode, int tenantPosition, bool citus) =>
        HashCode.Combine(TextHash(text), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(model), mode, tenantPosition, citus);

    // A lookup hashes the whole text, so its speed is the cost of a text seen before: string.GetHashCode (Marvin) takes
    // about a microsecond for 2,000 characters, XxHash3 a fraction of it. It need not resist chosen collisions: colliding
    // texts share a set of two entries and only cost each other a parse (the lookup compares the whole text).
    private static int TextHash(string text)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
        return unchecked((int)hash ^ (int)(hash >> 32));
    }

    /// <summary>One caller text's outcome: a scoped text, or a refusal to raise again.</summary>
    internal sealed class Entry(int hash, string text, TenantModel model, TenantMode mode, int tenantPosition, bool citus, PreparedSql? scoped, Func<Exception>? refusal)
    {
        public int Hash { get; } = hash;

        public string Text { get; } = text;

        /// <summary>The statement the text was scoped to; <see langword="null"/> when the text is refused.</summary>
        public PreparedSql? Scoped { get; } = scoped;

        /// <summary>Creates the refusal to throw; <see langword="null"/> when the text is scoped.</summary>
        public Func<Exception>? Refusal { get; } = refusal;

        public bool Matches(int hash, string text, TenantModel model, TenantMode mode, int tenantPosition, bool citus) =>
            Hash == hash && ReferenceEquals(_model, model) && _mode == mode && _tenantPosition == tenantPosition && _citus == citus
            && string.Equals(Text, text, StringComparison.Ordinal);

        private readonly TenantModel _model = model;
        private readonly TenantMode _mode = mode;
        private readonly int _tenantPosition = tenantPosition;
        private readonly bool _citus = citus;
    }
}
