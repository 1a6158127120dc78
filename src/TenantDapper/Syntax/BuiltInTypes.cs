namespace TenantDapper.Syntax;

/// <summary>
/// The types casts and typed literals may name without a declaration: the SQL-standard type keywords (which the
/// grammar maps to pg_catalog), and PostgreSQL 15's pg_catalog base, range, multirange and pseudo types with their
/// arrays (<c>SELECT typname FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace AND typtype IN ('b', 'r',
/// 'm', 'p')</c>, without the row types of catalog tables and their arrays). Any other type may run the application's
/// code when a value is converted: a composite type's cast function, a domain's CHECK, a user base type's input function.
/// </summary>
internal static class BuiltInTypes
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "_aclitem", "_bit", "_bool", "_box", "_bpchar", "_bytea", "_char", "_cid", "_cidr", "_circle",
        "_cstring", "_date", "_datemultirange", "_daterange", "_float4", "_float8", "_gtsvector", "_inet",
        "_int2", "_int2vector", "_int4", "_int4multirange", "_int4range", "_int8", "_int8multirange",
        "_int8range", "_interval", "_json", "_jsonb", "_jsonpath", "_line", "_lseg", "_macaddr", "_macaddr8",
        "_money", "_name", "_numeric", "_nummultirange", "_numrange", "_oid", "_oidvector", "_path", "_pg_lsn",
        "_pg_snapshot", "_point", "_polygon", "_record", "_refcursor", "_regclass", "_regcollation",
        "_regconfig", "_regdictionary", "_regnamespace", "_regoper", "_regoperator", "_regproc",
        "_regprocedure", "_regrole", "_regtype", "_text", "_tid", "_time", "_timestamp", "_timestamptz",
        "_timetz", "_tsmultirange", "_tsquery", "_tsrange", "_tstzmultirange", "_tstzrange", "_tsvector",
        "_txid_snapshot", "_uuid", "_varbit", "_varchar", "_xid", "_xid8", "_xml", "aclitem", "any", "anyarray",
        "anycompatible", "anycompatiblearray", "anycompatiblemultirange", "anycompatiblenonarray",
        "anycompatiblerange", "anyelement", "anyenum", "anymultirange", "anynonarray", "anyrange", "bit",
        "bool", "box", "bpchar", "bytea", "char", "cid", "cidr", "circle", "cstring", "date", "datemultirange",
        "daterange", "event_trigger", "fdw_handler", "float4", "float8", "gtsvector", "index_am_handler",
        "inet", "int2", "int2vector", "int4", "int4multirange", "int4range", "int8", "int8multirange",
        "int8range", "internal", "interval", "json", "jsonb", "jsonpath", "language_handler", "line", "lseg",
        "macaddr", "macaddr8", "money", "name", "numeric", "nummultirange", "numrange", "oid", "oidvector",
        "path", "pg_brin_bloom_summary", "pg_brin_minmax_multi_summary", "pg_ddl_command", "pg_dependencies",
        "pg_lsn", "pg_mcv_list", "pg_ndistinct", "pg_node_tree", "pg_snapshot", "point", "polygon", "record",
        "refcursor", "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper",
        "regoperator", "regproc", "regprocedure", "regrole", "regtype", "table_am_handler", "text", "tid",
        "time", "timestamp", "timestamptz", "timetz", "trigger", "tsm_handler", "tsmultirange", "tsquery",
        "tsrange", "tstzmultirange", "tstzrange", "tsvector", "txid_snapshot", "unknown", "uuid", "varbit",
        "varchar", "void", "xid", "xid8", "xml"
    };

    /// <summary>Whether <paramref name="type"/> is a SQL keyword type or names a pg_catalog type (unqualified, or qualified with pg_catalog).</summary>
    public static bool Contains(TypeName type) =>
        type.IsKeyword || (type.Schema is null || string.Equals(type.Schema, "pg_catalog", StringComparison.Ordinal)) && Names.Contains(type.Name);
}
