namespace TenantDapper;

/// <summary>A table, column or alias name cannot be used as an identifier; nothing was sent to the database. An <see cref="ArgumentException"/>: a usage error, not a tenant refusal.</summary>
public sealed class InvalidIdentifierException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="identifier"/>.</summary>
    /// <param name="identifier">The rejected name.</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidIdentifierException(string identifier, string reason)
        : base($"'{identifier}' cannot be used as an identifier: {reason}. Identifiers are quoted, never escaped; values belong in parameters.")
    {
        Identifier = identifier;
    }

    /// <summary>The rejected name.</summary>
    public string Identifier { get; }
}
