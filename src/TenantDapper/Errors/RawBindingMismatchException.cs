namespace TenantDapper;

/// <summary>A raw fragment's <c>?</c> placeholders and its bindings do not match; nothing was sent to the database. An <see cref="ArgumentException"/>: a usage error, not a tenant refusal.</summary>
public sealed class RawBindingMismatchException : ArgumentException
{
    /// <summary>Creates the exception for a fragment with <paramref name="placeholders"/> placeholders and <paramref name="bindings"/> bindings.</summary>
    /// <param name="sql">The raw fragment.</param>
    /// <param name="placeholders">How many <c>?</c> placeholders the fragment holds.</param>
    /// <param name="bindings">How many bindings were passed.</param>
    public RawBindingMismatchException(string sql, int placeholders, int bindings)
        : base($"The raw fragment '{sql}' has {placeholders} '?' placeholder(s) but {bindings} binding(s) were passed. Pass exactly one binding per '?'; write '\\?' for a literal question mark (e.g. jsonb's ? operator).")
    {
        Sql = sql;
        Placeholders = placeholders;
        Bindings = bindings;
    }

    /// <summary>The raw fragment.</summary>
    public string Sql { get; }

    /// <summary>How many <c>?</c> placeholders the fragment holds.</summary>
    public int Placeholders { get; }

    /// <summary>How many bindings were passed.</summary>
    public int Bindings { get; }
}
