namespace TenantDapper.DataSource;

/// <summary>
/// What every connection of one <see cref="TenantDataSource"/> shares, held once by the data source so that a connection
/// costs one reference for it.
/// </summary>
/// <param name="Model">The model every statement is scoped by.</param>
/// <param name="RowLevelSecurity">How every statement carries its tenants to the server's row-level security policies, or <see langword="null"/> when it does not.</param>
/// <param name="Preparation">Which statements are prepared on the server, or <see langword="null"/> when none are.</param>
/// <param name="UnresetPool">The driver's pool when it resets nothing (<c>No Reset On Close</c>): a connection then resets a session a bypass used before it goes back; <see langword="null"/> when the pool resets every session.</param>
/// <param name="ReusesTenantParameter">Whether a connection's commands reuse one tenant parameter (<see cref="TenantParameterPool"/>); not with multiplexing, where the driver sends a statement apart from its connection.</param>
internal sealed record ConnectionSettings(
    TenantModel Model,
    TenantSettingCarrier? RowLevelSecurity = null,
    StatementPreparation? Preparation = null,
    UnresetPool? UnresetPool = null,
    bool ReusesTenantParameter = false);
