using Npgsql;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>Runs a compiled, scoped command with Npgsql, binding <c>@p0..</c> and the captured <c>@tenant</c>.</summary>
internal static class ScopedExecution
{
    private static readonly PostgresCompiler Compiler = new();

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IEnumerable<KeyValuePair<string, object?>> parameters, NpgsqlTransaction? transaction = null)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        }

        return command;
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, SqlResult compiled, NpgsqlTransaction? transaction = null) =>
        Command(connection, compiled.Sql, compiled.NamedBindings, transaction);

    /// <summary>Scopes a tree for <paramref name="state"/> and compiles it, as <see cref="QueryFactory"/> does for a query.</summary>
    public static SqlResult Compile(SqlStatement statement, TenantModel model, TenantState? state)
    {
        var scoped = TenantScoping.Scope(statement, model, state);
        return Compiler.Compile(scoped.Release(), scoped.Tenant);
    }

    /// <summary>Scopes and compiles a tree for the ambient tenant, captured now.</summary>
    public static SqlResult CompileForCurrentTenant(SqlStatement statement, TenantModel model) =>
        Compile(statement, model, CurrentTenant.Current);

    /// <summary>Scopes and compiles a tree for the single tenant <paramref name="tenant"/>, as if it were the ambient one.</summary>
    public static SqlResult CompileForCurrentTenantOf(object tenant, SqlStatement statement, TenantModel model)
    {
        using (CurrentTenant.Use(tenant))
        {
            return CompileForCurrentTenant(statement, model);
        }
    }

    /// <summary>Reads every row as text, one string per row.</summary>
    public static async Task<List<string>> ReadRowsAsync(NpgsqlCommand command)
    {
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(RowText(reader));
        }

        return rows;
    }

    /// <summary>The current row as text: values in invariant culture separated by <c>" | "</c>, NULL as <c>∅</c>.</summary>
    public static string RowText(System.Data.Common.DbDataReader reader)
    {
        var values = new string[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return string.Join(" | ", values);
    }
}
