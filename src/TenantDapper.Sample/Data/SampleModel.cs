namespace TenantDapper.Sample.Data;

/// <summary>The tenant model of <c>sql/sample-app/schema.sql</c>: accounts are the tenants.</summary>
public static class SampleModel
{
    /// <summary>The model every statement of the app is scoped by.</summary>
    public static TenantModel Model { get; } = new TenantModelBuilder()
        .TenantKey<long>()
        .ReferenceTable("users")
        .ReferenceTable("countries")
        .TenantRoot("accounts", "id")
        .TenantTable("managers", "account_id")
        .TenantTable("projects", "account_id")
        .TenantTable("project_managers", "account_id")
        .TenantTable("tasks", "account_id")
        .Strict()
        .Build();
}
