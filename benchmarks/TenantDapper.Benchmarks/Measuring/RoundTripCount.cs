namespace TenantDapper.Benchmarks.Measuring;

/// <summary>What a <see cref="RoundTripProxy"/> counted: client turns (round trips) and the server's ReadyForQuery messages.</summary>
internal readonly record struct RoundTripCount(long Turns, long ReadyForQuery)
{
    /// <summary>What was counted between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static RoundTripCount operator -(RoundTripCount after, RoundTripCount before) =>
        new(after.Turns - before.Turns, after.ReadyForQuery - before.ReadyForQuery);
}
