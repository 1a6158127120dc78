using System.Text.RegularExpressions;
using TenantDapper.Tests.Integration.Citus;

namespace TenantDapper.Tests.Unit.Readme;

/// <summary>
/// Keeps README.md's and the docs site's C# true: every <c>```csharp</c> block of README.md and of <c>docs/**/*.md</c>
/// must appear, verbatim up to indentation, between
/// <c>#region README</c> and <c>#endregion</c> in a file of <c>tests/TenantDapper.Tests/Integration/Readme/</c>, where it is compiled
/// with the tests and run against the test server; and every such region must still be such a block, so that a
/// snippet changed in one place fails until it is changed in the other.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private static readonly string SnippetFolder = RepositoryFiles.PathOf("tests/TenantDapper.Tests/Integration/Readme");

    [Test]
    public void Every_csharp_block_of_the_readme_and_the_docs_is_compiled_and_run_by_a_snippet_test()
    {
        var regions = Regions().Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        var missing = ReadmeBlocks().Where(b => !regions.Contains(b.Text)).Select(b => $"{b.Source} line {b.Line}:\n{b.Text}").ToList();
        Assert.That(
            missing,
            Is.Empty,
            $"Copy each of these blocks into a #region README ... #endregion of a test in {SnippetFolder} (statements inside a test method, types and using directives at file level), or change the region it was copied from to match:\n\n" + string.Join("\n\n", missing));
    }

    [Test]
    public void Every_readme_region_of_the_snippet_tests_is_still_a_block_of_the_readme_or_the_docs()
    {
        var blocks = ReadmeBlocks().Select(b => b.Text).ToHashSet(StringComparer.Ordinal);
        var stale = Regions().Where(r => !blocks.Contains(r.Text)).Select(r => $"{r.Source}:\n{r.Text}").ToList();
        Assert.That(stale, Is.Empty, "These regions are no longer blocks of README.md or docs/: change them to what the page now shows, or remove them with their test:\n\n" + string.Join("\n\n", stale));
    }

    [Test]
    public void Blocks_and_regions_are_found_so_the_checks_above_cannot_pass_on_nothing()
    {
        Assert.That(ReadmeBlocks(), Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(Regions(), Has.Count.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void The_pages_of_the_docs_site_are_searched_for_blocks_too()
    {
        Assert.That(ReadmeBlocks().Select(b => b.Source), Has.Some.StartsWith("docs/guides/"));
    }

    private static List<(string Source, int Line, string Text)> ReadmeBlocks()
    {
        var docs = RepositoryFiles.PathOf("docs");
        var pages = Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(docs, f).StartsWith("_site", StringComparison.Ordinal))
            .Select(f => "docs/" + Path.GetRelativePath(docs, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Prepend("README.md");
        var blocks = new List<(string, int, string)>();
        foreach (var page in pages)
        {
            var text = File.ReadAllText(RepositoryFiles.PathOf(page)).ReplaceLineEndings("\n");
            blocks.AddRange(CsharpBlock().Matches(text).Select(m => (page, text[..m.Index].Count(c => c == '\n') + 1, Normalize(m.Groups[1].Value))));
        }

        return blocks;
    }

    private static List<(string Source, string Text)> Regions()
    {
        var regions = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(SnippetFolder, "*.cs").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            regions.AddRange(ReadmeRegion().Matches(text).Select(m => ($"{Path.GetFileName(file)} line {text[..m.Index].Count(c => c == '\n') + 1}", Normalize(m.Groups[1].Value))));
        }

        return regions;
    }

    /// <summary>Trailing spaces and the indentation all lines share removed, blank lines at both ends dropped.</summary>
    private static string Normalize(string block)
    {
        var lines = block.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length == 0 ? l : l[indent..]));
    }

    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();

    [GeneratedRegex(@"^[ \t]*#region README[ \t]*\n(.*?)^[ \t]*#endregion", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ReadmeRegion();
}
