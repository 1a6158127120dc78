using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>Writes a report as indented JSON with camelCase names: every figure, every fact, the machine and the settings.</summary>
internal static class JsonReportWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },

        // Keep "×", "µ" and "–" readable in the file; it is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>, replacing the file.</summary>
    public static async Task WriteAsync(BenchmarkReport report, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, Options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report as JSON text.</summary>
    public static string Serialize(BenchmarkReport report) => JsonSerializer.Serialize(report, Options);
}
