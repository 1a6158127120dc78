namespace TenantDapper.Compiling;

/// <summary>How the writer writes a value.</summary>
internal enum ParameterStyle
{
    /// <summary><c>@p0, @p1, ...</c>: the only style that is ever executed.</summary>
    Named,

    /// <summary><c>?</c> for every value, as SqlKata's <c>RawSql</c> shows it.</summary>
    Positional,

    /// <summary>Every value as a quoted literal, for logs.</summary>
    Inline,
}
