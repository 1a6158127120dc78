using System.Globalization;
using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>Checks the tenant values SQL text supplies (<see cref="SuppliedTenant"/>) against the tenant bound for one execution.</summary>
internal static class SuppliedTenantCheck
{
    /// <summary>Throws unless every supplied value equals <paramref name="tenant"/>.</summary>
    /// <param name="supplied">The values the statement supplies.</param>
    /// <param name="tenant">The tenant bound to <c>@tenant</c> (a write has exactly one).</param>
    /// <param name="parameter">Finds the value of a caller parameter by its reference, or reports that there is none.</param>
    /// <exception cref="TenantMismatchException">A value is not the tenant, or names a parameter the command does not have.</exception>
    public static void Verify(IReadOnlyList<SuppliedTenant> supplied, object tenant, ParameterLookup parameter)
    {
        foreach (var value in supplied)
        {
            var (actual, description) = value.Value switch
            {
                ParameterReferenceExpression reference => parameter(reference, out var found)
                    ? (found, $"the parameter {Name(reference)} ({found ?? "NULL"})")
                    : (null, $"the parameter {Name(reference)}, which the command does not bind"),
                LiteralExpression literal => (Constant(literal, tenant), $"the constant {literal.Value}"),
                _ => (null, "an expression"),
            };

            if (actual is null || !TenantBinding.IsTenant(actual, tenant))
            {
                throw new TenantMismatchException(value.Table, value.Column, description);
            }
        }
    }

    /// <summary>The <see cref="ParameterLookup"/> of an execution that binds no caller parameters (a builder statement's values are in its tree).</summary>
    public static bool NoCallerParameters(ParameterReferenceExpression reference, out object? value)
    {
        value = null;
        return false;
    }

    private static string Name(ParameterReferenceExpression reference) => (reference.Positional ? "$" : "@") + reference.Name;

    // A constant in the tenant key's own terms: PostgreSQL reads '42' into a bigint column and '…' into a uuid one.
    private static object? Constant(LiteralExpression literal, object tenant) => (literal.Kind, tenant) switch
    {
        (LiteralKind.Number or LiteralKind.String, long or int) when long.TryParse(literal.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        (LiteralKind.String, Guid) when Guid.TryParse(literal.Value, out var guid) => guid,
        (LiteralKind.String, string) => literal.Value,
        _ => null,
    };
}

/// <summary>The value of the caller parameter <paramref name="reference"/> names, when the command binds it.</summary>
internal delegate bool ParameterLookup(ParameterReferenceExpression reference, out object? value);
