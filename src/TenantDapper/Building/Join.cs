using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <summary>
/// The ON clause of a join, built in a callback: <c>j =&gt; j.On("a.id", "b.a_id").OrOn(...).Where(...)</c>. Every
/// <c>Where...</c> method of <see cref="BaseQuery{TQuery}"/> is available and adds to the ON condition.
/// </summary>
public sealed class Join : BaseQuery<Join>
{
    internal Join()
    {
    }

    internal JoinKind Kind { get; set; }

    internal FromSource? Target { get; set; }

    /// <summary>Adds <c>first op second</c> comparing two columns.</summary>
    public Join On(string first, string second, string op = "=") =>
        AddWhere(new ColumnsCondition(Joined(Connective.And), Negating(false), Names.Column(first), Operator(op), Names.Column(second)));

    /// <summary>Adds <c>first op second</c> comparing two columns, joined with OR.</summary>
    public Join OrOn(string first, string second, string op = "=") =>
        AddWhere(new ColumnsCondition(Joined(Connective.Or), Negating(false), Names.Column(first), Operator(op), Names.Column(second)));

    /// <summary>A deep copy of the join.</summary>
    public Join Clone() => new() { Kind = Kind, Target = Target?.DeepClone(), Wheres = Wheres.DeepClone() };

    private protected override Join NewChild() => new();
}
