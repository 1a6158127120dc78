using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// A statement shape the compile scenario builds: its name, and how to build it with one varying piece of text
/// (a select alias or a column name). Passing the same text builds the same shape every time; passing each
/// text of a large pool builds a shape the SQL text cache has not seen, so the compile is a cold one.
/// </summary>
/// <param name="Name">The shape's name in the table ("2-join").</param>
/// <param name="Variant">The varying text for pool entry i, built before the measurement starts.</param>
/// <param name="Build">Builds the query with the given varying text.</param>
internal sealed record StatementShape(string Name, Func<int, string> Variant, Func<string, Query> Build)
{
    /// <summary>The goal a cold compile of this shape must meet, with and without scoping, or null when it has none.</summary>
    public OperationBudget? ColdBudget { get; init; }
}
