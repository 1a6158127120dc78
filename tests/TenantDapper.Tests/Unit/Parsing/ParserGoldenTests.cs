using TenantDapper.Compiling;
using TenantDapper.Parsing;

namespace TenantDapper.Tests.Unit.Parsing;

/// <summary>Text in, the writer's text out: each construct parses into the tree and is written back the way PostgreSQL reads it the same.</summary>
public class ParserGoldenTests
{
    private static readonly object[] Cases =
    [
        new[] { "SELECT a, b AS c FROM t WHERE a = 1", "SELECT \"a\", \"b\" AS \"c\" FROM \"t\" WHERE \"a\" = 1" },
        new[] { "select * from Public.Tasks t", "SELECT * FROM \"public\".\"tasks\" AS \"t\"" },
        new[] { "SELECT t.* FROM t", "SELECT \"t\".* FROM \"t\"" },
        new[] { "SELECT \"MixedCase\" FROM \"My\"\"Table\"", "SELECT \"MixedCase\" FROM U&\"My\\0022Table\"" },
        new[] { "SELECT U&\"d\\0061t\\+000061\" FROM t", "SELECT \"data\" FROM \"t\"" },
        new[] { "SELECT U&\"d!0061t!+000061\" UESCAPE '!' FROM t", "SELECT \"data\" FROM \"t\"" },
        new[] { "SELECT 'it''s', E'a\\'b\\n', $$x'y$$, $tag$a$$b$tag$", "SELECT 'it''s', E'a\\x27b\\x0A', 'x''y', 'a$$b'" },
        new[] { "SELECT 'a'\n   'b', 'c' 'd'", null! },
        new[] { "SELECT 'a'\n   'b'", "SELECT 'ab'" },
        new[] { "SELECT B'0101', X'1F', 1e5, .5, 1.5E-3, 42", "SELECT B'0101', X'1F', 1e5, .5, 1.5E-3, 42" },
        new[] { "SELECT U&'\\0041b'", "SELECT 'Ab'" },
        new[] { "SELECT '{1,2,3}'::int[]", "SELECT '{1,2,3}'::integer[]" },
        new[] { "SELECT 'user@example.com', '{=x}', 'a:b', 'a: b'", "SELECT E'user\\x40example.com', E'\\x7B=x}', E'a\\x3Ab', 'a: b'" },
        new[] { "SELECT 1 AS \"@ids\", 2 AS \"a\\b\"", "SELECT 1 AS U&\"\\0040ids\", 2 AS U&\"a\\005Cb\"" },
        new[] { "SELECT x FROM t WHERE id = @id AND n = $1", "SELECT \"x\" FROM \"t\" WHERE \"id\" = @id AND \"n\" = $1" },
        new[] { "SELECT a FROM t /* a /* nested */ comment */ -- trailing", "SELECT \"a\" FROM \"t\"" },
        new[] { "SELECT 1 + 2 * 3, (1 + 2) * 3, -2 ^ 2, - -1", "SELECT 1 + (2 * 3), (1 + 2) * 3, (- 2) ^ 2, - (- 1)" },
        new[] { "SELECT a=-1 FROM t", "SELECT \"a\" = (- 1) FROM \"t\"" },
        new[] { "SELECT a || b || c FROM t", "SELECT (\"a\" || \"b\") || \"c\" FROM \"t\"" },
        new[] { "SELECT data->'a'->>'b', data #> '{a,b}', data @> '{\"a\":1}', data ? 'k', data ?| array['a'] FROM t", "SELECT (\"data\" -> 'a') ->> 'b', \"data\" #> '{a,b}', \"data\" @> E'{\"a\"\\x3A1}', \"data\" ? 'k', \"data\" ?| ARRAY['a'] FROM \"t\"" },
        new[] { "SELECT a FROM t WHERE NOT a = 1 AND b IS NOT NULL OR c", "SELECT \"a\" FROM \"t\" WHERE NOT (\"a\" = 1) AND \"b\" IS NOT NULL OR \"c\"" },
        new[] { "SELECT a FROM t WHERE (a AND (b AND c)) AND d", "SELECT \"a\" FROM \"t\" WHERE \"a\" AND \"b\" AND \"c\" AND \"d\"" },
        new[] { "SELECT a FROM t WHERE a BETWEEN SYMMETRIC 1 AND 2 AND b NOT BETWEEN 3 AND 4", "SELECT \"a\" FROM \"t\" WHERE \"a\" BETWEEN SYMMETRIC 1 AND 2 AND \"b\" NOT BETWEEN 3 AND 4" },
        new[] { "SELECT a FROM t WHERE a IN (1, 2) AND b NOT IN (SELECT x FROM u)", "SELECT \"a\" FROM \"t\" WHERE \"a\" IN (1, 2) AND \"b\" NOT IN (SELECT \"x\" FROM \"u\")" },
        new[] { "SELECT a FROM t WHERE a LIKE 'x%' AND b NOT ILIKE 'y' AND c SIMILAR TO 'z' ESCAPE '#' AND d LIKE 'a!%' ESCAPE '!'", "SELECT \"a\" FROM \"t\" WHERE \"a\" LIKE 'x%' AND \"b\" NOT ILIKE 'y' AND \"c\" SIMILAR TO 'z' ESCAPE '#' AND \"d\" LIKE 'a!%' ESCAPE '!'" },
        new[] { "SELECT a FROM t WHERE a = ANY(ARRAY[1,2]) AND b <> ALL (SELECT x FROM u) AND c = SOME('{1}')", "SELECT \"a\" FROM \"t\" WHERE \"a\" = ANY (ARRAY[1, 2]) AND \"b\" <> ALL (SELECT \"x\" FROM \"u\") AND \"c\" = ANY ('{1}')" },
        new[] { "SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b, a IS TRUE, a IS NOT UNKNOWN, a ISNULL, a NOTNULL FROM t", "SELECT \"a\" IS DISTINCT FROM \"b\", \"a\" IS NOT DISTINCT FROM \"b\", \"a\" IS TRUE, \"a\" IS NOT UNKNOWN, \"a\" IS NULL, \"a\" IS NOT NULL FROM \"t\"" },
        new[] { "SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END, CASE a WHEN 1 THEN 2 END FROM t", "SELECT CASE WHEN \"a\" > 1 THEN 'x' ELSE 'y' END, CASE \"a\" WHEN 1 THEN 2 END FROM \"t\"" },
        new[] { "SELECT CAST(a AS numeric(10,2)), a::text, date '2020-01-01', interval '1 day', timestamp with time zone '2020-01-01', a::double precision, a::timestamp(3) without time zone FROM t", "SELECT CAST(\"a\" AS numeric(10, 2)), \"a\"::pg_catalog.text, pg_catalog.date '2020-01-01', interval '1 day', timestamp with time zone '2020-01-01', \"a\"::double precision, \"a\"::timestamp(3) FROM \"t\"" },
        new[] { "SELECT count(*), count(DISTINCT a), string_agg(b, ',' ORDER BY b DESC), sum(c) FILTER (WHERE c > 0) FROM t", "SELECT pg_catalog.count(*), pg_catalog.count(DISTINCT \"a\"), pg_catalog.string_agg(\"b\", ',' ORDER BY \"b\" DESC), pg_catalog.sum(\"c\") FILTER (WHERE \"c\" > 0) FROM \"t\"" },
        new[] { "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t", "SELECT pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY \"a\") FROM \"t\"" },
        new[] { "SELECT row_number() OVER (PARTITION BY a ORDER BY b NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), sum(x) OVER w FROM t WINDOW w AS (ORDER BY c)", "SELECT pg_catalog.row_number() OVER (PARTITION BY \"a\" ORDER BY \"b\" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), pg_catalog.sum(\"x\") OVER \"w\" FROM \"t\" WINDOW \"w\" AS (ORDER BY \"c\")" },
        new[] { "SELECT extract(year from d), position('a' in s), substring(s from 2 for 3), substring(s, 1, 2), trim(both 'x' from s), trim(s), overlay(s placing 'ab' from 2) FROM t", "SELECT pg_catalog.extract('year', \"d\"), pg_catalog.position(\"s\", 'a'), pg_catalog.substring(\"s\", 2, 3), pg_catalog.substring(\"s\", 1, 2), pg_catalog.btrim(\"s\", 'x'), pg_catalog.btrim(\"s\"), pg_catalog.overlay(\"s\", 'ab', 2) FROM \"t\"" },
        new[] { "SELECT coalesce(a, 0), nullif(a, 1), greatest(a, b), least(a, b), left(s, 2) FROM t", "SELECT coalesce(\"a\", 0), nullif(\"a\", 1), greatest(\"a\", \"b\"), least(\"a\", \"b\"), pg_catalog.left(\"s\", 2) FROM \"t\"" },
        new[] { "SELECT current_date, current_timestamp(3), localtimestamp, current_user", "SELECT CURRENT_DATE, CURRENT_TIMESTAMP(3), LOCALTIMESTAMP, CURRENT_USER" },
        new[] { "SELECT ARRAY[[1,2],[3,4]], ARRAY(SELECT x FROM u), a[1], a[1:2], a[:2], (r).f, (r).*, ROW(1, 2), (1, 2) FROM t", "SELECT ARRAY[ARRAY[1, 2], ARRAY[3, 4]], ARRAY(SELECT \"x\" FROM \"u\"), \"a\"[1], \"a\"[1 : 2], \"a\"[ : 2], (\"r\").\"f\", (\"r\").*, ROW(1, 2), (1, 2) FROM \"t\"" },
        new[] { "SELECT a COLLATE \"C\", ts AT TIME ZONE 'UTC' FROM t", "SELECT \"a\" COLLATE \"C\", \"ts\" AT TIME ZONE 'UTC' FROM \"t\"" },
        new[] { "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a, b DESC NULLS FIRST LIMIT 10 OFFSET 5", "SELECT DISTINCT ON (\"a\") \"a\", \"b\" FROM \"t\" ORDER BY \"a\", \"b\" DESC NULLS FIRST LIMIT 10 OFFSET 5" },
        new[] { "SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES", "SELECT \"a\" FROM \"t\" ORDER BY \"a\" FETCH FIRST (3) ROWS WITH TIES" },
        new[] { "SELECT a FROM t OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY", "SELECT \"a\" FROM \"t\" LIMIT 3 OFFSET 2" },
        new[] { "SELECT a FROM t FOR UPDATE OF t SKIP LOCKED", "SELECT \"a\" FROM \"t\" FOR UPDATE OF \"t\" SKIP LOCKED" },
        new[] { "SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1", "SELECT \"a\", pg_catalog.count(*) FROM \"t\" GROUP BY \"a\" HAVING pg_catalog.count(*) > 1" },
        new[] { "SELECT * FROM a JOIN b ON a.id = b.a_id LEFT OUTER JOIN c USING (id) CROSS JOIN d FULL JOIN e ON true", "SELECT * FROM \"a\" INNER JOIN \"b\" ON \"a\".\"id\" = \"b\".\"a_id\" LEFT JOIN \"c\" USING (\"id\") CROSS JOIN \"d\" FULL JOIN \"e\" ON true" },
        new[] { "SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.x = a.x) AS s, generate_series(1, 3) AS g(n), unnest(ARRAY[1]) WITH ORDINALITY u", "SELECT * FROM \"a\", LATERAL (SELECT * FROM \"b\" WHERE \"b\".\"x\" = \"a\".\"x\") AS \"s\", pg_catalog.generate_series(1, 3) AS \"g\" (\"n\"), pg_catalog.unnest(ARRAY[1]) WITH ORDINALITY AS \"u\"" },
        new[] { "SELECT * FROM jsonb_to_recordset('[]') AS r(a int, b text)", "SELECT * FROM pg_catalog.jsonb_to_recordset('[]') AS \"r\" (\"a\" integer, \"b\" pg_catalog.text)" },
        new[] { "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)", "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS \"v\" (\"n\", \"s\")" },
        new[] { "SELECT * FROM (a JOIN b ON true) JOIN c ON true", "SELECT * FROM \"a\" INNER JOIN \"b\" ON true INNER JOIN \"c\" ON true" },
        new[] { "SELECT * FROM a JOIN (b JOIN c ON true) ON true", "SELECT * FROM \"a\" INNER JOIN (\"b\" INNER JOIN \"c\" ON true) ON true" },
        new[] { "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4 ORDER BY 1 LIMIT 2", "SELECT 1 UNION (SELECT 2 INTERSECT (SELECT 3)) EXCEPT ALL (SELECT 4) ORDER BY 1 LIMIT 2" },
        new[] { "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3", "(SELECT 1 UNION (SELECT 2)) INTERSECT (SELECT 3)" },
        new[] { "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)", "(SELECT \"a\" FROM \"t\" ORDER BY \"a\" LIMIT 1) UNION ALL (SELECT \"b\" FROM \"u\")" },
        new[] { "VALUES (1), (2) ORDER BY 1", "VALUES (1), (2) ORDER BY 1" },
        new[] { "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r", "WITH RECURSIVE \"r\" (\"n\") AS (SELECT 1 UNION ALL (SELECT \"n\" + 1 FROM \"r\" WHERE \"n\" < 3)) SELECT \"n\" FROM \"r\"" },
        new[] { "WITH x AS MATERIALIZED (SELECT 1), y AS NOT MATERIALIZED (SELECT 2) SELECT * FROM x, y", "WITH \"x\" AS MATERIALIZED (SELECT 1), \"y\" AS NOT MATERIALIZED (SELECT 2) SELECT * FROM \"x\", \"y\"" },
        new[] { "WITH d AS (DELETE FROM t WHERE a = 1 RETURNING *) SELECT * FROM d", "WITH \"d\" AS (DELETE FROM \"t\" WHERE \"a\" = 1 RETURNING *) SELECT * FROM \"d\"" },
        new[] { "INSERT INTO t (a, b) VALUES (1, DEFAULT), (2, 3) RETURNING id", "INSERT INTO \"t\" (\"a\", \"b\") VALUES (1, DEFAULT), (2, 3) RETURNING \"id\"" },
        new[] { "INSERT INTO t AS x (a) SELECT a FROM u ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE x.c > 0", "INSERT INTO \"t\" AS \"x\" (\"a\") SELECT \"a\" FROM \"u\" ON CONFLICT (\"a\") DO UPDATE SET \"b\" = \"excluded\".\"b\" WHERE \"x\".\"c\" > 0" },
        new[] { "INSERT INTO t DEFAULT VALUES", "INSERT INTO \"t\" DEFAULT VALUES" },
        new[] { "INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING", "INSERT INTO \"t\" (\"a\") VALUES (1) ON CONFLICT ON CONSTRAINT \"t_pkey\" DO NOTHING" },
        new[] { "UPDATE t AS x SET a = 1, (b, c) = (2, DEFAULT) FROM u WHERE u.id = x.id RETURNING x.a", "UPDATE \"t\" AS \"x\" SET \"a\" = 1, \"b\" = 2, \"c\" = DEFAULT FROM \"u\" WHERE \"u\".\"id\" = \"x\".\"id\" RETURNING \"x\".\"a\"" },
        new[] { "DELETE FROM t USING u WHERE t.id = u.id RETURNING t.*;", "DELETE FROM \"t\" USING \"u\" WHERE \"t\".\"id\" = \"u\".\"id\" RETURNING \"t\".*" },
        new[] { "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", "SELECT \"a\" FROM \"t\" WHERE EXISTS (SELECT 1 FROM \"u\" WHERE \"u\".\"a\" = \"t\".\"a\")" },
        new[] { "SELECT ((SELECT 1) + 1)", "SELECT (SELECT 1) + 1" },
        new[] { "SELECT ((SELECT 1))", "SELECT (SELECT 1)" },
        new[] { "SELECT make_interval(days => 1), format('%s', VARIADIC ARRAY['a'])", "SELECT pg_catalog.make_interval(\"days\" => 1), pg_catalog.format('%s', VARIADIC ARRAY['a'])" },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Text_is_parsed_and_written_back(string sql, string? expected)
    {
        if (expected is null)
        {
            Assert.That(() => SqlParser.ParseStatement(sql), Throws.TypeOf<UnscopableSqlException>());
            return;
        }

        Assert.That(PostgresSqlWriter.Write(SqlParser.ParseStatement(sql)).Sql, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Cases))]
    public void Writing_and_parsing_again_gives_the_same_text(string sql, string? expected)
    {
        if (expected is null)
        {
            return;
        }

        var written = PostgresSqlWriter.Write(SqlParser.ParseStatement(sql)).Sql;
        Assert.That(PostgresSqlWriter.Write(SqlParser.ParseStatement(written)).Sql, Is.EqualTo(written));
    }
}
