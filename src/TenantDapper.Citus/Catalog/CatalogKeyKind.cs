namespace TenantDapper.Citus;

/// <summary>What enforces a key's uniqueness.</summary>
public enum CatalogKeyKind
{
    /// <summary>A PRIMARY KEY constraint.</summary>
    PrimaryKey,

    /// <summary>A UNIQUE constraint.</summary>
    Unique,

    /// <summary>A unique index that no constraint owns (<c>CREATE UNIQUE INDEX</c>).</summary>
    UniqueIndex,
}
