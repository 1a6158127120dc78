using System.Collections.Frozen;

namespace TenantDapper.Tenancy;

/// <summary>
/// PostgreSQL's own relations (in <c>pg_catalog</c>, <c>information_schema</c> and the other <c>pg_*</c> schemas), which
/// no tenant predicate can scope: many of them expose every tenant's data or activity, e.g. <c>pg_stats</c> (a column's
/// most common values and histogram: real values of every tenant's rows), <c>pg_statistic</c>, <c>pg_statistic_ext_data</c>,
/// <c>pg_stat_*</c> and <c>pg_statio_*</c> and <c>pg_class.reltuples</c> (every tenant's row counts and activity),
/// <c>pg_stat_activity</c> (other sessions' statements, with their literals), <c>pg_locks</c>, <c>pg_prepared_xacts</c>,
/// <c>pg_largeobject</c>, <c>pg_sequences</c> (last values), the role and user-mapping views. Only relations that
/// describe the schema and hold nothing of any tenant's rows are read without a declaration (<see cref="IsMetadataOnly"/>).
/// </summary>
/// <remarks>
/// PostgreSQL searches <c>pg_catalog</c> before the schemas of <c>search_path</c> (unless the path names it later), so an
/// unqualified <c>pg_stats</c> is the catalog's even when the application has a table of that name; an unqualified name
/// beginning with <c>pg_</c> that this PostgreSQL 15 list does not know (a later version's view) is treated the same way
/// unless the model declares it.
/// </remarks>
internal static class CatalogRelations
{
    private const string Catalog = "pg_catalog";
    private const string InformationSchema = "information_schema";

    /// <summary>PostgreSQL 15's relations in pg_catalog (<c>SELECT relname FROM pg_class WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind IN ('r','v','m','f','p')</c>).</summary>
    private static readonly FrozenSet<string> CatalogNames = new[]
    {
        "pg_aggregate", "pg_am", "pg_amop", "pg_amproc", "pg_attrdef", "pg_attribute", "pg_auth_members", "pg_authid",
        "pg_available_extension_versions", "pg_available_extensions", "pg_backend_memory_contexts", "pg_cast", "pg_class",
        "pg_collation", "pg_config", "pg_constraint", "pg_conversion", "pg_cursors", "pg_database", "pg_db_role_setting",
        "pg_default_acl", "pg_depend", "pg_description", "pg_enum", "pg_event_trigger", "pg_extension", "pg_file_settings",
        "pg_foreign_data_wrapper", "pg_foreign_server", "pg_foreign_table", "pg_group", "pg_hba_file_rules",
        "pg_ident_file_mappings", "pg_index", "pg_indexes", "pg_inherits", "pg_init_privs", "pg_language", "pg_largeobject",
        "pg_largeobject_metadata", "pg_locks", "pg_matviews", "pg_namespace", "pg_opclass", "pg_operator", "pg_opfamily",
        "pg_parameter_acl", "pg_partitioned_table", "pg_policies", "pg_policy", "pg_prepared_statements", "pg_prepared_xacts",
        "pg_proc", "pg_publication", "pg_publication_namespace", "pg_publication_rel", "pg_publication_tables", "pg_range",
        "pg_replication_origin", "pg_replication_origin_status", "pg_replication_slots", "pg_rewrite", "pg_roles", "pg_rules",
        "pg_seclabel", "pg_seclabels", "pg_sequence", "pg_sequences", "pg_settings", "pg_shadow", "pg_shdepend",
        "pg_shdescription", "pg_shmem_allocations", "pg_shseclabel", "pg_stat_activity", "pg_stat_all_indexes",
        "pg_stat_all_tables", "pg_stat_archiver", "pg_stat_bgwriter", "pg_stat_database", "pg_stat_database_conflicts",
        "pg_stat_gssapi", "pg_stat_progress_analyze", "pg_stat_progress_basebackup", "pg_stat_progress_cluster",
        "pg_stat_progress_copy", "pg_stat_progress_create_index", "pg_stat_progress_vacuum", "pg_stat_recovery_prefetch",
        "pg_stat_replication", "pg_stat_replication_slots", "pg_stat_slru", "pg_stat_ssl", "pg_stat_subscription",
        "pg_stat_subscription_stats", "pg_stat_sys_indexes", "pg_stat_sys_tables", "pg_stat_user_functions",
        "pg_stat_user_indexes", "pg_stat_user_tables", "pg_stat_wal", "pg_stat_wal_receiver", "pg_stat_xact_all_tables",
        "pg_stat_xact_sys_tables", "pg_stat_xact_user_functions", "pg_stat_xact_user_tables", "pg_statio_all_indexes",
        "pg_statio_all_sequences", "pg_statio_all_tables", "pg_statio_sys_indexes", "pg_statio_sys_sequences",
        "pg_statio_sys_tables", "pg_statio_user_indexes", "pg_statio_user_sequences", "pg_statio_user_tables", "pg_statistic",
        "pg_statistic_ext", "pg_statistic_ext_data", "pg_stats", "pg_stats_ext", "pg_stats_ext_exprs", "pg_subscription",
        "pg_subscription_rel", "pg_tables", "pg_tablespace", "pg_timezone_abbrevs", "pg_timezone_names", "pg_transform",
        "pg_trigger", "pg_ts_config", "pg_ts_config_map", "pg_ts_dict", "pg_ts_parser", "pg_ts_template", "pg_type", "pg_user",
        "pg_user_mapping", "pg_user_mappings", "pg_views",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Catalog relations that describe the schema (types, columns, constraints, indexes, functions, definitions) and hold
    /// no tenant's values, counts or sessions. <c>pg_class</c> is not one (its <c>reltuples</c> counts every tenant's rows).
    /// </summary>
    private static readonly FrozenSet<string> MetadataOnlyCatalog = new[]
    {
        "pg_aggregate", "pg_am", "pg_amop", "pg_amproc", "pg_attrdef", "pg_attribute", "pg_cast", "pg_collation",
        "pg_constraint", "pg_conversion", "pg_depend", "pg_description", "pg_enum", "pg_extension", "pg_index", "pg_indexes",
        "pg_inherits", "pg_language", "pg_matviews", "pg_namespace", "pg_opclass", "pg_operator", "pg_opfamily",
        "pg_partitioned_table", "pg_policies", "pg_policy", "pg_proc", "pg_range", "pg_rewrite", "pg_rules", "pg_tables",
        "pg_timezone_abbrevs", "pg_timezone_names", "pg_trigger", "pg_ts_config", "pg_ts_config_map", "pg_ts_dict",
        "pg_ts_parser", "pg_ts_template", "pg_type", "pg_views",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>information_schema views about the schema only (not roles, grants, user mappings or server options).</summary>
    private static readonly FrozenSet<string> MetadataOnlyInformationSchema = new[]
    {
        "attributes", "character_sets", "check_constraints", "collation_character_set_applicability", "collations",
        "column_domain_usage", "column_udt_usage", "columns", "constraint_column_usage", "constraint_table_usage",
        "domain_constraints", "domain_udt_usage", "domains", "element_types", "information_schema_catalog_name",
        "key_column_usage", "parameters", "referential_constraints", "routines", "schemata", "sequences", "sql_features",
        "sql_implementation_info", "sql_parts", "sql_sizing", "table_constraints", "tables", "triggered_update_columns",
        "triggers", "user_defined_types", "view_column_usage", "view_routine_usage", "view_table_usage", "views",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The catalog relation <paramref name="table"/> names, qualified by its schema, or <see langword="null"/> when it names
    /// an application's relation. Schemas compare ignoring case (conservative: a quoted <c>"PG_CATALOG"</c> is refused too).
    /// </summary>
    /// <param name="table">The name as the statement writes it.</param>
    /// <param name="model">The model, which may declare an unqualified <c>pg_</c> name PostgreSQL 15 does not have.</param>
    public static TableName? Resolve(TableName table, TenantModel model)
    {
        if (table.Schema is { } schema)
        {
            return schema.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || schema.Equals(InformationSchema, StringComparison.OrdinalIgnoreCase)
                ? new TableName(schema.ToLowerInvariant(), table.Name)
                : null;
        }

        // pg_catalog comes first on the search path: its relations win over the application's of the same name.
        if (CatalogNames.Contains(table.Name)
            || (table.Name.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) && !model.Declares(table)))
        {
            return new TableName(Catalog, table.Name);
        }

        return null;
    }

    /// <summary>Whether the catalog relation <paramref name="catalog"/> (from <see cref="Resolve"/>) describes the schema only.</summary>
    public static bool IsMetadataOnly(TableName catalog) => catalog.Schema switch
    {
        Catalog => MetadataOnlyCatalog.Contains(catalog.Name),
        InformationSchema => MetadataOnlyInformationSchema.Contains(catalog.Name),
        _ => false,
    };
}
