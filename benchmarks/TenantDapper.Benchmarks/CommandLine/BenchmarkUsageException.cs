namespace TenantDapper.Benchmarks.CommandLine;

/// <summary>The command line asks for something the console cannot do; the message says what to type instead.</summary>
internal sealed class BenchmarkUsageException : Exception
{
    public BenchmarkUsageException(string message)
        : base(message)
    {
    }

    public BenchmarkUsageException()
    {
    }

    public BenchmarkUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
