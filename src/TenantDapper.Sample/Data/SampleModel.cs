namespace TenantDapper.Sample.Data;

/// <summary>The tenant model of <c>sql/sample-app/schema.sql</c>: accounts are the tenants.</summary>
public static class SampleModel
{
    /// <summary>The model every statement of the app is scoped by.</summary>
    public static TenantModel Model { get; } = Build(new TenantModelBuilder());

    /// <summary>
    /// The same tables in <paramref name="schema"/> (the schema a database's search path puts first), for distributing
    /// them on a Citus coordinator when the app's tables are not in <c>public</c>.
    /// </summary>
    /// <param name="schema">The schema of the app's tables.</param>
    public static TenantModel In(string schema) => Build(new TenantModelBuilder().DefaultSchema(schema));

    private static TenantModel Build(TenantModelBuilder builder) => builder
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
