using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using TenantDapper.Benchmarks.Database;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>The machine and server the figures were measured on, recorded with the results.</summary>
internal sealed record MachineDescription(
    int LogicalCores,
    string CpuModel,
    string OperatingSystem,
    string Runtime,
    string Build,
    ServerDescription Server)
{
    /// <summary>Whether the JIT optimised this program; figures from a Debug build are not worth reading.</summary>
    public static bool IsOptimizedBuild =>
        typeof(MachineDescription).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    /// <summary>Describes this process's machine together with <paramref name="server"/>.</summary>
    public static MachineDescription Collect(ServerDescription server) => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        IsOptimizedBuild ? "Release" : "Debug (JIT optimisation off: do not publish these figures)",
        server);

    /// <summary>One line for the chart and the README: cores, CPU, OS, .NET, server.</summary>
    public string Summary
    {
        get
        {
            var server = $"PostgreSQL {Server.PostgresVersion}"
                + (Server.IsCitus ? $", Citus {Server.CitusVersion} ({Server.CitusWorkers} workers)" : string.Empty);
            return $"{LogicalCores} logical cores, {CpuModel}; {OperatingSystem}; {Runtime}; {server}";
        }
    }

    // Linux names the CPU in /proc/cpuinfo; elsewhere the architecture is the best this code knows.
    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            var model = File.ReadLines(cpuInfo)
                .Where(line => line.StartsWith("model name", StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
            if (!string.IsNullOrEmpty(model))
            {
                return model;
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
