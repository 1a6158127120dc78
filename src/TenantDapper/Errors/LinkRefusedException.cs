namespace TenantDapper;

/// <summary>
/// A link was refused because a row it points at is not the current tenant's: it belongs to another tenant or
/// does not exist (the two are not told apart, so that a tenant cannot probe another's keys). Nothing was written.
/// </summary>
public sealed class LinkRefusedException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table the link points into, e.g. <c>projects</c>.</param>
    /// <param name="column">The column of that table the link names, e.g. <c>id</c>.</param>
    /// <param name="value">The value the link names.</param>
    /// <param name="linkTable">The through table the link was to be written to.</param>
    public LinkRefusedException(TableName table, string column, object? value, TableName linkTable)
        : base($"The link into '{linkTable}' was refused and nothing was written: '{table}' has no row with {column} = {value ?? "NULL"} for the current tenant (it belongs to another tenant or does not exist). Link only rows of the current tenant; check the key, or run inside CurrentTenant.Use(thatRowsTenant).")
    {
        Table = table;
        Column = column;
        Value = value;
        LinkTable = linkTable;
    }

    /// <summary>The table the link points into.</summary>
    public TableName Table { get; }

    /// <summary>The column of <see cref="Table"/> the link names.</summary>
    public string Column { get; }

    /// <summary>The value the link names.</summary>
    public object? Value { get; }

    /// <summary>The through table the link was to be written to.</summary>
    public TableName LinkTable { get; }
}
