using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// What in a statement runs code of the application's on the server, which the tenant rewriter cannot see into: a call
/// of a function, an operator (its function), a cast or typed literal (a composite type's cast function, a domain's
/// CHECK, a base type's input function). Each is trusted when it is a PostgreSQL built-in or the model declares it safe;
/// otherwise the statement is refused.
/// </summary>
internal static class ServerCode
{
    public static bool IsTrusted(FunctionCallExpression call, TenantModel model) =>
        call.IsBuiltIn || BuiltInFunctions.Contains(call.Schema, call.Name) || model.IsSafeFunction(call.Schema, call.Name);

    public static bool IsTrustedOperator(string @operator, bool prefix, TenantModel model) =>
        BuiltInOperators.Contains(@operator, prefix) || model.IsSafeOperator(@operator);

    // A table's row type (null::tasks) runs no code of its own, so the model's tables are trusted as types.
    public static bool IsTrusted(TypeName type, TenantModel model) =>
        BuiltInTypes.Contains(type) || model.IsSafeType(type.Schema, type.Name) || model.Declares(new TableName(type.Schema, type.Name));

    public static bool AreTrusted(IReadOnlyList<ColumnDefinition> columns, TenantModel model)
    {
        foreach (var column in columns)
        {
            if (!IsTrusted(column.Type, model))
            {
                return false;
            }
        }

        return true;
    }

    /// <exception cref="UnscopableSqlException">The function is neither built in nor declared safe.</exception>
    public static void Check(FunctionCallExpression call, TenantModel model)
    {
        if (!IsTrusted(call, model))
        {
            var name = call.Schema is null ? call.Name : call.Schema + "." + call.Name;
            throw new UnscopableSqlException(
                $"The statement calls function '{name}', which is not a PostgreSQL built-in the tenant rewriter trusts: it may read tenant tables the rewriter cannot see, or run SQL text. " +
                $"If it reads no tenant table (or filters by the tenant itself), declare it with TenantModelBuilder.SafeFunction(\"{name}\"); otherwise run the statement inside CurrentTenant.Bypass(\"reason\").");
        }
    }

    /// <exception cref="UnscopableSqlException">The operator is neither built in nor declared safe.</exception>
    public static void CheckOperator(string @operator, bool prefix, TenantModel model)
    {
        if (!IsTrustedOperator(@operator, prefix, model))
        {
            throw new UnscopableSqlException(
                $"The statement uses the {(prefix ? "prefix" : "infix")} operator '{@operator}', which is not a PostgreSQL built-in: the function behind it may read or change tenant tables the tenant rewriter cannot see. " +
                $"If that function reads no tenant table (or filters by the tenant itself), declare the operator with TenantModelBuilder.SafeOperator(\"{@operator}\"); otherwise run the statement inside CurrentTenant.Bypass(\"reason\").");
        }
    }

    /// <exception cref="UnscopableSqlException">The type is neither built in nor declared safe.</exception>
    public static void Check(TypeName type, TenantModel model)
    {
        if (!IsTrusted(type, model))
        {
            var name = type.Schema is null ? type.Name : type.Schema + "." + type.Name;
            throw new UnscopableSqlException(
                $"The statement converts a value to type '{name}', which is not a PostgreSQL built-in: a composite type's cast function, a domain's CHECK or a base type's input function may read tenant tables the tenant rewriter cannot see. " +
                $"If none of them reads a tenant table, declare the type with TenantModelBuilder.SafeType(\"{name}\"); otherwise run the statement inside CurrentTenant.Bypass(\"reason\").");
        }
    }
}
