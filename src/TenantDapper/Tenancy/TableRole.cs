namespace TenantDapper;

/// <summary>What a table is to the tenant model.</summary>
public enum TableRole
{
    /// <summary>Not registered: its rows are shared by every tenant and it is never scoped.</summary>
    Global,

    /// <summary>A reference table (on Citus, copied to every node): shared by every tenant, never scoped.</summary>
    Reference,

    /// <summary>A tenant table: every statement that touches it is scoped by its tenant column.</summary>
    Tenant,
}
