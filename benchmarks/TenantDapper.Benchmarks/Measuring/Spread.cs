namespace TenantDapper.Benchmarks.Measuring;

/// <summary>The median of a set of per-round figures, with the smallest and largest beside it.</summary>
internal sealed record Spread(double Median, double Min, double Max)
{
    /// <summary>Summarises the figures; the median of an even count is the mean of the two middle values.</summary>
    public static Spread Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A spread needs at least one value: run at least one round.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }
}
