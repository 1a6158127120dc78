using Npgsql;
using TenantDapper.Syntax;

namespace TenantDapper.DataSource;

/// <summary>
/// Tenant parameters (<c>@tenant</c>) of the scoping data sources' connections, kept between connections: a connection
/// takes one when its first command binds a tenant and gives it back when it closes (<see cref="NpgsqlConnection"/>),
/// so a call costs no parameter, and the driver resolves the parameter's type once, not on every call. Every binding
/// sets the tenant anew; a parameter is held by one connection at a time, taken and given back atomically.
/// </summary>
internal static class TenantParameterPool
{
    private static readonly NpgsqlParameter?[] Idle = new NpgsqlParameter?[Math.Max(8, 2 * Environment.ProcessorCount)];

    /// <summary>An idle parameter, or a new one; its value is the caller's to set.</summary>
    public static NpgsqlParameter Take()
    {
        for (var i = 0; i < Idle.Length; i++)
        {
            if (Volatile.Read(ref Idle[i]) is not null && Interlocked.Exchange(ref Idle[i], null) is { } parameter)
            {
                return parameter;
            }
        }

        return new NpgsqlParameter { ParameterName = TenantParameterExpression.Name };
    }

    /// <summary>Keeps <paramref name="parameter"/>, in no collection and read by no statement any more, for another connection; drops it when the pool is full.</summary>
    public static void Return(NpgsqlParameter parameter)
    {
        for (var i = 0; i < Idle.Length; i++)
        {
            if (Volatile.Read(ref Idle[i]) is null && Interlocked.CompareExchange(ref Idle[i], parameter, null) is null)
            {
                return;
            }
        }
    }
}
