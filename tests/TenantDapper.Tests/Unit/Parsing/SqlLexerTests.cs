using TenantDapper.Parsing;

namespace TenantDapper.Tests.Unit.Parsing;

/// <summary>PostgreSQL 15's lexical rules, one test per rule.</summary>
public class SqlLexerTests
{
    [Test]
    public void Unquoted_identifiers_fold_ascii_letters_to_lower_case_only() =>
        Assert.That(Lex("SeLeCt Ünïcode_Ä$1"), Is.EqualTo(new[] { "Identifier select", "Identifier Ünïcode_Ä$1" }));

    [Test]
    public void Quoted_identifiers_keep_case_and_undouble_quotes() =>
        Assert.That(Lex("\"My \"\"Table\"\"\""), Is.EqualTo(new[] { "QuotedIdentifier My \"Table\"" }));

    [Test]
    public void Unicode_identifiers_decode_four_and_six_digit_escapes() =>
        Assert.That(Lex("U&\"d\\0061t\\+000061\""), Is.EqualTo(new[] { "QuotedIdentifier data" }));

    [Test]
    public void Unicode_identifiers_take_a_uescape_character() =>
        Assert.That(Lex("u&\"d!0061t!!\" UESCAPE '!'"), Is.EqualTo(new[] { "QuotedIdentifier dat!" }));

    [Test]
    public void An_empty_quoted_identifier_is_an_error() =>
        Assert.That(() => Lex("\"\""), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("cannot be empty"));

    [Test]
    public void String_constants_undouble_quotes() =>
        Assert.That(Lex("'it''s'"), Is.EqualTo(new[] { "String it's" }));

    [Test]
    public void Escape_strings_decode_backslash_escapes() =>
        Assert.That(Lex(@"E'\'' e'a\nb\tc\\d\x41\101\u00e9\U0001F600\q'"), Is.EqualTo(new[] { "String '", "String a\nb\tc\\dAAé😀q" }));

    [Test]
    public void Escape_strings_decode_hex_bytes_as_utf8() =>
        Assert.That(Lex(@"E'\xC3\xA9'"), Is.EqualTo(new[] { "String é" }));

    [Test]
    public void Escape_strings_that_are_not_utf8_are_errors() =>
        Assert.That(() => Value(@"E'\xC3'"), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void A_nul_character_in_a_string_is_an_error() =>
        Assert.That(() => Value(@"E'a\0b'"), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void Unicode_strings_decode_escapes() =>
        Assert.That(Lex("U&'\\0041\\\\b' U&'x#0042' UESCAPE '#'"), Is.EqualTo(new[] { "String A\\b", "String xB" }));

    [Test]
    public void Bit_and_hex_strings_keep_their_digits() =>
        Assert.That(Lex("B'0101' X'1F'"), Is.EqualTo(new[] { "BitString 0101", "HexString 1F" }));

    [Test]
    public void Dollar_quotes_take_everything_up_to_the_same_tag() =>
        Assert.That(Lex("$$a'b$$ $tag$x$$y$t$tag$"), Is.EqualTo(new[] { "String a'b", "String x$$y$t" }));

    [Test]
    public void Positional_parameters_are_not_dollar_quotes() =>
        Assert.That(Lex("$1 $$x$$ $12"), Is.EqualTo(new[] { "PositionalParameter 1", "String x", "PositionalParameter 12" }));

    [Test]
    public void A_dollar_inside_an_identifier_does_not_start_a_quote() =>
        Assert.That(Lex("a$$b$$"), Is.EqualTo(new[] { "Identifier a$$b$$" }));

    [Test]
    public void An_unclosed_dollar_quote_is_an_error() =>
        Assert.That(() => Lex("$x$abc"), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("not closed"));

    [Test]
    public void Adjacent_strings_separated_by_a_newline_are_one_constant() =>
        Assert.That(Lex("'a' -- note\n  'b'\n'c' 'd'"), Is.EqualTo(new[] { "String abc", "String d" }));

    [Test]
    public void Numbers_follow_postgresql_15() =>
        Assert.That(Lex("42 1e5 .5 1.5E-3 3."), Is.EqualTo(new[] { "Integer 42", "Decimal 1e5", "Decimal .5", "Decimal 1.5E-3", "Decimal 3." }));

    [TestCase("0x1F")]
    [TestCase("1_000")]
    [TestCase("123abc")]
    [TestCase("1e")]
    [TestCase("$1a")]
    public void Trailing_junk_after_a_number_is_an_error_as_in_postgresql_15(string text) =>
        Assert.That(() => Lex(text), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("trailing junk"));

    [Test]
    public void Operators_take_the_longest_run_of_operator_characters() =>
        Assert.That(Lex("a->>'b' @> <> !~* ||"), Is.EqualTo(new[] { "Identifier a", "Operator ->>", "String b", "Operator @>", "Operator <>", "Operator !~*", "Operator ||" }));

    [Test]
    public void A_trailing_minus_is_split_off_a_plain_operator() =>
        Assert.That(Lex("a=-1"), Is.EqualTo(new[] { "Identifier a", "Operator =", "Operator -", "Integer 1" }));

    [Test]
    public void A_trailing_minus_stays_on_an_operator_with_a_special_character() =>
        Assert.That(Lex("a @- b"), Is.EqualTo(new[] { "Identifier a", "Operator @-", "Identifier b" }));

    [Test]
    public void An_operator_stops_before_a_comment() =>
        Assert.That(Lex("a +-- note\n b */* c */ d"), Is.EqualTo(new[] { "Identifier a", "Operator +", "Identifier b", "Operator *", "Identifier d" }));

    [Test]
    public void Casts_and_colons_are_their_own_tokens() =>
        Assert.That(Lex("a::int[1:2]"), Is.EqualTo(new[] { "Identifier a", "Cast ::", "Identifier int", "LeftBracket [", "Integer 1", "Colon :", "Integer 2", "RightBracket ]" }));

    [Test]
    public void At_followed_by_a_name_is_a_dapper_parameter() =>
        Assert.That(Lex("x=@id AND y @> @Tags"), Is.EqualTo(new[] { "Identifier x", "Operator =", "NamedParameter id", "Identifier and", "Identifier y", "Operator @>", "NamedParameter Tags" }));

    [Test]
    public void Nested_block_comments_are_skipped_whole() =>
        Assert.That(Lex("a /* one /* two */ still */ b -- end"), Is.EqualTo(new[] { "Identifier a", "Identifier b" }));

    [Test]
    public void An_unclosed_block_comment_is_an_error() =>
        Assert.That(() => Lex("a /* /* */"), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("not closed"));

    [Test]
    public void A_question_mark_is_an_operator_in_plain_text() =>
        Assert.That(Lex("d ? 'k' AND d ?| x"), Is.EqualTo(new[] { "Identifier d", "Operator ?", "String k", "Identifier and", "Identifier d", "Operator ?|", "Identifier x" }));

    [Test]
    public void A_question_mark_is_a_placeholder_in_a_fragment_and_backslash_question_mark_an_operator() =>
        Assert.That(Lex("a=? AND d \\?| ? AND d \\? 'k'", fragment: true), Is.EqualTo(new[]
        {
            "Identifier a", "Operator =", "Placeholder ?", "Identifier and", "Identifier d", "Operator ?|", "Placeholder ?",
            "Identifier and", "Identifier d", "Operator ?", "String k",
        }));

    [Test]
    public void Brackets_and_braces_quote_identifiers_in_a_fragment_only_outside_literals() =>
        Assert.That(Lex("[p.Name] = {x} AND y = '{1,2}' AND z = '[a]'", fragment: true), Is.EqualTo(new[]
        {
            "BracketIdentifier p.Name", "Operator =", "BracketIdentifier x", "Identifier and", "Identifier y", "Operator =", "String {1,2}",
            "Identifier and", "Identifier z", "Operator =", "String [a]",
        }));

    [Test]
    public void Question_marks_in_literals_and_comments_are_not_placeholders() =>
        Assert.That(Lex("'?' /* ? */ \"?\" $$?$$ -- ?", fragment: true), Is.EqualTo(new[] { "String ?", "QuotedIdentifier ?", "String ?" }));

    [Test]
    public void Errors_name_the_position_line_and_token() =>
        Assert.That(() => Lex("SELECT 1\n  FROM t WHERE x = 0x1"), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("position 29 (line 2, column 20) near '0x1'"));

    private static string Value(string sql) => Lex(sql)[0];

    private static string[] Lex(string sql, bool fragment = false)
    {
        var tokens = new List<SqlToken>();
        SqlLexer.Lex(sql, fragment, tokens);
        return [.. tokens.Where(t => t.Kind != SqlTokenKind.End).Select(t => t.Kind + " " + Describe(sql, t))];
    }

    private static string Describe(string sql, SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier => SqlTokenText.Identifier(sql, token),
        SqlTokenKind.String or SqlTokenKind.BitString or SqlTokenKind.HexString => SqlTokenText.String(sql, token),
        SqlTokenKind.Operator => SqlTokenText.Operator(sql, token),
        SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter or SqlTokenKind.BracketIdentifier => sql[token.ValueStart..token.ValueEnd],
        _ => sql[token.Start..token.End],
    };
}
