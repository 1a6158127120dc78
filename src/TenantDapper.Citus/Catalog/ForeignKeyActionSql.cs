namespace TenantDapper.Citus.Catalog;

/// <summary>The SQL words of a <see cref="ForeignKeyAction"/>.</summary>
internal static class ForeignKeyActionSql
{
    public static string ToSql(this ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.SetNull => "SET NULL",
        ForeignKeyAction.SetDefault => "SET DEFAULT",
        ForeignKeyAction.Cascade => "CASCADE",
        ForeignKeyAction.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };
}
