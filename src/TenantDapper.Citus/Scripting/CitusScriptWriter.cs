using System.Globalization;
using System.Text;
using TenantDapper.Citus.Catalog;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Citus;

/// <summary>
/// Writes the scripts of a <see cref="DistributionPlan"/> that a DBA runs with psql on the Citus
/// coordinator: the distribution, its reverse, and a verification that fails loudly. Refuses a
/// plan with problems.
/// </summary>
public sealed class CitusScriptWriter
{
    private const string SequentialMode = "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'";

    /// <summary>Creates a writer.</summary>
    /// <param name="options">How to distribute; the defaults run everything in one transaction.</param>
    /// <exception cref="ArgumentOutOfRangeException">The shard count is outside 1..64000.</exception>
    public CitusScriptWriter(CitusScriptOptions? options = null)
    {
        Options = options ?? new CitusScriptOptions();
        if (Options.ShardCount is < 1 or > CitusScriptOptions.MaxShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.ShardCount, $"A shard count is between 1 and {CitusScriptOptions.MaxShardCount}.");
        }

        if (Options.LockTimeout < TimeSpan.Zero || Options.LockTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.LockTimeout, "A lock timeout is zero (no limit) or positive, and at most int.MaxValue milliseconds (PostgreSQL's limit).");
        }
    }

    /// <summary>The options scripts are written with.</summary>
    public CitusScriptOptions Options { get; }

    /// <summary>Writes the distribution script.</summary>
    /// <param name="plan">A plan without problems.</param>
    /// <exception cref="DistributionPlanException">The plan has problems.</exception>
    public string WriteDistribution(DistributionPlan plan) => Render(DistributionLines(plan));

    /// <summary>Writes the reverse script: <c>undistribute_table</c> for every planned table, children first.</summary>
    /// <param name="plan">A plan without problems.</param>
    /// <exception cref="DistributionPlanException">The plan has problems.</exception>
    public string WriteUndistribution(DistributionPlan plan) => Render(UndistributionLines(plan));

    /// <summary>
    /// Writes the verification script: it checks through <c>pg_dist_partition</c> that every
    /// reference table is one and every tenant table is distributed by its tenant column in the
    /// root's colocation group, and raises an error naming each table that is not.
    /// </summary>
    /// <param name="plan">A plan without problems.</param>
    /// <exception cref="DistributionPlanException">The plan has problems.</exception>
    public string WriteVerification(DistributionPlan plan) => Render(VerificationLines(plan));

    internal List<ScriptLine> DistributionLines(DistributionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.EnsureReady();
        var lines = new List<ScriptLine>();
        Header(lines, plan, "Citus distribution script", "distribute.sql");
        if (plan.IsComplete)
        {
            Comment(lines, "Nothing to do: every table is already distributed as planned (read from the catalog).");
            return lines;
        }

        if (plan.IsFromCatalog)
        {
            Comment(lines, "Foreign keys between these tables are dropped first and re-created after distribution;");
            Comment(lines, "keys that lacked the tenant column are re-created with it, so they hold per tenant.");
            if (plan.CompletedTables.Count > 0)
            {
                Comment(lines, $"Already distributed as planned, left as they are: {string.Join(", ", plan.CompletedTables.Select(t => t.ToString()).Order(StringComparer.Ordinal))}.");
            }
        }
        else
        {
            Comment(lines, "Planned from the tenant model alone: this script only distributes tables. Keys and foreign");
            Comment(lines, "keys were not checked, and Citus refuses a primary key, unique key or foreign key between");
            Comment(lines, "distributed tables without the tenant column. Generate it with a database connection");
            Comment(lines, "(tenantdapper-citus script distribute --connection ...) to plan those changes too.");
        }

        Comment(lines, "Safe to run again: a foreign key is dropped only if it exists, and a table Citus already holds is skipped.");
        if (Options.TruncateLocalData)
        {
            Comment(lines, "truncate_local_data_after_distributing_table empties the coordinator's old local copy of each table's");
            Comment(lines, "rows once they are in the shards (the distributed rows are untouched; undistribute.sql copies them back).");
        }
        else
        {
            Comment(lines, "Distributing copies each table's rows into the shards and leaves the old rows on the coordinator's disk,");
            Comment(lines, "invisible to queries. To free that space, generate the script with --truncate-local-data, which adds");
            Comment(lines, "SELECT truncate_local_data_after_distributing_table(...) after each table (the distributed rows are");
            Comment(lines, "untouched; undistribute.sql copies them back from the shards).");
        }

        if (Options.Concurrently)
        {
            Comment(lines, "create_distributed_table_concurrently does not block writes but cannot run inside a transaction block:");
            Comment(lines, "the script runs in parts, and each table's foreign keys are re-created right after it is distributed.");
            Comment(lines, "If it stops, fix the cause and run this same file again from the top: part 1 drops the foreign keys");
            Comment(lines, "that exist, tables Citus already distributes are skipped, and every foreign key is re-created. Do not");
            Comment(lines, "regenerate it from the half-done database: only this file knows the foreign keys it dropped.");
            Comment(lines, "Run it when no one else changes the schema. It needs wal_level = logical, citus.shard_replication_factor 1,");
            Comment(lines, "the coordinator in the metadata (SELECT citus_set_coordinator_host(...)) and, on PostgreSQL 15.20 and");
            Comment(lines, "later minor versions, citus in output_plugin_libraries (tenantdapper-citus checks what it can see).");
            Comment(lines, "Do not run DDL (ALTER, DROP, CREATE INDEX, another schema's DROP ... CASCADE) beside it: such a statement can");
            Comment(lines, "wait on a lock the distribution holds while the distribution waits for that statement's transaction, a");
            Comment(lines, "deadlock PostgreSQL does not detect. " + (Options.LockTimeout > TimeSpan.Zero
                ? "lock_timeout below makes the script stop with an error instead (55P03); run it again."
                : "lock_timeout is off (generated with a lock timeout of 0): such a wait hangs until one side is cancelled."));
            lines.Add(Blank);
            lines.Add(new ScriptLine(ScriptLineKind.Setting, $"SET lock_timeout = '{LockTimeoutText(Options.LockTimeout)}'"));
        }

        var prepare = new List<ScriptLine>();
        Section(prepare, "Drop the foreign keys between the tables to distribute (re-created after them)", plan.ForeignKeysToDrop.Select(DropForeignKey));
        Section(prepare, "Re-create keys with the tenant column first, as Citus requires", plan.KeyChanges.Select(ReplaceKey));
        var references = plan.ReferenceTables.Where(t => !plan.CompletedTables.Contains(t)).ToList();
        Section(prepare, "Reference tables, copied to every node", references.SelectMany(t => Place(t, Call($"SELECT create_reference_table({SqlText.RegClass(t)})"), reference: true)));
        var toDistribute = plan.DistributedTables.Where(t => !plan.CompletedTables.Contains(t.Table)).ToList();
        if (!Options.Concurrently)
        {
            var distribute = new List<ScriptLine>();
            if (toDistribute.Count > 0 && toDistribute[0].ColocateWith is null)
            {
                Section(distribute, "The tenant root starts the colocation group", Distribute(toDistribute[0]));
                toDistribute = toDistribute.Skip(1).ToList();
            }

            Section(distribute, "Tenant tables colocated with the root, parents first", toDistribute.SelectMany(Distribute));
            var finish = new List<ScriptLine>();
            Section(finish, "Re-create the foreign keys, with the tenant column on both sides", plan.ForeignKeysToCreate.Select(CreateForeignKey));
            Transaction(lines, null, [.. prepare, .. distribute, .. finish]);
            return lines;
        }

        // Concurrently: a foreign key is re-created as soon as both its tables are placed, so that a stop
        // in part 2 leaves dropped only the keys of tables not yet distributed (and a re-run restores them).
        var placed = new HashSet<TableName>(plan.CompletedTables);
        placed.UnionWith(plan.ReferenceTables);
        var pending = plan.ForeignKeysToCreate.ToList();
        List<ScriptLine> Ready()
        {
            var ready = pending.Where(k => placed.Contains(k.Table) && placed.Contains(k.ReferencedTable)).ToList();
            pending.RemoveAll(ready.Contains);
            return [.. ready.Select(CreateForeignKey)];
        }

        Section(prepare, "Foreign keys between reference tables", Ready());
        Transaction(lines, "Part 1, one transaction: constraints and reference tables", prepare);
        if (toDistribute.Count > 0)
        {
            lines.Add(Blank);
            Comment(lines, "Part 2, outside any transaction block: each table, then its foreign keys to the tables placed so far");
            foreach (var table in toDistribute)
            {
                lines.Add(Blank);
                lines.AddRange(Distribute(table));
                placed.Add(table.Table);
                lines.AddRange(Ready());
            }
        }

        Transaction(lines, "Part 3, one transaction: the remaining foreign keys", pending.Select(CreateForeignKey).ToList());
        lines.Add(Blank);
        lines.Add(new ScriptLine(ScriptLineKind.Setting, "RESET lock_timeout"));
        return lines;
    }

    // PostgreSQL reads a unit-less lock_timeout as milliseconds; whole seconds are written as such, for the reader.
    private static string LockTimeoutText(TimeSpan timeout)
    {
        var milliseconds = (long)timeout.TotalMilliseconds;
        return milliseconds % 1000 == 0
            ? (milliseconds / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    internal List<ScriptLine> UndistributionLines(DistributionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.EnsureReady();
        var lines = new List<ScriptLine>();
        Header(lines, plan, "Citus reverse script", "undistribute.sql");
        Comment(lines, "Turns every table of distribute.sql back into a local table on the coordinator");
        Comment(lines, "(undistribute_table copies the rows back). Keys keep their tenant column.");
        Comment(lines, "Safe to run again: a table that is no Citus table any more is skipped.");
        if (!plan.IsFromCatalog)
        {
            Comment(lines, "Planned from the tenant model alone: foreign keys and identity columns were not read, and");
            Comment(lines, "undistribute_table refuses a table with either. Generate it with a database connection to handle them.");
        }

        var foreignKeys = plan.ForeignKeysToCreate.Concat(plan.ForeignKeysInPlace).ToList();
        var body = new List<ScriptLine>();
        Section(body, "Drop the foreign keys between the distributed tables (undistribute_table refuses them)", foreignKeys.Select(DropForeignKey));
        if (plan.IdentityColumns.Count > 0)
        {
            // Citus refuses both undistribute_table on a table with an identity column and a propagated
            // DROP IDENTITY; on the coordinator's own table (the one undistribute_table copies) it is allowed.
            var off = new List<ScriptLine> { new(ScriptLineKind.Setting, "SET LOCAL citus.enable_ddl_propagation TO off") };
            off.AddRange(plan.IdentityColumns.Select(c => new ScriptLine(ScriptLineKind.ConstraintChange, $"ALTER TABLE {SqlText.Table(c.Table)} ALTER COLUMN {SqlText.Identifier(c.Column)} DROP IDENTITY IF EXISTS")));
            off.Add(new(ScriptLineKind.Setting, "SET LOCAL citus.enable_ddl_propagation TO on"));
            Section(body, "Identity columns: taken off the coordinator's table only (undistribute_table refuses them), put back below", off);
        }

        Section(body, "Tenant tables, children first, then the root", plan.DistributedTables.Reverse().Select(t => Undistribute(t.Table)));
        Section(body, "Reference tables", plan.ReferenceTables.Reverse().Select(Undistribute));
        Section(body, "Identity columns back, each continuing after the largest value in its table", plan.IdentityColumns.SelectMany(RestoreIdentity));
        Section(body, "Re-create the foreign keys", foreignKeys.Select(CreateForeignKey));
        Transaction(lines, null, body);
        return lines;
    }

    internal List<ScriptLine> VerificationLines(DistributionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.EnsureReady();
        var lines = new List<ScriptLine>();
        Header(lines, plan, "Citus verification script", "verify.sql");
        Comment(lines, "Checks through pg_dist_partition that every reference table is one and every tenant table is");
        Comment(lines, "distributed by its tenant column in the colocation group of the root. Raises an error naming");
        Comment(lines, "each table that is not, so psql -v ON_ERROR_STOP=1 exits non-zero.");
        lines.Add(Blank);
        var expected = plan.ReferenceTables.Select(t => (Table: t, Column: (string?)null))
            .Concat(plan.DistributedTables.Select(t => (t.Table, Column: (string?)t.DistributionColumn)))
            .Select((e, i) => $"            ({(i + 1).ToString(CultureInfo.InvariantCulture)}, {SqlText.TableLiteral(e.Table)}, {SqlText.RegClass(e.Table)}, {(e.Column is null ? "NULL" : SqlText.ColumnLiteral(e.Column))})")
            .ToList();
        var root = plan.ColocationRoot;
        var rootRegClass = root is null ? "NULL" : SqlText.RegClass(root.Table);
        var rootName = root is null ? "''" : SqlText.TableLiteral(root.Table);
        var body = new StringBuilder();
        body.Append("DECLARE\n")
            .Append("    failures text[];\n")
            .Append("BEGIN\n")
            .Append("    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN\n")
            .Append("        RAISE EXCEPTION 'TenantDapper verification failed: the citus extension is not installed in database %', current_database()\n")
            .Append("            USING HINT = 'Run this script on the Citus coordinator, in the database that holds the tables.';\n")
            .Append("    END IF;\n\n")
            .Append("    SELECT array_agg(failure ORDER BY position) INTO failures\n")
            .Append("    FROM (\n")
            .Append("        SELECT e.position, CASE\n")
            .Append("            WHEN to_regclass(e.regclass) IS NULL THEN e.name || ' does not exist'\n")
            .Append("            WHEN p.logicalrelid IS NULL THEN e.name || ' is not a Citus table'\n")
            .Append("            WHEN e.distribution_column IS NULL AND NOT (p.partmethod = 'n' AND p.repmodel = 't') THEN e.name || ' is not a reference table'\n")
            .Append("            WHEN e.distribution_column IS NULL THEN NULL\n")
            .Append("            WHEN p.partmethod <> 'h' THEN e.name || ' is not hash-distributed'\n")
            .Append("            WHEN column_to_column_name(p.logicalrelid, p.partkey) IS DISTINCT FROM e.distribution_column\n")
            .Append("                THEN e.name || ' is distributed by ' || coalesce(column_to_column_name(p.logicalrelid, p.partkey), 'no column') || ', not by ' || e.distribution_column\n")
            .Append("            WHEN root.colocationid IS NULL OR p.colocationid <> root.colocationid THEN e.name || ' is not colocated with ' || ").Append(rootName).Append('\n')
            .Append("        END AS failure\n")
            .Append("        FROM (VALUES\n")
            .Append(string.Join(",\n", expected)).Append('\n')
            .Append("        ) AS e(position, name, regclass, distribution_column)\n")
            .Append("        LEFT JOIN pg_dist_partition p ON p.logicalrelid = to_regclass(e.regclass)\n")
            .Append("        LEFT JOIN pg_dist_partition root ON root.logicalrelid = to_regclass(").Append(rootRegClass).Append(")\n")
            .Append("    ) AS checks\n")
            .Append("    WHERE failure IS NOT NULL;\n\n")
            .Append("    IF failures IS NOT NULL THEN\n")
            .Append("        RAISE EXCEPTION 'TenantDapper verification failed: %', array_to_string(failures, '; ')\n")
            .Append("            USING HINT = 'Run distribute.sql on this coordinator, or fix the tables named above.';\n")
            .Append("    END IF;\n")
            .Append("    RAISE NOTICE 'TenantDapper verification passed: ").Append(expected.Count.ToString(CultureInfo.InvariantCulture)).Append(" tables distributed as planned';\n")
            .Append("END");
        lines.Add(new ScriptLine(ScriptLineKind.Check, "DO " + SqlText.DollarQuoted("verify", body.ToString())));
        return lines;
    }

    private static readonly ScriptLine Blank = new(ScriptLineKind.Blank, string.Empty);

    private static string Render(List<ScriptLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Render()).Append('\n');
        }

        return text.ToString();
    }

    private void Header(List<ScriptLine> lines, DistributionPlan plan, string title, string file)
    {
        Comment(lines, $"{title} generated by TenantDapper (tenantdapper-citus). Do not edit: regenerate it.");
        Comment(lines, $"Run it on the Citus coordinator: psql -v ON_ERROR_STOP=1 -f {file}");
        Comment(lines, "(the citus extension must be installed in this database on the coordinator and every worker).");
        var root = plan.ColocationRoot;
        var summary = root is null
            ? "No tenant tables"
            : $"Tenant root {root.Table} by {root.DistributionColumn}; {Count(plan.DistributedTables.Count - 1, "table")} colocated with it";
        Comment(lines, $"{summary}; {Count(plan.ReferenceTables.Count, "reference table")}.");
        if (Options.ShardCount is { } shards)
        {
            Comment(lines, $"Shard count: {shards.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void Transaction(List<ScriptLine> lines, string? title, List<ScriptLine> body)
    {
        if (body.Count == 0)
        {
            return;
        }

        lines.Add(Blank);
        if (title is not null)
        {
            Comment(lines, title);
        }

        lines.Add(new ScriptLine(ScriptLineKind.TransactionControl, "BEGIN"));
        Comment(lines, "Sequential mode: foreign keys to reference tables touched in the same transaction need it.");
        lines.Add(new ScriptLine(ScriptLineKind.Setting, SequentialMode));
        lines.AddRange(body);
        lines.Add(Blank);
        lines.Add(new ScriptLine(ScriptLineKind.TransactionControl, "COMMIT"));
    }

    private static void Section(List<ScriptLine> lines, string title, IEnumerable<ScriptLine> statements)
    {
        var list = statements.ToList();
        if (list.Count == 0)
        {
            return;
        }

        lines.Add(Blank);
        Comment(lines, title);
        lines.AddRange(list);
    }

    private static void Comment(List<ScriptLine> lines, string text) => lines.Add(new ScriptLine(ScriptLineKind.Comment, text));

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private static ScriptLine Call(string sql) => new(ScriptLineKind.CitusCall, sql);

    private static string IsCitusTable(TableName table, string kind) =>
        $"EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = {SqlText.RegClass(table)}::regclass{kind})";

    // A Citus call guarded by what Citus already holds, then (when asked) the truncation of the local copy.
    private List<ScriptLine> Place(TableName table, ScriptLine call, bool reference)
    {
        var kind = reference ? " AND partmethod = 'n' AND repmodel = 't'" : " AND partmethod = 'h'";
        var lines = new List<ScriptLine> { call with { Text = call.Text + "\n    WHERE NOT " + IsCitusTable(table, kind) } };
        if (Options.TruncateLocalData)
        {
            lines.Add(Call($"SELECT truncate_local_data_after_distributing_table({SqlText.RegClass(table)})"));
        }

        return lines;
    }

    private static ScriptLine Undistribute(TableName table) =>
        Call($"SELECT undistribute_table({SqlText.RegClass(table)})\n    WHERE {IsCitusTable(table, string.Empty)}");

    private static IEnumerable<ScriptLine> RestoreIdentity(IdentityColumn column)
    {
        var table = SqlText.Table(column.Table);
        var name = SqlText.Identifier(column.Column);
        var kind = column.Identity == ColumnIdentity.Always ? "ALWAYS" : "BY DEFAULT";
        yield return new(ScriptLineKind.ConstraintChange, $"ALTER TABLE {table} ALTER COLUMN {name} ADD GENERATED {kind} AS IDENTITY");
        yield return Call($"SELECT setval(pg_get_serial_sequence({SqlText.RegClass(column.Table)}, {SqlText.ColumnLiteral(column.Column)}), coalesce(max({name}), 0) + 1, false) FROM {table}");
    }

    private List<ScriptLine> Distribute(DistributedTable table)
    {
        var function = Options.Concurrently ? "create_distributed_table_concurrently" : "create_distributed_table";
        var sql = new StringBuilder()
            .Append("SELECT ").Append(function).Append('(')
            .Append(SqlText.RegClass(table.Table)).Append(", ")
            .Append(SqlText.ColumnLiteral(table.DistributionColumn));
        if (table.ColocateWith is { } with)
        {
            sql.Append(", colocate_with => ").Append(SqlText.RegClass(with));
        }
        else
        {
            // Citus accepts shard_count only when the table starts (or joins by default) a colocation group.
            sql.Append(", colocate_with => 'none'");
            if (Options.ShardCount is { } shards)
            {
                sql.Append(", shard_count => ").Append(shards.ToString(CultureInfo.InvariantCulture));
            }
        }

        return Place(table.Table, Call(sql.Append(')').ToString()), reference: false);
    }

    private static ScriptLine DropForeignKey(CatalogForeignKey key) =>
        new(ScriptLineKind.ConstraintChange, $"ALTER TABLE {SqlText.Table(key.Table)} DROP CONSTRAINT IF EXISTS {SqlText.Identifier(key.Name)}");

    private static ScriptLine ReplaceKey(KeyChange change)
    {
        var kind = change.Key.Kind == CatalogKeyKind.PrimaryKey ? "PRIMARY KEY" : "UNIQUE";
        var name = SqlText.Identifier(change.Key.Name);
        return new(
            ScriptLineKind.ConstraintChange,
            $"ALTER TABLE {SqlText.Table(change.Table)} DROP CONSTRAINT {name}, ADD CONSTRAINT {name} {kind} ({SqlText.Columns(change.NewColumns)})");
    }

    private static ScriptLine CreateForeignKey(CatalogForeignKey key)
    {
        var sql = new StringBuilder()
            .Append("ALTER TABLE ").Append(SqlText.Table(key.Table))
            .Append(" ADD CONSTRAINT ").Append(SqlText.Identifier(key.Name))
            .Append(" FOREIGN KEY (").Append(SqlText.Columns(key.Columns)).Append(')')
            .Append(" REFERENCES ").Append(SqlText.Table(key.ReferencedTable))
            .Append(" (").Append(SqlText.Columns(key.ReferencedColumns)).Append(')');
        if (key.MatchFull)
        {
            sql.Append(" MATCH FULL");
        }

        if (key.OnDelete != ForeignKeyAction.NoAction)
        {
            sql.Append(" ON DELETE ").Append(key.OnDelete.ToSql());
        }

        if (key.OnUpdate != ForeignKeyAction.NoAction)
        {
            sql.Append(" ON UPDATE ").Append(key.OnUpdate.ToSql());
        }

        if (key.Deferrable)
        {
            sql.Append(key.InitiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
        }

        return new(ScriptLineKind.ConstraintChange, sql.ToString());
    }
}
