namespace TenantDapper.Citus;

/// <summary>What a foreign key does when the referenced row is deleted or its key updated.</summary>
public enum ForeignKeyAction
{
    /// <summary><c>NO ACTION</c> (the default).</summary>
    NoAction,

    /// <summary><c>RESTRICT</c>.</summary>
    Restrict,

    /// <summary><c>CASCADE</c>.</summary>
    Cascade,

    /// <summary><c>SET NULL</c>.</summary>
    SetNull,

    /// <summary><c>SET DEFAULT</c>.</summary>
    SetDefault,
}
