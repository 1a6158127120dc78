using TenantDapper.Compiling;

namespace TenantDapper.Scoping;

/// <summary>
/// A statement ready to send: its scoped SQL text, the values of <c>@p0, @p1, ...</c> and the tenant
/// captured when it was compiled (bound to <c>@tenant</c>). Later changes of the ambient tenant do not
/// affect it, so a deferred or streamed query cannot switch tenants half-way.
/// </summary>
internal sealed class ScopedCommand(CompiledSql compiled, object? tenant)
{
    public string Sql => compiled.Sql;

    public object?[] Values => compiled.Values;

    /// <summary>The captured value of <c>@tenant</c>, or <see langword="null"/> when the text does not use it.</summary>
    public object? Tenant { get; } = tenant;

    /// <summary>Whether the text references <c>@tenant</c>.</summary>
    public bool UsesTenant => compiled.UsesTenant;

    /// <summary>Every parameter by name: <c>p0, p1, ...</c> and, when used, <c>tenant</c>.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Parameters()
    {
        for (var i = 0; i < compiled.Values.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(CompiledSql.ParameterName(i), compiled.Values[i]);
        }

        if (compiled.UsesTenant)
        {
            yield return new KeyValuePair<string, object?>(CompiledSql.TenantParameterName, Tenant);
        }
    }
}
