using System.Globalization;
using System.Text.RegularExpressions;

namespace TenantDapper.Tests.Parsing;

/// <summary>
/// Reads a corpus file of this folder (copied next to the test assembly): a line <c>-- case: &lt;id&gt; [@name=value ...]</c>
/// starts a statement, and everything up to the next such line is its text. A value is an integer or a quoted
/// string (<c>'it''s'</c>); a name is <c>@name</c> (Dapper) or <c>$1</c> (positional).
/// </summary>
internal static partial class SqlCorpus
{
    public const string RoundTrip = "round-trip-corpus.sql";

    public const string Refusal = "refusal-corpus.sql";

    public const string Schema = "corpus-schema.sql";

    private static readonly Dictionary<string, IReadOnlyList<CorpusCase>> Loaded = [];

    /// <summary>The text of a file of this folder.</summary>
    public static string Text(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Parsing", fileName));

    /// <summary>The cases of a corpus file, in file order.</summary>
    public static IReadOnlyList<CorpusCase> Cases(string fileName)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(fileName, out var cases))
            {
                cases = Parse(Text(fileName));
                Loaded[fileName] = cases;
            }

            return cases;
        }
    }

    /// <summary>The case ids of a corpus file, for <see cref="TestCaseSourceAttribute"/>.</summary>
    public static IEnumerable<string> Ids(string fileName) => Cases(fileName).Select(c => c.Id);

    /// <summary>One case by id.</summary>
    public static CorpusCase Case(string fileName, string id) => Cases(fileName).Single(c => c.Id == id);

    private static List<CorpusCase> Parse(string text)
    {
        var cases = new List<CorpusCase>();
        var headers = CaseLine().Matches(text);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            var start = header.Index + header.Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : text.Length;
            var parameters = ParameterSpec().Matches(header.Groups["parameters"].Value)
                .Select(m => new CorpusParameter(m.Groups["name"].Value, ValueOf(m.Groups["value"].Value)))
                .ToArray();
            cases.Add(new CorpusCase(header.Groups["id"].Value, text[start..end].Trim('\r', '\n'), parameters));
        }

        if (cases.Select(c => c.Id).Distinct().Count() != cases.Count)
        {
            throw new InvalidOperationException("Every case of a corpus needs its own id.");
        }

        return cases;
    }

    private static object ValueOf(string text) =>
        text.StartsWith('\'') ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : long.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^-- case: (?<id>\S+)(?<parameters>[^\r\n]*)\r?\n?", RegexOptions.Multiline)]
    private static partial Regex CaseLine();

    [GeneratedRegex(@"(?<name>[@$]\w+)=(?<value>'(?:[^']|'')*'|-?\d+)")]
    private static partial Regex ParameterSpec();
}

/// <summary>A statement of a corpus with the parameters it needs.</summary>
internal sealed record CorpusCase(string Id, string Sql, IReadOnlyList<CorpusParameter> Parameters)
{
    public override string ToString() => Id;
}

/// <summary>A parameter a corpus statement needs: <c>@name</c> or positional <c>$n</c>.</summary>
internal sealed record CorpusParameter(string Name, object Value)
{
    public bool IsPositional => Name.StartsWith('$');
}
