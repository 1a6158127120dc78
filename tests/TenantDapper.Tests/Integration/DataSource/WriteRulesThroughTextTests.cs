using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>Every write-rule oracle case again, its statement sent as SQL text through <see cref="TenantDataSource"/>.</summary>
public class WriteRulesThroughTextTests : WriteRuleOracleTests
{
    internal override OracleRoute Route => OracleRoute.Text;
}
