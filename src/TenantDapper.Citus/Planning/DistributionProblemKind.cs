namespace TenantDapper.Citus;

/// <summary>What stands in the way of a distribution.</summary>
public enum DistributionProblemKind
{
    /// <summary>A table of the tenant model is not in the database.</summary>
    MissingTable,

    /// <summary>A tenant table has no column of the model's tenant column name.</summary>
    MissingTenantColumn,

    /// <summary>Tenant columns of different types cannot share a colocation group.</summary>
    TenantColumnTypeMismatch,

    /// <summary>A reference table has a foreign key to a distributed table; Citus does not support it.</summary>
    ReferenceTableReferencesDistributedTable,

    /// <summary>A Citus table has a foreign key to a table that stays local; declare that table too.</summary>
    ReferencesLocalTable,

    /// <summary>A local table has a foreign key to a table Citus will distribute or replicate.</summary>
    LocalTableReferencesCitusTable,

    /// <summary>A foreign key between distributed tables pairs the tenant column with another column.</summary>
    MisalignedForeignKey,

    /// <summary>A foreign key action Citus refuses when the tenant column is in the key (e.g. ON DELETE SET NULL).</summary>
    UnsupportedForeignKeyAction,

    /// <summary>A unique index lacks the tenant column and cannot be re-created mechanically.</summary>
    UniqueIndexWithoutTenantColumn,

    /// <summary>A unique key of the root table lacks the root's key column: with it, the key would mean nothing.</summary>
    RootKeyWithoutTenantColumn,

    /// <summary>
    /// A table is already a Citus table, but not as planned: of another kind, distributed by another column or in
    /// another colocation group than the root.
    /// </summary>
    AlreadyPlacedOtherwise,

    /// <summary>A table to distribute has triggers; Citus refuses them unless <c>citus.enable_unsafe_triggers</c> is on.</summary>
    TableHasTriggers,
}
