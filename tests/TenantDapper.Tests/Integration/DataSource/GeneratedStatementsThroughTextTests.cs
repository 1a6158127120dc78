using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>The oracle's generated statements again, each sent as SQL text (values as parameters) through <see cref="TenantDataSource"/>.</summary>
[NonParallelizable]
public class GeneratedStatementsThroughTextTests : GeneratedStatementOracleTests
{
    internal override OracleRoute Route => OracleRoute.Text;
}
