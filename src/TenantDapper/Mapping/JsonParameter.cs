using System.Data;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace TenantDapper.Mapping;

/// <summary>
/// The value of a <c>json</c> or <c>jsonb</c> column whose property is a class: serialized with System.Text.Json and
/// sent as that PostgreSQL type, so neither Dapper nor Npgsql needs to know the class (no <c>EnableDynamicJson</c>).
/// </summary>
internal sealed class JsonParameter : SqlMapper.ICustomQueryParameter
{
    private readonly string _json;
    private readonly bool _binaryJson;

    public JsonParameter(object value, Type declaredType, string storeType)
    {
        _json = JsonSerializer.Serialize(value, declaredType);
        _binaryJson = JsonColumns.IsBinaryJson(storeType);
    }

    public void AddParameter(IDbCommand command, string name)
    {
        // A command of a TenantDataSource creates its driver's parameters, so the type is set there too.
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = _json;
        if (parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = _binaryJson ? NpgsqlDbType.Jsonb : NpgsqlDbType.Json;
        }

        command.Parameters.Add(parameter);
    }

    /// <inheritdoc />
    public override string ToString() => _json;
}
