using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace TenantDapper.Execution;

/// <summary>
/// An empty value list. It has no element type, so it is sent as the untyped literal <c>{}</c> and PostgreSQL infers
/// the array type from the column (<c>col = ANY(@p)</c>): <c>WhereIn(col, [])</c> keeps the text of a non-empty list.
/// </summary>
internal sealed class EmptyArrayParameter : SqlMapper.ICustomQueryParameter
{
    public static EmptyArrayParameter Instance { get; } = new();

    private EmptyArrayParameter()
    {
    }

    public void AddParameter(IDbCommand command, string name)
    {
        // A command of a TenantDataSource creates its driver's parameters, so the type is set there too.
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = "{}";
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlDbType.Unknown;
        }

        command.Parameters.Add(parameter);
    }
}
