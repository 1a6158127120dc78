namespace TenantDapper;

/// <summary>
/// An entity (or a row of a bulk insert) names a tenant other than the one the write is for, or names
/// none where it must. Nothing was written: a bulk insert is rolled back as a whole.
/// </summary>
public sealed class TenantMismatchException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table written to.</param>
    /// <param name="tenantColumn">The table's tenant column.</param>
    /// <param name="rowIndex">The zero-based index of the refused row in the caller's sequence, or <see langword="null"/> for a single entity.</param>
    /// <param name="expectedTenant">The tenant the write is for, or <see langword="null"/> when none is known.</param>
    /// <param name="actualTenant">The tenant the entity names, or <see langword="null"/> when it names none.</param>
    /// <param name="message">What was refused and what to do instead.</param>
    public TenantMismatchException(TableName table, string tenantColumn, int? rowIndex, object? expectedTenant, object? actualTenant, string message)
        : base(message)
    {
        Table = table;
        TenantColumn = tenantColumn;
        RowIndex = rowIndex;
        ExpectedTenant = expectedTenant;
        ActualTenant = actualTenant;
    }

    /// <summary>The table written to.</summary>
    public TableName Table { get; }

    /// <summary>The table's tenant column.</summary>
    public string TenantColumn { get; }

    /// <summary>The zero-based index of the refused row in the caller's sequence, or <see langword="null"/> for a single entity.</summary>
    public int? RowIndex { get; }

    /// <summary>The tenant the write is for, or <see langword="null"/> when none is known.</summary>
    public object? ExpectedTenant { get; }

    /// <summary>The tenant the entity names, or <see langword="null"/> when it names none.</summary>
    public object? ActualTenant { get; }
}
