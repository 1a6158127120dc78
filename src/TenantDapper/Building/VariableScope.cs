using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>
/// The variables of the queries being snapshotted, innermost last. A query pushes its <see cref="Query.Define"/>
/// values while its own part of the tree is built, so a <see cref="Variable"/> anywhere inside it (a sub-query, a
/// CTE, a set operation's arm, a where-callback, a join's ON) resolves to the nearest definition. The snapshot
/// runs on one thread and never waits, so the stack is per thread.
/// </summary>
internal static class VariableScope
{
    [ThreadStatic]
    private static List<IReadOnlyDictionary<string, object?>>? t_scopes;

    /// <summary>Makes <paramref name="variables"/> visible until the returned value is disposed; nothing is pushed for none.</summary>
    public static Entered Enter(IReadOnlyDictionary<string, object?>? variables)
    {
        if (variables is null || variables.Count == 0)
        {
            return default;
        }

        (t_scopes ??= []).Add(variables);
        return new Entered(true);
    }

    /// <summary>A parameter of <paramref name="value"/>, a <see cref="Variable"/> replaced by its defined value.</summary>
    public static ParameterExpression Parameter(object? value) => Value(Resolve(value));

    /// <summary>A parameter of <paramref name="value"/> as it is: every builder value becomes a parameter here or in <see cref="RawFragment"/>'s bindings.</summary>
    public static ParameterExpression Value(object? value) => new(NotSqlText(value));

    /// <summary><paramref name="value"/>, which is not SQL text: an <see cref="UnsafeLiteral"/> belongs only where the builder parses it.</summary>
    /// <exception cref="InvalidQueryException"><paramref name="value"/> is an <see cref="UnsafeLiteral"/>.</exception>
    public static object? NotSqlText(object? value) => value is UnsafeLiteral
        ? throw new InvalidQueryException("An UnsafeLiteral can only be a value of an insert, an update or ON CONFLICT DO UPDATE; for a condition or a select item use WhereRaw / SelectRaw.")
        : value;

    /// <summary><paramref name="value"/>, or the defined value when it is a <see cref="Variable"/>.</summary>
    public static object? Resolve(object? value)
    {
        if (value is not Variable variable)
        {
            return value;
        }

        var scopes = t_scopes;
        for (var i = (scopes?.Count ?? 0) - 1; i >= 0; i--)
        {
            if (scopes![i].TryGetValue(variable.Name, out var defined))
            {
                return defined;
            }
        }

        throw new InvalidQueryException(
            $"The variable \"{variable.Name}\" is used but not defined: call Define(\"{variable.Name}\", value) on the query that uses it or on a query that contains it (the outer query of a sub-query, CTE, set operation or where-callback) before it is compiled.");
    }

    /// <summary>Leaves the scope entered by <see cref="Enter"/>.</summary>
    internal readonly struct Entered(bool pushed) : IDisposable
    {
        public void Dispose()
        {
            if (pushed)
            {
                t_scopes!.RemoveAt(t_scopes.Count - 1);
            }
        }
    }
}
