using System.Collections;
using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Execution;

/// <summary>
/// What a builder shape compiles to, for one model and tenant mode: its <see cref="PreparedSql"/> (the written SQL,
/// whether <c>@tenant</c> is bound, the tenant constants of raw fragments to check), which slot of the shape each
/// <c>@p{i}</c> takes its value from, and the slots the rewriter turned into <c>@tenant</c> (their value must be the
/// tenant at every execution). Immutable; shared by every thread that runs the shape.
/// </summary>
internal sealed class ShapePlan
{
    private static readonly int[] NoSlots = [];

    private readonly string _key;
    private readonly ulong _hash;
    private readonly TenantModel? _model;
    private readonly TenantMode _mode;
    private readonly bool _citusRowLevelSecurity;
    private readonly int[] _slots;
    private readonly int[] _elements;
    private readonly object?[]? _constants;
    private readonly int[] _tenantSlots;

    private ShapePlan(string key, ulong hash, TenantModel? model, TenantMode mode, bool citusRowLevelSecurity, PreparedSql prepared, int[] slots, int[] elements, object?[]? constants, int[] tenantSlots)
    {
        _key = key;
        _hash = hash;
        _model = model;
        _mode = mode;
        _citusRowLevelSecurity = citusRowLevelSecurity;
        Prepared = prepared;
        _slots = slots;
        _elements = elements;
        _constants = constants;
        _tenantSlots = tenantSlots;
    }

    /// <summary>The statement the shape compiles to, the same for every execution.</summary>
    public PreparedSql Prepared { get; }

    public bool Matches(ReadOnlySpan<char> key, ulong hash, TenantModel? model, TenantMode mode, bool citusRowLevelSecurity) =>
        _hash == hash && ReferenceEquals(_model, model) && _mode == mode && _citusRowLevelSecurity == citusRowLevelSecurity
        && key.SequenceEqual(_key);

    /// <summary>
    /// The values of <c>@p0, @p1, ...</c> for one execution of the shape, taken from its slots; <see langword="null"/>
    /// when a value the rewriter replaced by <c>@tenant</c> is not <paramref name="tenant"/> (the full path refuses it).
    /// </summary>
    /// <param name="slots">The values of this execution's tree, in the order of the shape's slots.</param>
    /// <param name="tenant">The tenant <see cref="PreparedSql.Release"/> bound for this execution.</param>
    public object?[]? Values(IReadOnlyList<object?> slots, object? tenant)
    {
        foreach (var slot in _tenantSlots)
        {
            if (tenant is null || !TenantBinding.IsTenant(slots[slot], tenant))
            {
                return null;
            }
        }

        if (_slots.Length == 0)
        {
            return [];
        }

        var values = new object?[_slots.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = _slots[i];
            values[i] = slot < 0 ? _constants![i] : _elements[i] < 0 ? slots[slot] : ElementAt(slots[slot], _elements[i]);
        }

        return values;
    }

    /// <summary>
    /// The plan of a shape just compiled, or <see langword="null"/> when its values cannot be told apart by where they
    /// came from (a node shared by two places of the tree, a value the rewriter made): such a shape is compiled every time.
    /// </summary>
    /// <param name="key">The shape's key.</param>
    /// <param name="hash">The key's hash, mixed with the model and mode.</param>
    /// <param name="model">The model it was scoped by.</param>
    /// <param name="mode">The tenant mode it was scoped for.</param>
    /// <param name="citusRowLevelSecurity">Whether it was scoped for a Citus coordinator with row-level security.</param>
    /// <param name="encoder">The encoder that made the key: its slots and the nodes they came from.</param>
    /// <param name="statement">The statement just compiled: its prepared form, values and tenant.</param>
    /// <param name="sources">Where each written value came from.</param>
    public static ShapePlan? TryCreate(string key, ulong hash, TenantModel? model, TenantMode mode, bool citusRowLevelSecurity, ShapeEncoder encoder, in BuilderStatement statement, List<ParameterSource> sources)
    {
        var written = statement.Values;
        var tenant = statement.Tenant;
        var values = encoder.Values;
        var nodes = encoder.SlotNodes;
        if (sources.Count != written.Length)
        {
            return null;
        }

        // Each node that holds values must occur once in the tree: a shared node is not shape, another query of the
        // same key could hold two nodes with different values there.
        var firstSlot = new Dictionary<SqlNode, (int First, int Count)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++)
        {
            firstSlot[nodes[i]] = firstSlot.TryGetValue(nodes[i], out var run) ? (run.First, run.Count + 1) : (i, 1);
        }

        foreach (var (node, run) in firstSlot)
        {
            if (run.Count != (node is RawExpression raw ? raw.Bindings.Count : 1))
            {
                return null;
            }
        }

        var slots = new int[sources.Count];
        var elements = new int[sources.Count];
        object?[]? constants = null;
        var isWritten = new bool[values.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            elements[i] = source.Element;
            if (source.Node is null)
            {
                // A value the writer takes from the node's shape (a LIKE's escape character): the same for the whole key.
                slots[i] = -1;
                (constants ??= new object?[sources.Count])[i] = written[i];
                continue;
            }

            if (!firstSlot.TryGetValue(source.Node, out var run))
            {
                return null;
            }

            var slot = run.First + Math.Max(source.Binding, 0);
            slots[i] = slot;
            isWritten[slot] = true;
        }

        // A value of the tree that was not written is one the rewriter replaced by @tenant (a write's tenant column):
        // it was the tenant this time, and must be at every execution.
        var tenantSlots = new List<int>();
        for (var slot = 0; slot < isWritten.Length; slot++)
        {
            if (!isWritten[slot])
            {
                if (nodes[slot] is not Syntax.ParameterExpression || tenant is null || !TenantBinding.IsTenant(values[slot], tenant))
                {
                    return null;
                }

                tenantSlots.Add(slot);
            }
        }

        return new ShapePlan(key, hash, model, mode, citusRowLevelSecurity, statement.Prepared, slots, elements, constants, tenantSlots.Count == 0 ? NoSlots : tenantSlots.ToArray());
    }

    private static object? ElementAt(object? list, int index)
    {
        if (list is IList indexed)
        {
            return indexed[index];
        }

        // The key holds the list's length, so the element is there.
        var position = 0;
        foreach (var item in (IEnumerable)list!)
        {
            if (position++ == index)
            {
                return item;
            }
        }

        throw new InvalidOperationException("A list bound to a raw placeholder changed its length while the statement was compiled.");
    }
}
