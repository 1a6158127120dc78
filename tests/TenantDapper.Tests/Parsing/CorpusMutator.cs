using System.Text;

namespace TenantDapper.Tests.Parsing;

/// <summary>
/// Seeded variations of corpus statements for fuzzing the parser: truncated, with words shuffled, with
/// characters or SQL-significant tokens deleted, inserted or replaced, spliced with another statement, and noise.
/// </summary>
internal sealed class CorpusMutator(IReadOnlyList<CorpusCase> corpus, int seed)
{
    private static readonly string[] Tokens =
    [
        "(", ")", "'", "\"", "$$", "$a$", "--", "/*", "*/", ";", ",", ".", "::", "[", "]", "{", "}", "?", "\\", "E'", "U&'", "U&\"",
        "B'", "X'", "@x", "$1", "$", "1e", "0.", " AND ", " OR ", " NOT ", " SELECT ", " FROM ", " WHERE ", " JOIN ", " NATURAL ",
        " UNION ", " LATERAL ", " ON ", " USING ", " AS ", " ORDER BY ", " GROUP BY ", " LIMIT ", " RETURNING ", " WITH ", " VALUES ",
        " IN ", " IS ", " NULL ", " CASE ", " END ", " OVER ", " FILTER ", " ESCAPE ", " DEFAULT ", "*", "-", "+", "=", "<>", "->>", "#>",
        "||", "~", "!", "\n", "\t", "\u00a0", "\u00e9", "\0",
    ];

    private readonly Random _random = new(seed);

    /// <summary>One variation, with the case it came from and what was done to it.</summary>
    public (CorpusCase Source, string Text, string Mutation) Next()
    {
        var source = corpus[_random.Next(corpus.Count)];
        var text = source.Sql;
        var kind = _random.Next(9);
        var mutated = kind switch
        {
            0 => text[.._random.Next(text.Length + 1)],
            1 => text[_random.Next(text.Length + 1)..],
            2 => ShuffleWords(text),
            3 => DeleteRange(text),
            4 => Insert(text, Tokens[_random.Next(Tokens.Length)]),
            5 => ReplaceCharacter(text),
            6 => Splice(text, corpus[_random.Next(corpus.Count)].Sql),
            7 => DuplicateRange(text),
            _ => Noise(),
        };
        string[] names = ["truncated", "head cut", "words shuffled", "range deleted", "token inserted", "character replaced", "spliced", "range duplicated", "noise"];
        return (source, mutated, names[kind]);
    }

    private string ShuffleWords(string text)
    {
        var words = text.Split(' ');
        for (var swaps = _random.Next(1, 3); swaps > 0; swaps--)
        {
            var a = _random.Next(words.Length);
            var b = _random.Next(words.Length);
            (words[a], words[b]) = (words[b], words[a]);
        }

        return string.Join(' ', words);
    }

    private string DeleteRange(string text)
    {
        var start = _random.Next(text.Length + 1);
        var length = Math.Min(_random.Next(1, 8), text.Length - start);
        return text.Remove(start, length);
    }

    private string Insert(string text, string token) => text.Insert(_random.Next(text.Length + 1), token);

    private string ReplaceCharacter(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        const string Replacements = "()'\";,.$:[]{}?\\-*/@#0aZ_ ";
        chars[_random.Next(chars.Length)] = Replacements[_random.Next(Replacements.Length)];
        return new string(chars);
    }

    private string Splice(string text, string other) =>
        text[.._random.Next(text.Length + 1)] + other[_random.Next(other.Length + 1)..];

    private string DuplicateRange(string text)
    {
        var start = _random.Next(text.Length + 1);
        var length = Math.Min(_random.Next(1, 30), text.Length - start);
        return text.Insert(start, text.Substring(start, length));
    }

    private string Noise()
    {
        var text = new StringBuilder();
        for (var i = _random.Next(1, 40); i > 0; i--)
        {
            text.Append(_random.Next(3) == 0 ? (char)_random.Next(1, 0x2FF) : Tokens[_random.Next(Tokens.Length)]);
        }

        return text.ToString();
    }
}
