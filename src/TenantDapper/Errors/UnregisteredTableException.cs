namespace TenantDapper;

/// <summary>A strict tenant model met a table it does not know; nothing was sent to the database.</summary>
public sealed class UnregisteredTableException : TenantDapperException
{
    /// <summary>Creates the exception for <paramref name="table"/>.</summary>
    /// <param name="table">The table that is not registered.</param>
    public UnregisteredTableException(TableName table)
        : base($"Table '{table}' is not registered in the strict tenant model. Declare it with TenantTable(...), ReferenceTable(...) or GlobalTable(...).")
    {
        Table = table;
    }

    /// <summary>The table that is not registered.</summary>
    public TableName Table { get; }
}
