namespace TenantDapper.Tests.Sample;

/// <summary>The sample schema of sql/sample/schema.sql and its tenant model, shared by the tests.</summary>
public static class SampleSchema
{
    /// <summary>The tenant model of the sample schema.</summary>
    public static TenantModel Model { get; } = new TenantModelBuilder()
        .TenantKey<long>()
        .ReferenceTable("countries")
        .TenantRoot("accounts", "id")
        .TenantTable("managers", "account_id")
        .TenantTable("projects", "account_id")
        .TenantTable("tasks", "account_id")
        .TenantTable("project_managers", "account_id")
        .TenantTable("comments", "acc_id")
        .GlobalTable("audit_log")
        .Build();

    /// <summary>The DDL of sql/sample/schema.sql.</summary>
    public static string Sql { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sql", "sample", "schema.sql"));
}
