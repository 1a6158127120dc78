using Npgsql;
using NpgsqlTypes;

namespace TenantDapper.Citus.Catalog;

/// <summary>
/// Reads a <see cref="SchemaCatalog"/> from <c>pg_catalog</c> in five queries, and on a Citus
/// coordinator also what Citus holds already (<c>pg_dist_partition</c>) and which tables are old
/// shards waiting for Citus's deferred cleanup (<c>pg_dist_cleanup</c>), which are no tables of the user's.
/// </summary>
internal static class SchemaCatalogReader
{
    // The tables a plan may touch: ordinary and partitioned tables of user schemas. Partitions
    // follow their parent in Citus, and tables owned by extensions are not the user's to move.
    private const string TablesSql = """
        SELECT c.oid, n.nspname, c.relname
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND NOT c.relispartition
          AND n.nspname NOT LIKE 'pg\_%'
          AND n.nspname NOT IN ('information_schema', 'citus', 'citus_internal', 'columnar', 'columnar_internal')
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY n.nspname, c.relname
        """;

    // Whether the Citus metadata tables exist: they are read only when they do.
    private const string CitusCatalogSql = """
        SELECT to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL, to_regclass('pg_catalog.pg_dist_cleanup') IS NOT NULL
        """;

    // Shard placements that a shard move, split or create_distributed_table_concurrently left for
    // deferred cleanup (object_type 1) are ordinary tables on this node until Citus drops them.
    private const string CleanupSql = """
        SELECT to_regclass(object_name)::oid FROM pg_dist_cleanup WHERE object_type = 1 AND to_regclass(object_name) IS NOT NULL
        """;

    private const string PlacementSql = """
        SELECT p.logicalrelid::oid, p.partmethod::text, p.repmodel::text,
               CASE WHEN p.partmethod = 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) END, p.colocationid
        FROM pg_dist_partition p
        WHERE p.logicalrelid::oid = ANY($1)
        """;

    private const string ColumnsSql = """
        SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text
        FROM pg_attribute a
        WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """;

    private const string ConstraintsSql = """
        SELECT con.conrelid, con.conname, con.contype,
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
               rn.nspname, rc.relname,
               ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos),
               con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred
        FROM pg_constraint con
        LEFT JOIN pg_class rc ON rc.oid = con.confrelid
        LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE con.conrelid = ANY($1) AND con.contype IN ('p', 'u', 'f') AND con.conparentid = 0
        ORDER BY con.conrelid, CASE con.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 ELSE 2 END, con.conname
        """;

    // Unique indexes that no constraint owns; an expression column reads as NULL.
    private const string UniqueIndexesSql = """
        SELECT i.indrelid, ic.relname,
               ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, pos)
                     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
                     WHERE k.pos <= i.indnkeyatts ORDER BY k.pos),
               i.indpred IS NOT NULL
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = ANY($1) AND i.indisunique
          AND NOT EXISTS (SELECT FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
        ORDER BY i.indrelid, ic.relname
        """;

    private const string TriggersSql = """
        SELECT t.tgrelid, t.tgname
        FROM pg_trigger t
        WHERE t.tgrelid = ANY($1) AND NOT t.tgisinternal
        ORDER BY t.tgrelid, t.tgname
        """;

    public static async Task<SchemaCatalog> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var hasPartitions = false;
        var hasCleanup = false;
        await using (var command = new NpgsqlCommand(CitusCatalogSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                hasPartitions = reader.GetBoolean(0);
                hasCleanup = reader.GetBoolean(1);
            }
        }

        var leftForCleanup = new HashSet<uint>();
        if (hasCleanup)
        {
            await using var command = new NpgsqlCommand(CleanupSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leftForCleanup.Add(reader.GetFieldValue<uint>(0));
            }
        }

        var names = new Dictionary<uint, TableName>();
        await using (var command = new NpgsqlCommand(TablesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var oid = reader.GetFieldValue<uint>(0);
                if (!leftForCleanup.Contains(oid))
                {
                    names.Add(oid, new TableName(reader.GetString(1), reader.GetString(2)));
                }
            }
        }

        var oids = names.Keys.ToArray();
        var placements = new Dictionary<uint, CitusPlacement>();
        if (hasPartitions)
        {
            await using var command = Command(connection, PlacementSql, oids);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var method = reader.GetString(1);
                var kind = method == "h" ? CitusTableKind.Distributed
                    : method == "n" && reader.GetString(2) == "t" ? CitusTableKind.Reference
                    : CitusTableKind.Other;
                placements[reader.GetFieldValue<uint>(0)] = new CitusPlacement(kind, reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4));
            }
        }

        var columns = names.Keys.ToDictionary(oid => oid, _ => new List<CatalogColumn>());
        await using (var command = Command(connection, ColumnsSql, oids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var identity = reader.GetString(4) switch
                {
                    "a" => ColumnIdentity.Always,
                    "d" => ColumnIdentity.ByDefault,
                    _ => ColumnIdentity.None,
                };
                columns[reader.GetFieldValue<uint>(0)].Add(new CatalogColumn(reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), identity));
            }
        }

        var keys = names.Keys.ToDictionary(oid => oid, _ => new List<CatalogKey>());
        var foreignKeys = names.Keys.ToDictionary(oid => oid, _ => new List<CatalogForeignKey>());
        await using (var command = Command(connection, ConstraintsSql, oids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetFieldValue<uint>(0);
                var name = reader.GetString(1);
                var type = reader.GetChar(2);
                var keyColumns = reader.GetFieldValue<string[]>(3);
                if (type != 'f')
                {
                    keys[table].Add(new CatalogKey(name, type == 'p' ? CatalogKeyKind.PrimaryKey : CatalogKeyKind.Unique, keyColumns));
                    continue;
                }

                var referenced = new TableName(reader.GetString(4), reader.GetString(5));
                foreignKeys[table].Add(new CatalogForeignKey(name, names[table], keyColumns, referenced, reader.GetFieldValue<string[]>(6))
                {
                    OnDelete = Action(reader.GetChar(7)),
                    OnUpdate = Action(reader.GetChar(8)),
                    MatchFull = reader.GetChar(9) == 'f',
                    Deferrable = reader.GetBoolean(10),
                    InitiallyDeferred = reader.GetBoolean(11),
                });
            }
        }

        await using (var command = Command(connection, UniqueIndexesSql, oids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetFieldValue<uint>(0);
                keys[table].Add(new CatalogKey(reader.GetString(1), CatalogKeyKind.UniqueIndex, reader.GetFieldValue<string?[]>(2), reader.GetBoolean(3)));
            }
        }

        var triggers = names.Keys.ToDictionary(oid => oid, _ => new List<string>());
        await using (var command = Command(connection, TriggersSql, oids))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                triggers[reader.GetFieldValue<uint>(0)].Add(reader.GetString(1));
            }
        }

        return new SchemaCatalog(names.Select(pair => new CatalogTable(pair.Value, columns[pair.Key], keys[pair.Key], foreignKeys[pair.Key], triggers[pair.Key], placements.GetValueOrDefault(pair.Key))));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, uint[] oids)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = oids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid });
        return command;
    }

    private static ForeignKeyAction Action(char code) => code switch
    {
        'r' => ForeignKeyAction.Restrict,
        'c' => ForeignKeyAction.Cascade,
        'n' => ForeignKeyAction.SetNull,
        'd' => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };
}
