namespace TenantDapper.Tests.Sample;

/// <summary>
/// A tenant model's tables re-declared with another default schema, to distribute tables that a test created
/// in its own schema (on Citus, every fixture has one). Keeps the tables and their roles; key type and
/// strictness do not matter to a distribution and are left out.
/// </summary>
public static class ModelInSchema
{
    /// <summary>The tables of <paramref name="model"/>, unqualified names resolving to <paramref name="schema"/>.</summary>
    /// <param name="model">The model the tests scope with.</param>
    /// <param name="schema">The schema the tables live in.</param>
    /// <param name="withReferenceTables">False when another model sharing the schema already made them reference tables.</param>
    public static TenantModel Build(TenantModel model, string schema, bool withReferenceTables = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var builder = new TenantModelBuilder().DefaultSchema(schema);
        foreach (var table in withReferenceTables ? model.ReferenceTables : [])
        {
            builder.ReferenceTable(table.Name);
        }

        foreach (var table in model.TenantTables)
        {
            _ = table.IsRoot ? builder.TenantRoot(table.Name.Name, table.TenantColumn) : builder.TenantTable(table.Name.Name, table.TenantColumn);
        }

        foreach (var table in model.GlobalTables)
        {
            builder.GlobalTable(table.Name);
        }

        return builder.Build();
    }

    /// <summary>The schema unqualified names resolve to on <paramref name="connection"/> (the first on its search path).</summary>
    /// <param name="connection">An open connection.</param>
    public static async Task<string> CurrentSchemaAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand("SELECT current_schema()::text", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
