namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// Tells the person waiting what is running. On a terminal a comparison's round counter is
/// rewritten in place; in a log (CI) each comparison gets one line when it starts and one when it ends.
/// </summary>
internal sealed class ProgressReporter(TextWriter writer, bool interactive)
{
    /// <summary>Progress on standard error, so standard output carries only the results.</summary>
    public static ProgressReporter ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    /// <summary>A step outside the measurements: starting the server, loading data.</summary>
    public void Step(string message) => writer.WriteLine(message);

    /// <summary>A comparison starts its warm-up.</summary>
    public void WarmingUp(string comparison)
    {
        if (interactive)
        {
            writer.Write($"\r  {comparison}: warm-up".PadRight(72));
        }
        else
        {
            writer.WriteLine($"  {comparison}: warm-up");
        }
    }

    /// <summary>Reports how long a contender warmed up and whether the JIT settled in that time.</summary>
    public void WarmedUp(string contender, TimeSpan elapsed, bool jitSettled) =>
        writer.WriteLine($"{(interactive ? "\r" : "")}  {contender}: warmed up in {elapsed.TotalSeconds:0.0} s{(jitSettled ? ", JIT settled" : ", JIT still compiling at the warm-up limit")}");

    /// <summary>A comparison starts a measured round (1-based).</summary>
    public void Round(string comparison, int round, int rounds)
    {
        if (interactive)
        {
            writer.Write($"\r  {comparison}: round {round}/{rounds}".PadRight(72));
        }
    }

    /// <summary>A comparison has measured all its rounds.</summary>
    public void Finished(string comparison, int rounds, TimeSpan elapsed)
    {
        var line = $"  {comparison}: {rounds} rounds in {elapsed.TotalSeconds:0.0} s";
        if (interactive)
        {
            writer.WriteLine($"\r{line}".PadRight(72));
        }
        else
        {
            writer.WriteLine(line);
        }
    }
}
