using System.Text;

namespace TenantDapper.Citus;

/// <summary>
/// What a Citus distribution of a tenant model does, in order: the foreign keys dropped first, the
/// keys re-created with the tenant column, the reference tables, the tenant root and the tables
/// colocated with it (parents first), the foreign keys re-created last; and the problems that
/// stop it. Made by <see cref="DistributionPlanner"/>; written out by <see cref="CitusScriptWriter"/>.
/// </summary>
public sealed class DistributionPlan
{
    internal DistributionPlan(
        TenantModel model,
        bool isFromCatalog,
        IReadOnlyList<TableName> referenceTables,
        IReadOnlyList<DistributedTable> distributedTables,
        IReadOnlyList<CatalogForeignKey> foreignKeysToDrop,
        IReadOnlyList<KeyChange> keyChanges,
        IReadOnlyList<CatalogForeignKey> foreignKeysToCreate,
        IReadOnlyList<DistributionProblem> problems,
        IReadOnlySet<TableName>? completedTables = null,
        IReadOnlyList<IdentityColumn>? identityColumns = null,
        IReadOnlyList<CatalogForeignKey>? foreignKeysInPlace = null)
    {
        Model = model;
        IsFromCatalog = isFromCatalog;
        ReferenceTables = referenceTables;
        DistributedTables = distributedTables;
        ForeignKeysToDrop = foreignKeysToDrop;
        KeyChanges = keyChanges;
        ForeignKeysToCreate = foreignKeysToCreate;
        Problems = problems;
        CompletedTables = completedTables ?? new HashSet<TableName>();
        IdentityColumns = identityColumns ?? [];
        ForeignKeysInPlace = foreignKeysInPlace ?? [];
    }

    /// <summary>The tenant model the plan was made from.</summary>
    public TenantModel Model { get; }

    /// <summary>
    /// Whether the plan was checked against a database catalog. A plan from the model alone
    /// knows no constraints: it can only distribute, and Citus refuses tables whose keys lack the tenant column.
    /// </summary>
    public bool IsFromCatalog { get; }

    /// <summary>The reference tables, parents before the tables that reference them.</summary>
    public IReadOnlyList<TableName> ReferenceTables { get; }

    /// <summary>The tables to distribute: first the one that starts the colocation group (the root), then the others, parents first.</summary>
    public IReadOnlyList<DistributedTable> DistributedTables { get; }

    /// <summary>The foreign keys between the planned tables, dropped before distribution.</summary>
    public IReadOnlyList<CatalogForeignKey> ForeignKeysToDrop { get; }

    /// <summary>The primary keys and unique constraints re-created with the tenant column.</summary>
    public IReadOnlyList<KeyChange> KeyChanges { get; }

    /// <summary>The foreign keys re-created after distribution, with the tenant column on both sides where it was missing.</summary>
    public IReadOnlyList<CatalogForeignKey> ForeignKeysToCreate { get; }

    /// <summary>What the planner cannot fix alone; no script is written while there are any.</summary>
    public IReadOnlyList<DistributionProblem> Problems { get; }

    /// <summary>
    /// The planned tables that Citus already holds as planned (read from the catalog): a distribution script
    /// leaves them as they are and finishes the rest.
    /// </summary>
    public IReadOnlySet<TableName> CompletedTables { get; }

    /// <summary>The foreign keys between tables Citus already holds as planned that need no change: the distribution leaves them, the reverse drops and re-creates them.</summary>
    public IReadOnlyList<CatalogForeignKey> ForeignKeysInPlace { get; }

    /// <summary>The identity columns of the planned tables (the reverse script must take them off and put them back).</summary>
    public IReadOnlyList<IdentityColumn> IdentityColumns { get; }

    /// <summary>Whether the database is already distributed as planned: the distribution script has nothing to do.</summary>
    public bool IsComplete =>
        IsFromCatalog
        && ReferenceTables.All(CompletedTables.Contains)
        && DistributedTables.All(t => CompletedTables.Contains(t.Table))
        && ForeignKeysToDrop.Count == 0
        && KeyChanges.Count == 0
        && ForeignKeysToCreate.Count == 0;

    /// <summary>Whether the plan has no problems, so its scripts can be written.</summary>
    public bool IsReady => Problems.Count == 0;

    /// <summary>The table that starts the colocation group (the tenant root when the model has one).</summary>
    public DistributedTable? ColocationRoot => DistributedTables.Count == 0 ? null : DistributedTables[0];

    /// <summary>Throws when the plan has problems.</summary>
    /// <exception cref="DistributionPlanException">The plan has problems.</exception>
    public void EnsureReady()
    {
        if (!IsReady)
        {
            throw new DistributionPlanException(Problems);
        }
    }

    /// <summary>The plan as text for a person to read (what <c>tenantdapper-citus plan</c> prints).</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("Citus distribution plan (from ")
            .Append(IsFromCatalog ? "the tenant model and the database catalog" : "the tenant model alone: no constraint changes are known")
            .Append(')').Append('\n');
        Section(text, "Reference tables (create_reference_table), parents first", ReferenceTables.Select(t => t + Done(t)));
        Section(
            text,
            ColocationRoot is null ? "Distributed tables" : $"Distributed tables (create_distributed_table), colocated with {ColocationRoot.Table}, parents first",
            DistributedTables.Select(t => (t.ColocateWith is null ? t + " (starts the colocation group)" : t.ToString()) + Done(t.Table)));
        if (IsFromCatalog)
        {
            Section(text, "Foreign keys dropped before distribution", ForeignKeysToDrop.Select(k => k.ToString()));
            Section(text, "Keys re-created with the tenant column (uniqueness becomes per tenant)", KeyChanges.Select(k => k.ToString()));
            Section(text, "Foreign keys re-created after distribution", ForeignKeysToCreate.Select(k => k.ToString()));
        }

        Section(text, "Problems (fix them before a script can be written)", Problems.Select(p => p.ToString()));
        if (IsReady && IsComplete)
        {
            text.Append('\n').Append("Nothing to do: every table is already distributed as planned.").Append('\n');
        }
        else if (IsReady && CompletedTables.Count > 0)
        {
            text.Append('\n')
                .Append("Partly done: the distribution script leaves the tables marked done as they are and finishes the rest. ")
                .Append("If a --concurrently script stopped half-way, run that same script again instead: it re-creates the foreign keys it dropped, which this database no longer shows.")
                .Append('\n');
        }

        return text.ToString();
    }

    private string Done(TableName table) => CompletedTables.Contains(table) ? " (done: already so in Citus)" : string.Empty;

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        text.Append('\n').Append(title).Append(':').Append('\n');
        var any = false;
        foreach (var line in lines)
        {
            text.Append("  ").Append(line).Append('\n');
            any = true;
        }

        if (!any)
        {
            text.Append("  none").Append('\n');
        }
    }
}
