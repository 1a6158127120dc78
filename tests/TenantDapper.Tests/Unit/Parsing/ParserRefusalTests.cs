using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Unit.Parsing;

/// <summary>What the parser refuses (fail closed), and that it never fails any other way.</summary>
public class ParserRefusalTests
{
    [TestCase("SELECT 1; SELECT 2", "only one statement")]
    [TestCase("SELECT 1; DELETE FROM tasks", "only one statement")]
    [TestCase("SELECT * FROM projects NATURAL JOIN tasks", "NATURAL joins are not supported")]
    [TestCase("CREATE TABLE x (a int)", "only SELECT, INSERT, UPDATE and DELETE")]
    [TestCase("DROP TABLE tasks", "only SELECT, INSERT, UPDATE and DELETE")]
    [TestCase("SET search_path = other", "only SELECT, INSERT, UPDATE and DELETE")]
    [TestCase("COPY tasks TO STDOUT", "only SELECT, INSERT, UPDATE and DELETE")]
    [TestCase("SELECT * INTO t2 FROM tasks", "SELECT INTO")]
    [TestCase("SELECT * FROM tasks AS t(tenant, x)", "can rename the tenant column")]
    [TestCase("SELECT * FROM ONLY tasks", "ONLY is not supported")]
    [TestCase("SELECT * FROM tasks TABLESAMPLE SYSTEM (1)", "TABLESAMPLE")]
    [TestCase("SELECT a FROM t GROUP BY GROUPING SETS ((a), ()", "')' after the grouping sets")]
    [TestCase("SELECT (1, 2) OVERLAPS 3", "OVERLAPS takes a row on each side")]
    [TestCase("SELECT * FROM a JOIN b JOIN c ON c.x = b.x", "expected ON or USING")]
    [TestCase("SELECT * FROM a JOIN b NATURAL JOIN c ON true", "NATURAL joins are not supported")]
    [TestCase("SELECT * FROM t WHERE id = @tenant", "@tenant is the parameter TenantDapper binds")]
    [TestCase("SELECT * FROM t WHERE id = :id", "expected an expression")]
    [TestCase("SELECT (SELECT 1", "expected ')'")]
    [TestCase("SELECT * FROM t WHERE a OPERATOR(pg_catalog.=) 1", "OPERATOR(schema.op)")]
    [TestCase("SELECT a < b < c FROM t", "cannot be chained")]
    [TestCase("SELECT interval '1' day", "field qualifier")]
    [TestCase("WITH x AS (SELECT 1) SELECT * FROM (WITH y AS (DELETE FROM t RETURNING *) SELECT * FROM y) s", "must be at the top level")]
    [TestCase("UPDATE t SET (a, b) = (SELECT 1, 2) + 1", "expected")]
    [TestCase("DELETE FROM t WHERE CURRENT OF c", "CURRENT OF")]
    [TestCase("SELECT 'unterminated", "not closed")]
    [TestCase("SELECT N'x'", "national character")]
    public void Statement_is_refused_with_the_reason(string sql, string reason) =>
        Assert.That(() => SqlParser.ParseStatement(sql), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains(reason));

    [Test]
    public void A_trailing_semicolon_is_allowed() =>
        Assert.That(PostgresSqlWriter.Write(SqlParser.ParseStatement("SELECT 1 ;  -- done")).Sql, Is.EqualTo("SELECT 1"));

    [Test]
    public void The_error_names_the_position_and_the_token() =>
        Assert.That(
            () => SqlParser.ParseStatement("SELECT a\nFROM t NATURAL JOIN u"),
            Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("position 17 (line 2, column 8) near 'NATURAL JOIN u'"));

    [TestCase(10_000)]
    [TestCase(SqlParser.MaxDepth + 1)]
    public void Deeply_nested_parentheses_are_refused_without_overflowing_the_stack(int depth) =>
        Assert.That(() => SqlParser.ParseStatement("SELECT " + new string('(', depth) + "1" + new string(')', depth)), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("levels deep"));

    [Test]
    public void Parentheses_up_to_the_limit_are_accepted() =>
        Assert.That(PostgresSqlWriter.Write(SqlParser.ParseStatement("SELECT " + new string('(', 100) + "1" + new string(')', 100))).Sql, Is.EqualTo("SELECT 1"));

    [TestCase("SELECT 1{0}", " + 1")]
    [TestCase("SELECT 1{0}", "::text")]
    [TestCase("SELECT x FROM t{0}", " JOIN t ON true")]
    [TestCase("SELECT 1 {0}", "UNION SELECT 1 ")]
    [TestCase("SELECT {0}1", "NOT ")]
    [TestCase("SELECT {0}1", "- ")]
    [TestCase("SELECT {0}1", "~ ")]
    [TestCase("SELECT a{0}", "[1]")]
    [TestCase("SELECT a{0}", " IS NULL")]
    [TestCase("SELECT {0}", "ARRAY[")]
    [TestCase("SELECT * FROM t WHERE x IN {0}", "(SELECT 1 WHERE x IN ")]
    [TestCase("SELECT * FROM {0}t", "LATERAL (SELECT * FROM ")]
    [TestCase("SELECT * FROM t{0}", " JOIN t")]
    [TestCase("SELECT a FROM t GROUP BY {0}", "GROUPING SETS (")]
    public void Long_chains_and_deep_nesting_are_refused_without_overflowing_the_stack(string shape, string repeated)
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, string.Concat(Enumerable.Repeat(repeated, 20_000)));
        Assert.That(() => SqlParser.ParseStatement(sql), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public void Every_prefix_of_a_statement_parses_or_is_refused_never_another_exception()
    {
        const string sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3), d AS (DELETE FROM t WHERE id = @id RETURNING *) " +
            "SELECT DISTINCT ON (a) a::numeric(10,2)[], E'x\\ny', $q$z$q$, U&\"d\\0061\", CASE WHEN b IS NOT NULL THEN ARRAY[1,2][1:2] END, " +
            "count(*) FILTER (WHERE c LIKE 'x%' ESCAPE '#' AND c ~~ 'y') OVER (PARTITION BY d ORDER BY e NULLS LAST ROWS 1 PRECEDING), extract(year from f), " +
            "(g).h, ROW(1, 2) FROM t1 x LEFT JOIN LATERAL jsonb_to_recordset(x.j) AS y(k int) ON true JOIN t2 USING (m) " +
            "WHERE n = ANY (SELECT o FROM t3) AND p BETWEEN SYMMETRIC 1 AND 2 /* c /* n */ */ GROUP BY 1 HAVING sum(q) > 0 " +
            "ORDER BY 1 DESC LIMIT 10 OFFSET 2 FOR UPDATE SKIP LOCKED";
        Assert.That(() => SqlParser.ParseStatement(sql), Throws.Nothing);
        for (var length = 0; length < sql.Length; length++)
        {
            var prefix = sql[..length];
            try
            {
                SqlParser.ParseStatement(prefix);
            }
            catch (UnscopableSqlException)
            {
                // Refused: the only other outcome allowed.
            }
        }
    }
}
