using System.Numerics;
using System.Runtime.InteropServices;

namespace TenantDapper.TextScoping;

/// <summary>
/// The scoped text (or the refusal) of every caller text seen recently, keyed by the text and by everything else the
/// outcome depends on: the model, the tenant mode and the tenant's parameter position. Never keyed by the tenant's
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
    public static Entry? Find(string text, TenantModel model, TenantMode mode, int tenantPosition)
    {
        var hash = Hash(text, model, mode, tenantPosition);
        var first = (hash & (Sets - 1)) * 2;
        var entry = Volatile.Read(ref Entries[first]);
        if (entry is not null && entry.Matches(hash, text, model, mode, tenantPosition))
        {
            return entry;
        }

        entry = Volatile.Read(ref Entries[first + 1]);
        return entry is not null && entry.Matches(hash, text, model, mode, tenantPosition) ? entry : null;
    }

    /// <summary>Remembers a scoped text.</summary>
    public static void Add(string text, TenantModel model, TenantMode mode, int tenantPosition, ScopedText scoped) =>
        Add(new Entry(Hash(text, model, mode, tenantPosition), text, model, mode, tenantPosition, scoped, null));

    /// <summary>Remembers a refusal that depends only on the key, as a way to raise it again.</summary>
    public static void Add(string text, TenantModel model, TenantMode mode, int tenantPosition, Func<Exception> refusal) =>
        Add(new Entry(Hash(text, model, mode, tenantPosition), text, model, mode, tenantPosition, null, refusal));

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

    private static int Hash(string text, TenantModel model, TenantMode mode, int tenantPosition) =>
        HashCode.Combine(TextHash(text), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(model), mode, tenantPosition);

    // A lookup hashes the whole text, so its speed is the cost of a text seen before. string.GetHashCode (Marvin) takes about
    // a microsecond for 2,000 characters; this reads eight bytes a step in four independent lanes, four to eight times faster.
    // It need not resist chosen collisions: colliding texts share a set of two entries and only cost each other a parse.
    private static int TextHash(string text)
    {
        var words = MemoryMarshal.Cast<char, ulong>(text.AsSpan());
        ulong a = 0x243F6A8885A308D3, b = 0x13198A2E03707344, c = 0xA4093822299F31D0, d = 0x082EFA98EC4E6C89;
        var i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            a = Mix(a, words[i]);
            b = Mix(b, words[i + 1]);
            c = Mix(c, words[i + 2]);
            d = Mix(d, words[i + 3]);
        }

        for (; i < words.Length; i++)
        {
            a = Mix(a, words[i]);
        }

        for (var k = words.Length * 4; k < text.Length; k++)
        {
            b = Mix(b, text[k]);
        }

        var h = a ^ BitOperations.RotateLeft(b, 16) ^ BitOperations.RotateLeft(c, 32) ^ BitOperations.RotateLeft(d, 48) ^ (ulong)text.Length;
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        return unchecked((int)h ^ (int)(h >> 32));
    }

    private static ulong Mix(ulong lane, ulong word) => BitOperations.RotateLeft(unchecked((lane ^ word) * 0x9E3779B97F4A7C15), 29);

    /// <summary>One caller text's outcome: a scoped text, or a refusal to raise again.</summary>
    internal sealed class Entry(int hash, string text, TenantModel model, TenantMode mode, int tenantPosition, ScopedText? scoped, Func<Exception>? refusal)
    {
        public int Hash { get; } = hash;

        public string Text { get; } = text;

        /// <summary>The scoped text; <see langword="null"/> when the text is refused.</summary>
        public ScopedText? Scoped { get; } = scoped;

        /// <summary>Creates the refusal to throw; <see langword="null"/> when the text is scoped.</summary>
        public Func<Exception>? Refusal { get; } = refusal;

        public bool Matches(int hash, string text, TenantModel model, TenantMode mode, int tenantPosition) =>
            Hash == hash && ReferenceEquals(_model, model) && _mode == mode && _tenantPosition == tenantPosition
            && string.Equals(Text, text, StringComparison.Ordinal);

        private readonly TenantModel _model = model;
        private readonly TenantMode _mode = mode;
        private readonly int _tenantPosition = tenantPosition;
    }
}
