namespace TenantDapper;

/// <summary>
/// Names the table (and column) a key property of a link class points at, so that
/// <see cref="LinkSet{TThrough}.Add(TThrough)"/> can check that the row it links to belongs to the current
/// tenant: <c>[Key, LinkTarget("projects")] public long ProjectId { get; set; }</c>. Without it, a key column
/// named <c>x_id</c> points at the model's tenant or reference table <c>xs</c>, <c>xes</c> or <c>x</c> (whichever
/// one exists), column <c>id</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class LinkTargetAttribute : Attribute
{
    /// <summary>Names the table the key property points at.</summary>
    /// <param name="table">The table, e.g. <c>projects</c> or <c>app.projects</c>, as the tenant model names it.</param>
    public LinkTargetAttribute(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        Table = table;
    }

    /// <summary>The table the key property points at.</summary>
    public string Table { get; }

    /// <summary>The column of <see cref="Table"/> the key property holds (its key without the tenant column); <c>id</c> unless set.</summary>
    public string Column { get; init; } = "id";
}
