namespace TenantDapper.Building;

/// <summary>
/// What runs a query through the SqlKata.Execution-shaped extension methods (<c>query.Get()</c>): the execution layer's
/// <c>QueryFactory</c>, which stamps itself on the queries it creates. The builder knows nothing of it; it only carries
/// it, to clones too, as SqlKata's <c>XQuery</c> carries its factory.
/// </summary>
internal interface IQueryExecutor;
