using System.Text;
using System.Text.RegularExpressions;
using TenantDapper.Tests.Integration.Citus;

namespace TenantDapper.Tests.Unit.Architecture;

/// <summary>
/// The library's folders are its layers, and layers point one way (shared/STYLE.md): low to high Syntax, Parsing and
/// Compiling, Scoping and TextScoping, Building, Execution and Entities, DataSource; Errors, Tenancy and Diagnostics
/// serve them all. A public type lives in the namespace <c>TenantDapper</c> whatever its folder, so the check reads
/// the sources (<c>src/TenantDapper/**/*.cs</c>) rather than namespaces: a file uses a folder when it names a type
/// declared there (or one of its constants, through the type), or imports its namespace. Comments do not count.
/// </summary>
public sealed partial class LayeringTests
{
    private const string Root = "(root)";

    // What each folder may use besides itself. A folder of a lower layer never names one of a higher layer.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Syntax"] = ["Errors"],
        ["Parsing"] = ["Syntax", "Errors"],
        ["Compiling"] = ["Syntax", "Parsing", "Errors"],
        ["Scoping"] = ["Syntax", "Parsing", "Compiling", "Tenancy", "Errors", Root],
        ["TextScoping"] = ["Syntax", "Parsing", "Compiling", "Scoping", "Tenancy", "Errors", "Diagnostics"],
        ["Mapping"] = ["Syntax", "Tenancy", "Errors"],
        ["Building"] = ["Syntax", "Parsing", "Compiling", "Scoping", "Mapping", "Tenancy", "Errors"],

        // Execution and Entities name the data source's connection, never its driver's connection: QueryFactory reads its
        // model and whether it reaches Citus with row-level security, marks a builder command as scoped for the sender,
        // wraps a plain Npgsql connection for raw SQL; entities hand it their bulk inserts (COPY).
        ["Execution"] = ["Syntax", "Parsing", "Compiling", "Scoping", "Building", "Mapping", "Tenancy", "Errors", "Diagnostics", Root, "DataSource"],
        ["Entities"] = ["Syntax", "Compiling", "Scoping", "Building", "Execution", "Mapping", "Tenancy", "Errors", "Diagnostics", "DataSource"],
        ["DataSource"] = ["Syntax", "Parsing", "Compiling", "Scoping", "TextScoping", "Building", "Execution", "Mapping", "BulkCopy", "Tenancy", "Errors", "Diagnostics", Root],
        ["BulkCopy"] = ["Syntax", "Mapping", "DataSource", "Tenancy", "Errors", "Diagnostics"],
        ["Tenancy"] = ["Syntax", "Errors", "Diagnostics"],
        ["Errors"] = ["Tenancy"],
        ["Diagnostics"] = ["Tenancy", Root],
        [Root] = ["Scoping", "Tenancy"],
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "and", "as", "async", "await", "base", "case", "checked", "class", "const", "default", "delegate", "else",
        "enum", "event", "explicit", "extern", "file", "fixed", "foreach", "get", "global", "if", "implicit", "in", "init",
        "interface", "internal", "is", "namespace", "new", "not", "operator", "or", "out", "override", "params", "partial",
        "private", "protected", "public", "readonly", "record", "ref", "required", "return", "scoped", "sealed", "set", "static",
        "struct", "switch", "this", "throw", "typeof", "unchecked", "unsafe", "using", "virtual", "volatile", "when", "where",
        "while", "with", "yield",
    };

    [Test]
    public void No_folder_of_the_library_names_a_type_of_a_folder_it_may_not_use()
    {
        var files = SourceFiles();
        var declaredIn = DeclaringFolders(files);
        var namespaces = new HashSet<string>(Allowed.Keys.Append("TenantDapper"), StringComparer.Ordinal);
        var offences = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (folder, what) in UsedFolders(file, declaredIn, namespaces))
            {
                if (folder != file.Folder && !(Allowed.TryGetValue(file.Folder, out var allowed) && allowed.Contains(folder)))
                {
                    offences.Add($"{file.Folder} -> {folder}: {file.Path} uses {what}");
                }
            }
        }

        Assert.That(
            offences,
            Is.Empty,
            "A folder uses a folder it may not (see Allowed): move the type or constant down to the lowest layer that uses it, or turn the dependency round (the lower layer declares what it needs, the higher one supplies it).");
    }

    [Test]
    public void Every_folder_of_the_library_has_its_list_of_the_folders_it_may_use() =>
        Assert.That(SourceFiles().Select(f => f.Folder).Distinct().Where(f => !Allowed.ContainsKey(f)), Is.Empty);

    private static IReadOnlyList<SourceFile> SourceFiles()
    {
        var root = RepositoryFiles.PathOf("src/TenantDapper");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(p, p.Contains('/', StringComparison.Ordinal) ? p[..p.IndexOf('/', StringComparison.Ordinal)] : Root, Tokens(Code(File.ReadAllText(Path.Combine(root, p))))))
            .ToList();
    }

    /// <summary>Every type name the library declares, with the folders that declare it.</summary>
    private static Dictionary<string, HashSet<string>> DeclaringFolders(IReadOnlyList<SourceFile> files)
    {
        var declaredIn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var tokens = file.Tokens;
            for (var i = 0; i + 1 < tokens.Count; i++)
            {
                var name = tokens[i] switch
                {
                    "class" or "struct" or "interface" or "enum" => tokens[i + 1],
                    "record" => tokens[i + 1] is "struct" or "class" && i + 2 < tokens.Count ? tokens[i + 2] : tokens[i + 1],
                    "delegate" => DelegateName(tokens, i + 1),
                    _ => null,
                };
                if (name is not null && IsIdentifier(name) && !Keywords.Contains(name))
                {
                    (declaredIn.TryGetValue(name, out var folders) ? folders : declaredIn[name] = new HashSet<string>(StringComparer.Ordinal)).Add(file.Folder);
                }
            }
        }

        return declaredIn;
    }

    /// <summary>The other folders <paramref name="file"/> uses, each with the name that uses it.</summary>
    private static IEnumerable<(string Folder, string What)> UsedFolders(SourceFile file, Dictionary<string, HashSet<string>> declaredIn, HashSet<string> namespaces)
    {
        var tokens = file.Tokens;
        var own = DeclaredNames(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "using" && i + 3 < tokens.Count && tokens[i + 1] == "TenantDapper" && tokens[i + 2] == "." && Allowed.ContainsKey(tokens[i + 3]))
            {
                yield return (tokens[i + 3], "using TenantDapper." + tokens[i + 3]);
                continue;
            }

            if (!declaredIn.TryGetValue(token, out var folders) || folders.Contains(file.Folder) || own.Contains(token))
            {
                continue;
            }

            // A name after a dot is a member, unless what comes before is a namespace (TenantDapper.Execution.X).
            var start = i;
            while (start >= 2 && tokens[start - 1] == "." && namespaces.Contains(tokens[start - 2]))
            {
                start -= 2;
            }

            var before = start > 0 ? tokens[start - 1] : string.Empty;
            var after = i + 1 < tokens.Count ? tokens[i + 1] : string.Empty;
            if (before == "." || (after == "(" && before != "new"))
            {
                continue;
            }

            foreach (var folder in folders)
            {
                yield return (folder, token);
            }
        }
    }

    /// <summary>The names a file declares for members, locals and enum values, which hide a type of the same name elsewhere.</summary>
    private static HashSet<string> DeclaredNames(IReadOnlyList<string> tokens)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < tokens.Count; i++)
        {
            // A name after a type declares a member or a local, unless a dot follows it (after a ternary's ?, a static member).
            var before = tokens[i - 1];
            var declares = (IsIdentifier(before) && !Keywords.Contains(before)) || before is ">" or "]" or "?";
            if (IsIdentifier(tokens[i]) && declares && (i + 1 == tokens.Count || tokens[i + 1] != "."))
            {
                names.Add(tokens[i]);
            }

            if (before == "enum")
            {
                var end = i;
                while (end < tokens.Count && tokens[end] != "{")
                {
                    end++;
                }

                for (end++; end < tokens.Count && tokens[end] != "}"; end++)
                {
                    if (IsIdentifier(tokens[end]))
                    {
                        names.Add(tokens[end]);
                    }
                }
            }
        }

        return names;
    }

    // delegate bool Name(...): the name is the identifier before the first '(' or '<'.
    private static string? DelegateName(IReadOnlyList<string> tokens, int from)
    {
        for (var i = from; i + 1 < tokens.Count; i++)
        {
            if (tokens[i + 1] is "(" or "<")
            {
                return tokens[i];
            }
        }

        return null;
    }

    private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_');

    private static List<string> Tokens(string code) => [.. TokenPattern().Matches(code).Select(m => m.Value)];

    /// <summary>The code of a C# file without its comments, string and character literals; an interpolated string keeps its holes.</summary>
    private static string Code(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            if (At(source, i, "//"))
            {
                i = source.IndexOf('\n', i) is var end and >= 0 ? end : source.Length;
            }
            else if (At(source, i, "/*"))
            {
                i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : source.Length;
            }
            else if (At(source, i, "\"\"\""))
            {
                i = source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal) is var end and >= 0 ? end + 3 : source.Length;
                code.Append(' ');
            }
            else if (StringStart(source, i) is { } prefix)
            {
                i = SkipString(source, i + prefix.Length, prefix.Contains('@', StringComparison.Ordinal), prefix.Contains('$', StringComparison.Ordinal), code);
            }
            else if (source[i] == '\'')
            {
                i += source[i + 1] == '\\' ? 3 : 2;
                while (i < source.Length && source[i] != '\'')
                {
                    i++;
                }

                i++;
                code.Append(' ');
            }
            else
            {
                code.Append(source[i++]);
            }
        }

        return code.ToString();
    }

    private static string? StringStart(string source, int i) =>
        At(source, i, "$@\"") ? "$@" : At(source, i, "@$\"") ? "@$" : At(source, i, "$\"") ? "$" : At(source, i, "@\"") ? "@" : source[i] == '"' ? string.Empty : null;

    // From the opening quote at i: appends the code of the interpolation holes, returns the index after the closing quote.
    private static int SkipString(string source, int i, bool verbatim, bool interpolated, StringBuilder code)
    {
        code.Append(' ');
        for (i++; i < source.Length; i++)
        {
            var c = source[i];
            if (interpolated && c == '{')
            {
                if (At(source, i, "{{"))
                {
                    i++;
                    continue;
                }

                var depth = 1;
                var start = i + 1;
                while (++i < source.Length && depth > 0)
                {
                    depth += source[i] == '{' ? 1 : source[i] == '}' ? -1 : 0;
                }

                code.Append(' ').Append(Code(source[start..(i - 1)])).Append(' ');
                i--;
            }
            else if (verbatim && c == '"')
            {
                if (!At(source, i, "\"\""))
                {
                    return i + 1;
                }

                i++;
            }
            else if (!verbatim && c == '\\')
            {
                i++;
            }
            else if (!verbatim && c == '"')
            {
                return i + 1;
            }
        }

        return i;
    }

    private static bool At(string source, int i, string text) => string.CompareOrdinal(source, i, text, 0, text.Length) == 0;

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*|\S")]
    private static partial Regex TokenPattern();

    private sealed record SourceFile(string Path, string Folder, IReadOnlyList<string> Tokens);
}
