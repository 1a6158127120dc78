using TenantDapper.Citus;

namespace TenantDapper.Tests.Unit.Citus;

/// <summary>The schemas and models the Citus unit tests plan for.</summary>
internal static class Schemas
{
    /// <summary>A schema written before Citus: keys and foreign keys by id alone.</summary>
    public static SchemaCatalog Legacy { get; } = new TestCatalog()
        .Table("countries", "code text, name text", t => t.PrimaryKey("code"))
        .Table("accounts", "id bigint, name text, country_code text", t => t.PrimaryKey("id").ForeignKey("country_code", "countries", "code"))
        .Table("projects", "account_id bigint, id bigint, name text", t => t.PrimaryKey("id").Unique("name").ForeignKey("account_id", "accounts", "id"))
        .Table("tasks", "account_id bigint, id bigint, project_id bigint", t => t.PrimaryKey("id")
            .ForeignKey("account_id", "accounts", "id")
            .ForeignKey("project_id", "projects", "id", ForeignKeyAction.Cascade))
        .Build();

    /// <summary>The model of <see cref="Legacy"/>, declared children first to show the planner orders parents first.</summary>
    public static TenantModel LegacyModel { get; } = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantTable("tasks", "account_id")
        .TenantTable("projects", "account_id")
        .TenantRoot("accounts", "id")
        .ReferenceTable("countries")
        .Build();
}
