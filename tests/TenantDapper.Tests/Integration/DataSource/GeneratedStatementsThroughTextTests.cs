using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>The oracle's generated statements again, each sent as SQL text (values as parameters) through <see cref="TenantDataSource"/>.</summary>
[NonParallelizable]
[TestFixture(OracleMode.Plain)]
[TestFixture(OracleMode.RowLevelSecurity)]
public class GeneratedStatementsThroughTextTests : GeneratedStatementOracleTests
{
    public GeneratedStatementsThroughTextTests(OracleMode mode)
        : base(mode)
    {
    }

    internal override OracleRoute Route => OracleRoute.Text;
}
