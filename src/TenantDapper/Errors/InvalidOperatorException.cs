namespace TenantDapper;

/// <summary>A condition used an operator that is not on the whitelist; nothing was sent to the database. An <see cref="ArgumentException"/>: a usage error, not a tenant refusal.</summary>
public sealed class InvalidOperatorException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="operator"/>.</summary>
    /// <param name="operator">The rejected operator.</param>
    /// <param name="allowed">The operators that may be used.</param>
    public InvalidOperatorException(string? @operator, IEnumerable<string> allowed)
        : base($"'{@operator ?? "(null)"}' is not an allowed operator. {Hint(@operator)}Use one of: {string.Join(", ", allowed)}; for anything else write a WhereRaw(...) fragment with ? bindings.")
    {
        Operator = @operator;
    }

    /// <summary>The rejected operator.</summary>
    public string? Operator { get; }

    private static string Hint(string? @operator) => @operator?.Trim().ToLowerInvariant() switch
    {
        "in" or "not in" => "For a list use WhereIn / WhereNotIn. ",
        "between" or "not between" => "For a range use WhereBetween / WhereNotBetween. ",
        "is" or "is not" => "For NULL use WhereNull / WhereNotNull. ",
        _ => string.Empty,
    };
}
