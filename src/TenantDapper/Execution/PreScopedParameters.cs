using System.Data;
using Dapper;
using TenantDapper.Compiling;
using TenantDapper.DataSource;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Execution;

/// <summary>
/// The parameters of a builder statement, bound by Dapper through <see cref="SqlMapper.IDynamicParameters"/> straight
/// into the command's parameters (<c>p0</c>, <c>p1</c>, ... and <c>tenant</c>), with Dapper's rules for each value: its
/// type handlers, <see cref="DbType"/> mapping and enum conversion. On a connection of a <see cref="TenantDataSource"/>
/// the command is also told that its text was scoped when it was compiled, for <paramref name="state"/>, so its sender
/// does not parse it again, and it binds the tenant itself when Dapper would bind it as its value alone. Only this internal type can mark a command so; a caller's text is always scoped.
/// </summary>
/// <param name="prepared">The statement: whether it uses <c>@tenant</c>.</param>
/// <param name="values">The values of <c>@p0, @p1, ...</c>.</param>
/// <param name="tenant">The value of <c>@tenant</c>, as <see cref="PreparedSql.Release"/> bound it.</param>
/// <param name="state">The tenant state the statement was scoped for.</param>
internal sealed class PreScopedParameters(PreparedSql prepared, object?[] values, object? tenant, TenantState? state) : SqlMapper.IDynamicParameters
{
    // What Dapper's type lookup answers for a list it would expand (DynamicParameters.EnumerableMultiParameter).
    private const DbType ListParameter = (DbType)(-1);

    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Add(command, PostgresSqlWriter.ParameterName(i), values[i]);
        }

        // On a data source's connection a tenant Dapper binds by its value alone is left to the command, which binds it
        // to its connection's reusable parameter (CommandScoping.BindPreScoped) instead of a new one per call.
        var scoping = command as ScopingCommand;
        var leftToCommand = scoping is not null && prepared.UsesTenant && BindsByValue(tenant);
        if (prepared.UsesTenant && !leftToCommand)
        {
            Add(command, TenantParameterExpression.Name, tenant);
        }

        scoping?.MarkPreScoped(new PreScopedStatement(state, leftToCommand ? tenant : null));
    }

    /// <summary>Whether Dapper binds <paramref name="tenant"/> as its value alone, the driver inferring its type (a key or an array of keys, with no type handler), as the text path binds it.</summary>
    private static bool BindsByValue(object? tenant)
    {
        if (tenant is not (long or int or Guid or string or long[] or int[] or Guid[] or string[]))
        {
            return false;
        }

#pragma warning disable CS0618
        SqlMapper.LookupDbType(tenant.GetType(), TenantParameterExpression.Name, false, out var handler);
#pragma warning restore CS0618
        return handler is null;
    }

    private static void Add(IDbCommand command, string name, object? value)
    {
        switch (value)
        {
            case SqlMapper.ICustomQueryParameter custom:
                custom.AddParameter(command, name);
                return;
            case Array { Length: 0 } and not byte[]:
                EmptyArrayParameter.Instance.AddParameter(command, name);
                return;
            case null:
                var empty = command.CreateParameter();
                empty.ParameterName = name;
                empty.Value = DBNull.Value;
                command.Parameters.Add(empty);
                return;
        }

        // Dapper's own rules for a value, as DynamicParameters applies them (these members are public for its generated code).
#pragma warning disable CS0618
        var dbType = SqlMapper.LookupDbType(value.GetType(), name, true, out var handler);
        if (dbType == ListParameter)
        {
            SqlMapper.PackListParameters(command, name, value);
            return;
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (handler is not null)
        {
            if (dbType is { } handled)
            {
                parameter.DbType = handled;
            }

            handler.SetValue(parameter, value);
        }
        else
        {
            parameter.Value = SqlMapper.SanitizeParameterValue(value);
#pragma warning restore CS0618
            if (dbType is { } type && parameter.DbType != type)
            {
                parameter.DbType = type;
            }

            if (value is string { Length: <= DbString.DefaultLength })
            {
                parameter.Size = DbString.DefaultLength;
            }
        }

        command.Parameters.Add(parameter);
    }
}
