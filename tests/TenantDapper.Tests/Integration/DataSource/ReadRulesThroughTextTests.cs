using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>Every read-rule oracle case again, its statement sent as SQL text through <see cref="TenantDataSource"/>.</summary>
public class ReadRulesThroughTextTests : ReadRuleOracleTests
{
    internal override OracleRoute Route => OracleRoute.Text;
}
