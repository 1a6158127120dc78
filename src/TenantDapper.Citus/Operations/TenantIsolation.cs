using System.Text.RegularExpressions;

namespace TenantDapper.Citus.Operations;

/// <summary>
/// What to isolate: one tenant value of a distributed table (and, with <c>CASCADE</c>, of every table co-located
/// with it), optionally moved to a node of its own.
/// </summary>
internal sealed partial record TenantIsolation
{
    /// <summary>Describes an isolation.</summary>
    /// <param name="table">A schema-qualified distributed table of the colocation group (usually the tenant root).</param>
    /// <param name="tenant">The tenant value as text, e.g. <c>42</c>.</param>
    /// <param name="tenantType">The distribution column's type as <c>format_type</c> writes it, e.g. <c>bigint</c>.</param>
    /// <param name="targetNode">The node to move the tenant's shards to, or <see langword="null"/> to leave them where they are.</param>
    /// <param name="transferMode">The <c>shard_transfer_mode</c> of the split and the move.</param>
    /// <exception cref="ArgumentException">The table is not schema-qualified, the type is not a type name, or the mode is unknown.</exception>
    public TenantIsolation(TableName table, string tenant, string tenantType, CitusNode? targetNode = null, string transferMode = ShardTransferModes.Auto)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(tenantType);
        if (table.Schema is null)
        {
            throw new ArgumentException($"Name the table with its schema, e.g. public.{table.Name}.", nameof(table));
        }

        if (!TypeName().IsMatch(tenantType))
        {
            throw new ArgumentException($"'{tenantType}' is not a type name as format_type writes it (e.g. bigint, uuid, character varying(20)).", nameof(tenantType));
        }

        Table = table;
        Tenant = tenant;
        TenantType = tenantType;
        TargetNode = targetNode;
        TransferMode = ShardTransferModes.Validate(transferMode);
    }

    public TableName Table { get; }

    public string Tenant { get; }

    public string TenantType { get; }

    public CitusNode? TargetNode { get; }

    public string TransferMode { get; }

    /// <summary>The tenant value as a typed SQL constant: <c>'42'::bigint</c>.</summary>
    internal string TenantConstant => Scripting.SqlText.Literal(Tenant) + "::" + TenantType;

    // format_type output: words, digits, underscores, spaces, dots, quotes of quoted names, a type modifier, array brackets.
    [GeneratedRegex("""^[A-Za-z_"][A-Za-z0-9_ ."]*(\([0-9, ]+\))?(\[\])*$""")]
    private static partial Regex TypeName();
}
