using System.Data;
using Dapper;
using TenantDapper.DataSource;
using TenantDapper.Tenancy;

namespace TenantDapper.Execution;

/// <summary>
/// The parameters of a builder statement on a connection of a <see cref="TenantDataSource"/>: Dapper binds them as it
/// binds a dictionary, and the data source's command is told that its text was scoped when it was compiled, for
/// <paramref name="state"/>, so its sender does not parse it again. Only this internal type can mark a command so; a
/// caller's text is always scoped.
/// </summary>
/// <param name="bindings">The compiled statement's parameters, the tenant among them.</param>
/// <param name="state">The tenant state the statement was scoped for.</param>
internal sealed class PreScopedParameters(IReadOnlyDictionary<string, object?> bindings, TenantState? state) : SqlMapper.IDynamicParameters
{
    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        ((SqlMapper.IDynamicParameters)new DynamicParameters(bindings)).AddParameters(command, identity);

        // After Dapper's own rewriting of the text (lists, literals), which leaves the scoping as it was.
        if (command is ScopingCommand scoping)
        {
            scoping.MarkPreScoped(new PreScopedStatement(state));
        }
    }
}
