using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Unit.Parsing;

/// <summary>The builder's raw fragments: <c>?</c> bindings and <c>[x]</c> / <c>{x}</c> identifiers, parsed in their position.</summary>
public class FragmentParsingTests
{
    [Test]
    public void Expression_fragment_binds_placeholders_in_order() =>
        Assert.That(
            WriteWhere(SqlParser.ParseExpression("[t.name] = ? AND {estimate} > ?", ["x", 2])),
            Is.EqualTo("SELECT * FROM \"t\" WHERE \"t\".\"name\" = @p0 AND \"estimate\" > @p1 | x, 2"));

    [Test]
    public void A_list_binding_in_an_in_list_becomes_one_parameter_per_element() =>
        Assert.That(
            WriteWhere(SqlParser.ParseExpression("id IN (?)", [new[] { 1, 2, 3 }])),
            Is.EqualTo("SELECT * FROM \"t\" WHERE \"id\" IN (@p0, @p1, @p2) | 1, 2, 3"));

    [Test]
    public void Escaped_question_mark_is_the_jsonb_operator() =>
        Assert.That(
            WriteWhere(SqlParser.ParseExpression("data \\? ? AND data \\?| ?", ["k", new[] { "a" }])),
            Is.EqualTo("SELECT * FROM \"t\" WHERE \"data\" ? @p0 AND \"data\" ?| @p1 | k, [a]"));

    [Test]
    public void Brackets_and_question_marks_inside_literals_stay_literal() =>
        Assert.That(
            WriteWhere(SqlParser.ParseExpression("tags = '{1,2,3}' AND note <> '[x]?' AND id = ?", [5])),
            Is.EqualTo("SELECT * FROM \"t\" WHERE \"tags\" = '{1,2,3}' AND \"note\" <> '[x]?' AND \"id\" = @p0 | 5"));

    [TestCase("1=1) OR (1=1")]
    [TestCase("true) OR true --")]
    [TestCase("(name LIKE $$(%$$) OR (name LIKE $$%)$$")]
    [TestCase("x = 1 /* open")]
    [TestCase("x = 1; DELETE FROM t")]
    public void Fragment_that_is_not_one_expression_is_refused(string fragment) =>
        Assert.That(() => SqlParser.ParseExpression(fragment, []), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void A_balanced_fragment_with_dollar_quotes_is_one_expression() =>
        Assert.That(
            WriteWhere(SqlParser.ParseExpression("(name LIKE $$(%$$) OR (name LIKE $$%)$$)", [])),
            Is.EqualTo("SELECT * FROM \"t\" WHERE \"name\" LIKE '(%' OR \"name\" LIKE '%)' | "));

    [Test]
    public void Sub_query_in_a_fragment_is_a_tree_the_rewriter_can_see() =>
        Assert.That(SqlParser.ParseExpression("pet_id IN (SELECT id FROM pets WHERE species_id = ?)", [2]), Is.TypeOf<InSubqueryExpression>());

    [Test]
    public void Select_fragment_that_smuggles_a_from_is_refused() =>
        Assert.That(() => SqlParser.ParseSelectItems("name FROM projects --", []), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void Group_by_fragment_that_smuggles_a_union_is_refused() =>
        Assert.That(() => SqlParser.ParseGroupByItems("name UNION SELECT name FROM projects", []), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void Select_fragment_parses_items_with_aliases() =>
        Assert.That(SqlParser.ParseSelectItems("(SELECT count(*) FROM visits) AS n, [p.name] label", []).Select(i => i.Alias), Is.EqualTo(new[] { "n", "label" }));

    [Test]
    public void Order_fragment_parses_directions() =>
        Assert.That(SqlParser.ParseOrderItems("a DESC NULLS LAST, b", []).Select(i => i.Descending), Is.EqualTo(new[] { true, false }));

    [Test]
    public void Table_fragment_parses_joins() =>
        Assert.That(SqlParser.ParseTableSources("projects p JOIN tasks t ON t.project_id = p.id", []).Single(), Is.TypeOf<JoinedTable>());

    [Test]
    public void Query_fragment_parses_a_whole_query() =>
        Assert.That(SqlParser.ParseQuery("SELECT id FROM projects WHERE id > ?", [1]).Body, Is.TypeOf<SelectBlock>());

    [Test]
    public void More_placeholders_than_bindings_are_refused() =>
        Assert.That(() => SqlParser.ParseExpression("a = ? AND b = ?", [1]), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("more '?' placeholders"));

    [Test]
    public void Fewer_placeholders_than_bindings_are_refused() =>
        Assert.That(() => SqlParser.ParseExpression("a = ?", [1, 2]), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("2 binding(s)"));

    [TestCase("id = @id")]
    [TestCase("id = $1")]
    public void Named_and_positional_parameters_are_refused_in_fragments(string fragment) =>
        Assert.That(() => SqlParser.ParseExpression(fragment, []), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("'?' placeholders"));

    private static string WriteWhere(SqlExpression where)
    {
        var statement = new SelectStatement([], new SelectBlock(false, [], [new TableReference(null, "t", null)], where, [], null, [], null, null));
        var compiled = PostgresSqlWriter.Write(statement);
        return compiled.Sql + " | " + string.Join(", ", compiled.Values.Select(v => v is System.Collections.IEnumerable e and not string ? "[" + string.Join(", ", e.Cast<object>()) + "]" : v));
    }
}
