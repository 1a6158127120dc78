-- The parser's round-trip corpus: every statement is parsed, written back, and both texts run on PostgreSQL 15
-- over corpus-schema.sql; the rows (and for writes the rows affected and the tables afterwards) must be equal.
-- A line "-- case: <id>" starts a statement; everything up to the next such line is its text.
-- case: select-001
SELECT 1
-- case: select-002
SELECT id, name FROM users ORDER BY tenant_id, id
-- case: select-003
SELECT * FROM tenants ORDER BY id
-- case: select-004
SELECT users.* FROM users WHERE tenant_id = 2 ORDER BY id
-- case: select-005
SELECT u.* , p.name AS project FROM users u JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.id
-- case: select-006
SELECT DISTINCT status FROM tasks ORDER BY status
-- case: select-007
SELECT DISTINCT tenant_id, status FROM tasks ORDER BY 1, 2
-- case: select-008
SELECT DISTINCT ON (tenant_id) tenant_id, id, title FROM tasks ORDER BY tenant_id, priority DESC, id
-- case: select-009
SELECT DISTINCT ON (t.tenant_id, t.project_id) t.tenant_id, t.project_id, t.title FROM tasks AS t ORDER BY t.tenant_id, t.project_id, t.id DESC
-- case: select-010
SELECT ALL name FROM countries ORDER BY name
-- case: select-011
SELECT name AS "Name", code "the code" FROM countries ORDER BY code
-- case: select-012
SELECT name n FROM countries ORDER BY n DESC
-- case: select-013
SELECT c.code, c.name FROM public.countries AS c ORDER BY c.code
-- case: select-014
SELECT public.countries.name FROM public.countries ORDER BY public.countries.code
-- case: select-015
SELECT countries.name FROM countries WHERE countries.code IN ('de', 'fr') ORDER BY 1
-- case: select-016
SELECT id, title FROM tasks WHERE tenant_id = 1 AND done ORDER BY id
-- case: select-017
SELECT id, title FROM tasks WHERE tenant_id = 1 AND NOT done ORDER BY id
-- case: select-018
SELECT count(*) FROM users
-- case: select-019
SELECT count(*) AS n, min(created_at), max(created_at) FROM users
-- case: select-020
SELECT id FROM users WHERE TRUE ORDER BY tenant_id, id
-- case: select-021
SELECT id FROM users WHERE FALSE
-- case: select-022
SELECT NULL AS nothing, TRUE AS yes, FALSE AS no
-- case: select-023
SELECT name FROM users ORDER BY name ASC NULLS FIRST, tenant_id DESC NULLS LAST
-- case: select-024
SELECT email FROM users ORDER BY email NULLS FIRST, tenant_id, id
-- case: select-025
SELECT email FROM users ORDER BY email DESC NULLS LAST, tenant_id, id
-- case: select-026
SELECT score FROM users ORDER BY score USING <, tenant_id, id
-- case: select-027
SELECT id, name FROM users ORDER BY tenant_id, id LIMIT 5
-- case: select-028
SELECT id, name FROM users ORDER BY tenant_id, id LIMIT 5 OFFSET 3
-- case: select-029
SELECT id, name FROM users ORDER BY tenant_id, id OFFSET 18
-- case: select-030
SELECT id, name FROM users ORDER BY tenant_id, id LIMIT ALL
-- case: select-031
SELECT id, name FROM users ORDER BY tenant_id, id OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY
-- case: select-032
SELECT id, name FROM users ORDER BY tenant_id, id FETCH NEXT 1 ROW ONLY
-- case: select-033
SELECT id, name FROM users ORDER BY tenant_id, id FETCH FIRST ROW ONLY
-- case: select-034
SELECT tenant_id, id FROM users ORDER BY tenant_id FETCH FIRST 2 ROWS WITH TIES
-- case: select-035
SELECT id, name FROM users ORDER BY tenant_id, id OFFSET 1 ROW
-- case: select-036
SELECT id FROM users ORDER BY tenant_id, id LIMIT (SELECT count(*) FROM countries)
-- case: select-037
SELECT id FROM users ORDER BY tenant_id, id LIMIT 2 + 1 OFFSET 1 * 2
-- case: select-038
SELECT name FROM users WHERE tenant_id = 1 ORDER BY length(name), name
-- case: select-039
SELECT name, tenant_id FROM users ORDER BY 2 DESC, 1
-- case: select-040
SELECT id, title FROM tasks WHERE tenant_id = 1 ORDER BY priority * -1, id
-- case: select-041
SELECT tenant_id, id FROM users WHERE tenant_id = 1 FOR UPDATE
-- case: select-042
SELECT tenant_id, id FROM users WHERE tenant_id = 2 FOR SHARE
-- case: select-043
SELECT tenant_id, id FROM users WHERE tenant_id = 3 FOR NO KEY UPDATE
-- case: select-044
SELECT tenant_id, id FROM users WHERE tenant_id = 3 FOR KEY SHARE
-- case: select-045
SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.id = 1 ORDER BY u.id FOR UPDATE OF u
-- case: select-046
SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.id = 2 ORDER BY u.id FOR UPDATE OF u, t NOWAIT
-- case: select-047
SELECT id FROM users WHERE tenant_id = 1 ORDER BY id FOR UPDATE SKIP LOCKED
-- case: select-048
SELECT id FROM users WHERE tenant_id = 1 ORDER BY id LIMIT 2 FOR SHARE OF users
-- case: select-049
SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.id = 1 ORDER BY u.id FOR SHARE OF t FOR UPDATE OF u
-- case: select-050
SELECT t.id, t.title FROM tasks t WHERE t.tenant_id = 2 AND t.priority >= 3 ORDER BY t.id
-- case: select-051
SELECT * FROM (SELECT 1 AS a, 2 AS b) AS x
-- case: select-052
SELECT x.a + x.b AS total FROM (SELECT 1 AS a, 2 AS b) x
-- case: select-053
SELECT * FROM (SELECT 1, 'one') AS x (n, word)
-- case: select-054
SELECT n, word FROM (VALUES (1, 'one'), (2, 'two'), (3, 'three')) AS v (n, word) ORDER BY n
-- case: select-055
SELECT * FROM (VALUES (1), (2)) v ORDER BY 1
-- case: select-057
SELECT "Id", "select", "quote""d", "Ünïcode" FROM "Mixed Case" ORDER BY "Id"
-- case: select-058
SELECT m."Id" AS "Ident""ifier", m."select" AS "from" FROM "Mixed Case" AS m ORDER BY 1
-- case: select-059
SELECT "Mixed Case"."Id" FROM public."Mixed Case" ORDER BY "Mixed Case"."Id"
-- case: select-060
SELECT * FROM "Mixed Case" WHERE "select" = 'from'
-- case: select-061
SELECT name FROM "users" WHERE "tenant_id" = 1 ORDER BY "id"
-- case: select-062
SELECT "name" AS "select", "id" AS "FROM" FROM users WHERE tenant_id = 2 ORDER BY 2
-- case: select-063
SELECT id AS "order", name AS "group" FROM users WHERE tenant_id = 3 ORDER BY "order"
-- case: select-064
SELECT 1 AS " ", 2 AS "  "
-- case: select-065
SELECT U&"d\0061t\+000061" FROM (SELECT 1 AS data) AS s
-- case: select-066
SELECT U&"!0069d" UESCAPE '!' FROM countries, (SELECT 1 AS id) AS x ORDER BY code
-- case: select-067
SELECT U&"\00dcn\00efcode" FROM "Mixed Case" ORDER BY "Id"
-- case: lexical-001
SELECT 'it''s', '', ''''
-- case: lexical-002
SELECT 'first'
'second' AS joined
-- case: lexical-003
SELECT E'tab\there', E'new\nline', E'quote\'s', E'back\\slash', E'\x41\101\u0042\U00000043'
-- case: lexical-004
SELECT e'lower e', E'', E'\''
-- case: lexical-005
SELECT E'continued'
    'on the next line'
-- case: lexical-006
SELECT U&'\0041\00e4\+01F600', U&'d!0061t!+000061' UESCAPE '!'
-- case: lexical-007
SELECT u&'lower', U&'it''s'
-- case: lexical-008
SELECT B'1010', b'0', B'1010' | B'0101', X'1F', x'ff', X'1F'::bit(8)::int
-- case: lexical-009
SELECT B'1010'::bit varying(8) AS bits
-- case: lexical-010
SELECT $$dollar$$, $$it's$$, $$$$ AS empty, $$with $ sign$$
-- case: lexical-011
SELECT $tag$a $$ nested $$ inside$tag$, $_x1$ok$_x1$
-- case: lexical-012
SELECT $a$ -- not a comment $a$ AS c1, $a$/* not a comment */$a$ AS c2, $a$ ' $a$ AS c3
-- case: lexical-013
SELECT $fn$SELECT 1; DROP TABLE users;$fn$ AS text_only
-- case: lexical-014
SELECT name FROM users WHERE name LIKE $$%a%$$ AND tenant_id = 1 ORDER BY id
-- case: lexical-015
SELECT 42, -7, 3.5, .5, 5., 1e3, 1.5E-2, 2e+4, 00012, 9223372036854775807, 9223372036854775808, 0.0
-- case: lexical-016
SELECT 1.5e3::int, 12345678901234567890123.5::numeric, 1e-10::float8
-- case: lexical-017
SELECT 1-1, 2--1
-- case: lexical-018
SELECT 2 - -1, 2 - - 1, -(-3), - 2 ^ 2, (-2) ^ 2
-- case: lexical-019
SELECT id -- a line comment
FROM users -- another; with a semicolon
WHERE tenant_id = 1 ORDER BY id
-- case: lexical-020
SELECT /* block */ id FROM /* comment with 'quote' and "ident" */ users WHERE tenant_id = 1 ORDER BY id
-- case: lexical-021
SELECT /* outer /* nested */ still a comment */ 1 AS n
-- case: lexical-022
SELECT 1 /* a comment -- with dashes */ + 2
-- case: lexical-023
SELECT 1 AS a/* touching */,2 AS b
-- case: lexical-024
SELECT '--not a comment', '/* nor this */', 'semi;colon', '?', '{1,2,3}', '[x]', '@name', '$1'
-- case: lexical-025
SELECT "--", "/*" FROM (SELECT 1 AS "--", 2 AS "/*") AS x
-- case: lexical-026
SELECT 1::int, '2'::bigint, '3.5'::numeric(4, 1), 'x'::text, '1'::int::text, ('4'::int)::float8
-- case: lexical-027
SELECT '{1,2,3}'::int[], '{{1,2},{3,4}}'::integer[][], ARRAY[1, 2]::bigint[]
-- case: lexical-028
SELECT '2025-01-01'::date, '2025-01-01 10:00'::timestamp, '2025-01-01 10:00+02'::timestamptz, '1 day'::interval
-- case: lexical-029
SELECT 'true'::boolean, 'f'::bool, '12:30'::time, '{"a":1}'::jsonb, '{"a":1}'::json::text
-- case: lexical-030
SELECT 3.7::integer, 3.7::int4, 3::int2, 3::int8, 3::real, 3::float4, 3::double precision, 3::decimal(5, 2)
-- case: lexical-031
SELECT 'abc'::varchar(2), 'abc'::character varying(10), 'abc'::char(5), 'abc'::character(2), 'ab'::"char"
-- case: lexical-032
SELECT 'x'::name, 'users'::regclass::text, 10::oid
-- case: lexical-033
SELECT '00000000-0000-0000-0000-00000000000a'::uuid
-- case: lexical-034
SELECT '2025-01-01 10:00'::timestamp without time zone, '2025-01-01 10:00+00'::timestamp with time zone AT TIME ZONE 'UTC'
-- case: lexical-035
SELECT '10:00'::time without time zone, '10:00+02'::time with time zone
-- case: lexical-036
SELECT '1.5'::numeric::integer, ('7' || '0')::int / 7
-- case: lexical-037
SELECT DATE '2025-03-01', TIMESTAMP '2025-03-01 08:00', TIMESTAMPTZ '2025-03-01 08:00+00', TIME '08:00'
-- case: lexical-039
SELECT int '42', text 'x', numeric '1.50', bigint '9', boolean 'yes', jsonb '[1, 2]', bool 'no'
-- case: lexical-040
SELECT timestamp with time zone '2025-03-01 08:00+00', double precision '1.5', character varying 'x'
-- case: lexical-041
SELECT CAST('5' AS integer), CAST(5 AS text), CAST('{1,2}' AS int[]), CAST(NULL AS date), CAST(1.25 AS numeric(4, 1))
-- case: lexical-042
SELECT CAST(CAST('3' AS int) + 1 AS varchar(5))
-- case: lexical-043
SELECT id::text || ':' || name FROM users WHERE tenant_id = 1 ORDER BY id
-- case: lexical-044
SELECT created_at::date, score::int, tags::text FROM users WHERE tenant_id = 1 ORDER BY id
-- case: lexical-045
SELECT   id,
	name
FROM
  users
WHERE tenant_id=1 ORDER BY id
-- case: lexical-046
SELECT id FROM users WHERE tenant_id=2 AND(id<>3) ORDER BY id
-- case: lexical-047
SeLeCt Id, NaMe FrOm UsErS wHeRe TeNaNt_Id = 1 OrDeR bY iD
-- case: lexical-048
SELECT name FROM users WHERE tenant_id = 1 ORDER BY id;
-- case: join-001
SELECT u.name, p.name FROM users u INNER JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.id
-- case: join-002
SELECT u.name, p.name FROM users u JOIN projects p ON (p.tenant_id = u.tenant_id AND p.owner_id = u.id) ORDER BY u.tenant_id, u.id, p.id
-- case: join-003
SELECT u.name, p.name FROM users u LEFT JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.id
-- case: join-004
SELECT u.name, p.name FROM users u LEFT OUTER JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.id
-- case: join-005
SELECT u.name, p.name FROM projects p RIGHT JOIN users u ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.id
-- case: join-006
SELECT u.name, p.name FROM projects p RIGHT OUTER JOIN users u ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.id
-- case: join-007
SELECT u.id, p.id FROM users u FULL JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.tenant_id, p.id
-- case: join-008
SELECT u.id, p.id FROM users u FULL OUTER JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id ORDER BY u.tenant_id, u.id, p.tenant_id, p.id
-- case: join-009
SELECT c.code, t.id FROM countries c CROSS JOIN tenants t ORDER BY c.code, t.id
-- case: join-010
SELECT c.code, t.id FROM countries c, tenants t WHERE t.plan = 'pro' ORDER BY c.code, t.id
-- case: join-011
SELECT count(*) FROM countries, tenants, audit_log
-- case: join-012
SELECT u.name, c.name FROM users u JOIN countries c ON c.code = u.country_code WHERE u.tenant_id = 1 ORDER BY u.id
-- case: join-013
SELECT * FROM users JOIN tenants ON tenants.id = users.tenant_id WHERE users.id = 1 ORDER BY tenants.id
-- case: join-014
SELECT tenant_id, users.id, name, title FROM users JOIN tasks USING (tenant_id) WHERE tasks.id = 1 AND users.id = 2 ORDER BY tenant_id
-- case: join-015
SELECT tenant_id, p.name, t.title FROM projects p JOIN tasks t USING (tenant_id) WHERE t.project_id = p.id AND t.id < 3 ORDER BY tenant_id, p.id, t.id
-- case: join-016
SELECT * FROM comments JOIN tasks USING (tenant_id) WHERE comments.task_id = tasks.id AND tenant_id = 1 ORDER BY comments.id
-- case: join-017
SELECT tenant_id, id, u.name, t.title FROM users u JOIN tasks t USING (tenant_id, id) ORDER BY tenant_id, id
-- case: join-018
SELECT tenant_id, id, u.name, t.title FROM users u LEFT JOIN tasks t USING (tenant_id, id) ORDER BY tenant_id, id
-- case: join-019
SELECT tenant_id, id FROM users u FULL JOIN tasks t USING (tenant_id, id) ORDER BY tenant_id, id
-- case: join-021
SELECT u.name, x.title FROM users u, LATERAL (SELECT t.title FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.assignee_id = u.id ORDER BY t.priority DESC, t.id LIMIT 1) x ORDER BY u.tenant_id, u.id
-- case: join-022
SELECT u.name, x.title FROM users u LEFT JOIN LATERAL (SELECT t.title FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.assignee_id = u.id ORDER BY t.id LIMIT 1) AS x ON true ORDER BY u.tenant_id, u.id
-- case: join-023
SELECT u.name, x.n FROM users u CROSS JOIN LATERAL (SELECT count(*) AS n FROM comments c WHERE c.tenant_id = u.tenant_id AND c.author_id = u.id) x ORDER BY u.tenant_id, u.id
-- case: join-024
SELECT u.name, x.n FROM users u JOIN LATERAL (SELECT count(*) AS n FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.assignee_id = u.id) x ON x.n > 1 ORDER BY u.tenant_id, u.id
-- case: join-025
SELECT u.id, tag FROM users u, LATERAL unnest(u.tags) AS tag WHERE u.tenant_id = 1 ORDER BY u.id, tag
-- case: join-026
SELECT u.id, tag, ord FROM users u CROSS JOIN LATERAL unnest(u.tags) WITH ORDINALITY AS x (tag, ord) WHERE u.tenant_id = 2 ORDER BY u.id, ord
-- case: join-027
SELECT u.id, g FROM users u, generate_series(1, 2) g WHERE u.tenant_id = 1 ORDER BY u.id, g
-- case: join-028
SELECT n FROM generate_series(1, 5) AS n ORDER BY n DESC
-- case: join-029
SELECT * FROM generate_series(1, 3) AS g (n) JOIN users u ON u.id = g.n AND u.tenant_id = 1 ORDER BY n
-- case: join-030
SELECT * FROM unnest(ARRAY[1, 2], ARRAY['a', 'b']) AS x (n, s) ORDER BY n
-- case: join-031
SELECT key, value FROM tenants t, jsonb_each(t.settings -> 'limits') WHERE t.id = 1 ORDER BY key
-- case: join-032
SELECT t.id, e.value FROM tenants t CROSS JOIN LATERAL jsonb_array_elements_text(t.settings -> 'features') AS e ORDER BY t.id, e.value
-- case: join-033
SELECT u.name, m.name AS manager FROM users u LEFT JOIN users m ON m.tenant_id = u.tenant_id AND m.id = u.manager_id ORDER BY u.tenant_id, u.id
-- case: join-034
SELECT a.name, b.name FROM users a JOIN users b ON a.tenant_id = b.tenant_id AND a.id < b.id WHERE a.tenant_id = 1 ORDER BY a.id, b.id
-- case: join-035
SELECT t.title, p.name, u.name FROM tasks t JOIN projects p ON p.tenant_id = t.tenant_id AND p.id = t.project_id LEFT JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.assignee_id ORDER BY t.tenant_id, t.id
-- case: join-036
SELECT t.id, p.id, u.id, c.id FROM tasks t JOIN projects p ON p.tenant_id = t.tenant_id AND p.id = t.project_id JOIN users u ON u.tenant_id = t.tenant_id AND u.id = p.owner_id LEFT JOIN comments c ON c.tenant_id = t.tenant_id AND c.task_id = t.id ORDER BY t.tenant_id, t.id, c.id
-- case: join-037
SELECT t.id, p.id FROM tasks t JOIN (projects p JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.owner_id) ON p.tenant_id = t.tenant_id AND p.id = t.project_id ORDER BY t.tenant_id, t.id
-- case: join-038
SELECT t.id, p.id FROM tasks t LEFT JOIN (projects p JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.owner_id AND u.active) ON p.tenant_id = t.tenant_id AND p.id = t.project_id ORDER BY t.tenant_id, t.id
-- case: join-039
SELECT * FROM (tasks t JOIN projects p ON p.tenant_id = t.tenant_id AND p.id = t.project_id) WHERE t.id = 1 ORDER BY t.tenant_id
-- case: join-040
SELECT count(*) FROM ((users u JOIN tasks t ON t.tenant_id = u.tenant_id) JOIN projects p ON p.tenant_id = t.tenant_id)
-- case: join-042
SELECT u.id, d.total FROM users u JOIN (SELECT tenant_id, assignee_id, count(*) AS total FROM tasks GROUP BY tenant_id, assignee_id) d ON d.tenant_id = u.tenant_id AND d.assignee_id = u.id ORDER BY u.tenant_id, u.id
-- case: join-043
SELECT u.id, c.name FROM users u JOIN countries c ON u.country_code = c.code AND c.code <> 'us' OR u.country_code IS NULL AND c.code = 'de' WHERE u.tenant_id = 3 ORDER BY u.id, c.code
-- case: join-044
SELECT p.name, t.cnt FROM projects p LEFT JOIN LATERAL (SELECT count(*) cnt FROM tasks WHERE tasks.tenant_id = p.tenant_id AND tasks.project_id = p.id AND NOT tasks.done) t ON TRUE ORDER BY p.tenant_id, p.id
-- case: join-045
SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id AND t.settings @> '{"theme": "dark"}' ORDER BY u.id
-- case: join-048
SELECT t1.id, t2.id FROM tenants AS t1 JOIN tenants AS t2 ON t1.plan = t2.plan AND t1.id < t2.id
-- case: subquery-001
SELECT name, (SELECT count(*) FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.assignee_id = u.id) AS task_count FROM users u ORDER BY u.tenant_id, u.id
-- case: subquery-002
SELECT name FROM users u WHERE (SELECT count(*) FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.assignee_id = u.id) > 1 ORDER BY u.tenant_id, u.id
-- case: subquery-003
SELECT name FROM users u WHERE EXISTS (SELECT 1 FROM comments c WHERE c.tenant_id = u.tenant_id AND c.author_id = u.id) ORDER BY u.tenant_id, u.id
-- case: subquery-005
SELECT title FROM tasks WHERE project_id IN (SELECT id FROM projects WHERE budget > 2000) ORDER BY tenant_id, id
-- case: subquery-006
SELECT title FROM tasks WHERE project_id NOT IN (SELECT id FROM projects WHERE budget IS NOT NULL) ORDER BY tenant_id, id
-- case: subquery-007
SELECT title FROM tasks WHERE (tenant_id, project_id) IN (SELECT tenant_id, id FROM projects WHERE meta ->> 'color' = 'red') ORDER BY tenant_id, id
-- case: subquery-008
SELECT title FROM tasks WHERE (tenant_id, project_id) NOT IN (SELECT tenant_id, id FROM projects WHERE meta ->> 'color' = 'red') ORDER BY tenant_id, id
-- case: subquery-009
SELECT name FROM users WHERE score > ALL (SELECT score FROM users WHERE tenant_id = 2 AND score IS NOT NULL) ORDER BY tenant_id, id
-- case: subquery-010
SELECT name FROM users WHERE score < ANY (SELECT score FROM users WHERE tenant_id = 3) ORDER BY tenant_id, id
-- case: subquery-011
SELECT name FROM users WHERE id = SOME (SELECT owner_id FROM projects) ORDER BY tenant_id, id
-- case: subquery-012
SELECT name FROM users WHERE country_code <> ALL (SELECT code FROM countries WHERE name LIKE '%a%') ORDER BY tenant_id, id
-- case: subquery-013
SELECT * FROM (SELECT * FROM (SELECT id, name FROM users WHERE tenant_id = 1) a WHERE id > 1) b ORDER BY id
-- case: subquery-014
SELECT s.n FROM (SELECT count(*) AS n FROM tasks) AS s
-- case: subquery-015
SELECT (SELECT name FROM countries WHERE code = 'de'), (SELECT max(id) FROM users)
-- case: subquery-016
SELECT (SELECT (SELECT 1))
-- case: subquery-017
SELECT ((SELECT 1)) + (SELECT 2)
-- case: subquery-018
SELECT tenant_id, count(*) FROM tasks GROUP BY tenant_id HAVING count(*) > (SELECT count(*) FROM users WHERE users.tenant_id = tasks.tenant_id) ORDER BY tenant_id
-- case: subquery-019
SELECT tenant_id, count(*) FROM tasks GROUP BY tenant_id HAVING count(*) > (SELECT avg(c) FROM (SELECT count(*) AS c FROM tasks GROUP BY tenant_id) x) ORDER BY 1
-- case: subquery-020
SELECT id, name FROM users ORDER BY (SELECT count(*) FROM tasks t WHERE t.tenant_id = users.tenant_id AND t.assignee_id = users.id) DESC, tenant_id, id
-- case: subquery-021
SELECT (SELECT plan FROM tenants WHERE tenants.id = users.tenant_id) AS plan, count(*) FROM users GROUP BY (SELECT plan FROM tenants WHERE tenants.id = users.tenant_id) ORDER BY 1
-- case: subquery-022
SELECT u.name FROM users u JOIN projects p ON p.tenant_id = u.tenant_id AND p.id = (SELECT min(id) FROM projects x WHERE x.tenant_id = u.tenant_id) ORDER BY u.tenant_id, u.id
-- case: subquery-023
SELECT u.name FROM users u LEFT JOIN projects p ON p.tenant_id = u.tenant_id AND p.owner_id = u.id AND EXISTS (SELECT 1 FROM tasks t WHERE t.tenant_id = p.tenant_id AND t.project_id = p.id) ORDER BY u.tenant_id, u.id, p.id
-- case: subquery-024
SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_log) THEN 'yes' ELSE 'no' END
-- case: subquery-025
SELECT coalesce((SELECT max(score) FROM users WHERE tenant_id = 9), 0) AS best
-- case: subquery-026
SELECT ARRAY(SELECT id FROM users WHERE tenant_id = 1 ORDER BY id) AS ids
-- case: subquery-027
SELECT ARRAY(SELECT name FROM countries ORDER BY name DESC)
-- case: subquery-028
SELECT id FROM users WHERE id = ANY (ARRAY(SELECT owner_id FROM projects WHERE tenant_id = 1)) AND tenant_id = 1 ORDER BY id
-- case: subquery-029
SELECT (SELECT t FROM tenants t WHERE id = 1) IS NOT NULL
-- case: subquery-030
SELECT id FROM users u WHERE u.score = (SELECT max(score) FROM users v WHERE v.tenant_id = u.tenant_id) ORDER BY tenant_id
-- case: subquery-031
SELECT * FROM tasks t WHERE t.priority = (SELECT max(priority) FROM tasks i WHERE i.tenant_id = t.tenant_id AND i.project_id = t.project_id) AND t.tenant_id = 2 ORDER BY t.id
-- case: subquery-032
SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM countries) AS all_names
-- case: subquery-033
SELECT name FROM users WHERE EXISTS (SELECT 1 FROM tasks WHERE tasks.tenant_id = users.tenant_id AND tasks.assignee_id = users.id AND EXISTS (SELECT 1 FROM comments WHERE comments.tenant_id = tasks.tenant_id AND comments.task_id = tasks.id)) ORDER BY tenant_id, id
-- case: subquery-034
SELECT (SELECT count(*) FROM (SELECT DISTINCT status FROM tasks) s) AS statuses
-- case: subquery-035
SELECT id FROM users WHERE (SELECT count(*) FROM tasks WHERE assignee_id = users.id AND tasks.tenant_id = users.tenant_id) BETWEEN 1 AND 2 ORDER BY tenant_id, id
-- case: subquery-036
SELECT id, (SELECT c.name FROM countries c WHERE c.code = u.country_code) FROM users u WHERE tenant_id = 1 ORDER BY id
-- case: subquery-037
SELECT x FROM (SELECT id AS x FROM users WHERE tenant_id = 1 UNION SELECT id FROM projects WHERE tenant_id = 1) AS s ORDER BY x
-- case: subquery-038
SELECT * FROM (SELECT id FROM users ORDER BY tenant_id, id LIMIT 3) s ORDER BY id
-- case: subquery-039
SELECT (SELECT id FROM users ORDER BY tenant_id DESC, id DESC LIMIT 1 OFFSET 1)
-- case: subquery-040
SELECT name FROM users WHERE country_code IN (SELECT code FROM countries EXCEPT SELECT 'us') AND tenant_id = 1 ORDER BY id
-- case: subquery-041
SELECT name FROM users WHERE id IN (SELECT * FROM (VALUES (1), (3)) v) AND tenant_id = 2 ORDER BY id
-- case: subquery-042
SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = 3), NOT EXISTS (SELECT 1 FROM users WHERE tenant_id = 4)
-- case: group-001
SELECT tenant_id, count(*) FROM users GROUP BY tenant_id ORDER BY tenant_id
-- case: group-002
SELECT tenant_id, status, count(*) AS n FROM tasks GROUP BY tenant_id, status ORDER BY tenant_id, status
-- case: group-003
SELECT tenant_id, status, count(*) AS n FROM tasks GROUP BY 1, 2 ORDER BY 1, 2
-- case: group-004
SELECT status, count(*) FROM tasks GROUP BY status HAVING count(*) > 8 ORDER BY status
-- case: group-005
SELECT tenant_id, sum(priority) FROM tasks GROUP BY tenant_id HAVING sum(priority) > 30 AND count(*) < 20 ORDER BY 1
-- case: group-006
SELECT count(*) FROM tasks HAVING count(*) > 0
-- case: group-007
SELECT 1 AS one FROM users HAVING min(id) = 1
-- case: group-008
SELECT date_trunc('month', due_at) AS month, count(*) FROM tasks GROUP BY date_trunc('month', due_at) ORDER BY 1
-- case: group-009
SELECT extract(year FROM created_at) AS y, count(*) FROM users GROUP BY y ORDER BY y
-- case: group-010
SELECT done, avg(priority)::numeric(5, 2), min(priority), max(priority), sum(priority) FROM tasks GROUP BY done ORDER BY done
-- case: group-015
SELECT status, count(*) FROM tasks GROUP BY status HAVING status <> 'closed' ORDER BY status
-- case: group-016
SELECT u.tenant_id, u.id, count(t.id) FROM users u LEFT JOIN tasks t ON t.tenant_id = u.tenant_id AND t.assignee_id = u.id GROUP BY u.tenant_id, u.id HAVING count(t.id) = 0 ORDER BY 1, 2
-- case: group-017
SELECT tenant_id, bool_and(done), bool_or(done), every(priority > 0) FROM tasks GROUP BY tenant_id ORDER BY 1
-- case: group-018
SELECT tenant_id, string_agg(name, ', ') FROM (SELECT * FROM users ORDER BY id) u GROUP BY tenant_id ORDER BY tenant_id
-- case: group-019
SELECT tenant_id, string_agg(name, ', ' ORDER BY name DESC) FROM users GROUP BY tenant_id ORDER BY tenant_id
-- case: group-020
SELECT tenant_id, array_agg(id ORDER BY id) FROM users GROUP BY tenant_id ORDER BY tenant_id
-- case: group-021
SELECT array_agg(DISTINCT status ORDER BY status) FROM tasks
-- case: group-022
SELECT count(DISTINCT status), count(DISTINCT (tenant_id, status)) FROM tasks
-- case: group-023
SELECT count(ALL assignee_id), count(assignee_id), count(*) FROM tasks
-- case: group-024
SELECT tenant_id, count(*) FILTER (WHERE done) AS done, count(*) FILTER (WHERE NOT done) AS open FROM tasks GROUP BY tenant_id ORDER BY 1
-- case: group-025
SELECT sum(priority) FILTER (WHERE status IN ('open', 'doing')), avg(priority) FILTER (WHERE priority > 2) FROM tasks
-- case: group-026
SELECT array_agg(id ORDER BY id) FILTER (WHERE done) FROM tasks WHERE tenant_id = 1
-- case: group-027
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY priority) FROM tasks
-- case: group-028
SELECT tenant_id, percentile_disc(0.5) WITHIN GROUP (ORDER BY score), mode() WITHIN GROUP (ORDER BY active) FROM users GROUP BY tenant_id ORDER BY 1
-- case: group-029
SELECT percentile_cont(ARRAY[0.25, 0.75]) WITHIN GROUP (ORDER BY priority DESC) FROM tasks
-- case: group-030
SELECT rank(3) WITHIN GROUP (ORDER BY priority) FROM tasks WHERE tenant_id = 1
-- case: group-031
SELECT count(*) FILTER (WHERE priority > 2) FROM tasks GROUP BY tenant_id HAVING count(*) FILTER (WHERE done) > 1 ORDER BY 1
-- case: group-032
SELECT jsonb_agg(name ORDER BY id), json_object_agg(id, name) FROM users WHERE tenant_id = 1
-- case: group-033
SELECT jsonb_object_agg(code, name ORDER BY code) FROM countries
-- case: group-034
SELECT tenant_id, max(created_at) - min(created_at) AS span FROM users GROUP BY tenant_id ORDER BY 1
-- case: group-035
SELECT sum(estimate), avg(estimate) FROM tasks
-- case: group-036
SELECT stddev_samp(priority)::numeric(6, 3), variance(priority)::numeric(6, 3), corr(priority, id)::numeric(6, 3) FROM tasks
-- case: group-037
SELECT bit_and(priority), bit_or(priority), count(*) FROM tasks
-- case: group-038
SELECT status FROM tasks GROUP BY status, done HAVING done ORDER BY status
-- case: group-039
SELECT lower(status) AS s, count(*) FROM tasks GROUP BY lower(status) ORDER BY count(*) DESC, s
-- case: group-040
SELECT tenant_id FROM users GROUP BY tenant_id HAVING EXISTS (SELECT 1 FROM projects WHERE projects.tenant_id = users.tenant_id AND budget > 3000) ORDER BY 1
-- case: group-041
SELECT p.tenant_id, p.id, count(t.*) FROM projects p JOIN tasks t ON t.tenant_id = p.tenant_id AND t.project_id = p.id GROUP BY p.tenant_id, p.id ORDER BY 1, 2
-- case: group-042
SELECT p.* , count(t.id) FROM projects p LEFT JOIN tasks t ON t.tenant_id = p.tenant_id AND t.project_id = p.id GROUP BY p.tenant_id, p.id ORDER BY p.tenant_id, p.id
-- case: group-043
SELECT DISTINCT count(*) FROM tasks GROUP BY tenant_id ORDER BY 1
-- case: window-001
SELECT id, row_number() OVER (ORDER BY tenant_id, id) FROM users ORDER BY tenant_id, id
-- case: window-002
SELECT tenant_id, id, rank() OVER (PARTITION BY tenant_id ORDER BY score DESC NULLS LAST, id) FROM users ORDER BY tenant_id, id
-- case: window-003
SELECT tenant_id, id, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w FROM tasks WINDOW w AS (PARTITION BY tenant_id ORDER BY priority) ORDER BY tenant_id, id
-- case: window-004
SELECT id, sum(priority) OVER (PARTITION BY tenant_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM tasks ORDER BY tenant_id, id
-- case: window-005
SELECT id, avg(priority) OVER (PARTITION BY tenant_id ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)::numeric(5, 2) FROM tasks ORDER BY tenant_id, id
-- case: window-006
SELECT id, count(*) OVER (PARTITION BY tenant_id ORDER BY priority RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM tasks ORDER BY tenant_id, id
-- case: window-007
SELECT id, sum(priority) OVER (ORDER BY tenant_id, id ROWS 2 PRECEDING) FROM tasks ORDER BY tenant_id, id
-- case: window-008
SELECT id, count(*) OVER (PARTITION BY tenant_id ORDER BY priority GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM tasks ORDER BY tenant_id, id
-- case: window-009
SELECT id, sum(priority) OVER (PARTITION BY tenant_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM tasks ORDER BY tenant_id, id
-- case: window-010
SELECT id, count(*) OVER (ORDER BY due_at RANGE BETWEEN INTERVAL '2 days' PRECEDING AND CURRENT ROW) FROM tasks WHERE tenant_id = 1 ORDER BY id
-- case: window-011
SELECT id, lag(title) OVER (PARTITION BY tenant_id ORDER BY id), lead(title, 2, 'none') OVER (PARTITION BY tenant_id ORDER BY id) FROM tasks ORDER BY tenant_id, id
-- case: window-012
SELECT id, first_value(title) OVER w, last_value(title) OVER w, nth_value(title, 2) OVER w FROM tasks WINDOW w AS (PARTITION BY tenant_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY tenant_id, id
-- case: window-013
SELECT id, ntile(3) OVER (ORDER BY tenant_id, id) FROM tasks ORDER BY tenant_id, id
-- case: window-014
SELECT id, count(*) OVER () AS total FROM users ORDER BY tenant_id, id
-- case: window-015
SELECT id, sum(id) OVER (PARTITION BY tenant_id) FROM users ORDER BY tenant_id, id
-- case: window-016
SELECT tenant_id, id, rank() OVER (w ORDER BY priority DESC) FROM tasks WINDOW w AS (PARTITION BY tenant_id) ORDER BY tenant_id, id
-- case: window-017
SELECT id, count(*) OVER a, sum(priority) OVER b FROM tasks WINDOW a AS (PARTITION BY tenant_id), b AS (a ORDER BY id) ORDER BY tenant_id, id
-- case: window-018
SELECT id, count(*) FILTER (WHERE done) OVER (PARTITION BY tenant_id) FROM tasks ORDER BY tenant_id, id
-- case: window-019
SELECT * FROM (SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY score DESC NULLS LAST, id) AS rn FROM users) ranked WHERE rn <= 2 ORDER BY tenant_id, rn
-- case: window-020
SELECT tenant_id, count(*), sum(count(*)) OVER (ORDER BY tenant_id) FROM tasks GROUP BY tenant_id ORDER BY tenant_id
-- case: window-021
SELECT tenant_id, status, count(*), rank() OVER (PARTITION BY tenant_id ORDER BY count(*) DESC, status) FROM tasks GROUP BY tenant_id, status ORDER BY 1, 2
-- case: window-022
SELECT id, row_number() OVER (ORDER BY tenant_id, id) * 10 + 1 AS n FROM users ORDER BY n
-- case: window-023
SELECT id FROM users ORDER BY row_number() OVER (ORDER BY tenant_id DESC, id)
-- case: window-024
SELECT id, array_agg(id) OVER (PARTITION BY tenant_id ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM users ORDER BY tenant_id, id
-- case: cte-001
WITH t AS (SELECT id, name FROM users WHERE tenant_id = 1) SELECT * FROM t ORDER BY id
-- case: cte-002
WITH t (a, b) AS (SELECT id, name FROM users WHERE tenant_id = 2) SELECT b, a FROM t ORDER BY a
-- case: cte-003
WITH a AS (SELECT 1 AS n), b AS (SELECT n + 1 AS n FROM a) SELECT * FROM a UNION ALL SELECT * FROM b ORDER BY n
-- case: cte-004
WITH busy AS (SELECT tenant_id, assignee_id FROM tasks GROUP BY 1, 2 HAVING count(*) > 1) SELECT u.name FROM users u JOIN busy b ON b.tenant_id = u.tenant_id AND b.assignee_id = u.id ORDER BY u.tenant_id, u.id
-- case: cte-005
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i) FROM n
-- case: cte-006
WITH RECURSIVE chain AS (SELECT tenant_id, id, manager_id, 0 AS depth FROM users WHERE manager_id IS NULL UNION ALL SELECT u.tenant_id, u.id, u.manager_id, c.depth + 1 FROM users u JOIN chain c ON c.tenant_id = u.tenant_id AND c.id = u.manager_id) SELECT * FROM chain ORDER BY tenant_id, depth, id
-- case: cte-007
WITH RECURSIVE chain (tenant_id, id, path) AS (SELECT tenant_id, id, ARRAY[id] FROM users WHERE manager_id IS NULL UNION SELECT u.tenant_id, u.id, c.path || u.id FROM users u, chain c WHERE c.tenant_id = u.tenant_id AND c.id = u.manager_id) SELECT tenant_id, id, path FROM chain ORDER BY tenant_id, id
-- case: cte-008
WITH x AS MATERIALIZED (SELECT id FROM users WHERE tenant_id = 1) SELECT count(*) FROM x
-- case: cte-009
WITH x AS NOT MATERIALIZED (SELECT id FROM users WHERE tenant_id = 1) SELECT count(*) FROM x
-- case: cte-010
WITH users AS (SELECT 1 AS id, 'shadow' AS name) SELECT * FROM users
-- case: cte-011
WITH users AS (SELECT id, name FROM public.users WHERE tenant_id = 3) SELECT name FROM users ORDER BY id
-- case: cte-012
WITH c AS (SELECT code FROM countries) SELECT (SELECT count(*) FROM c) AS n, EXISTS (SELECT 1 FROM c WHERE code = 'de') AS has_de
-- case: cte-013
SELECT * FROM (WITH inner_cte AS (SELECT 2 AS v) SELECT v FROM inner_cte) AS s
-- case: cte-014
SELECT (WITH q AS (SELECT max(id) AS m FROM users) SELECT m FROM q)
-- case: cte-015
WITH v (k, label) AS (VALUES (1, 'a'), (2, 'b')) SELECT label FROM v ORDER BY k DESC
-- case: cte-016
WITH d AS (DELETE FROM comments WHERE tenant_id = 1 AND id = 1 RETURNING *) SELECT id, body FROM d
-- case: cte-017
WITH moved AS (DELETE FROM comments WHERE tenant_id = 2 RETURNING tenant_id, id, task_id, author_id, body, created_at) INSERT INTO comments SELECT tenant_id + 1, id + 100, task_id, author_id, body, created_at FROM moved
-- case: cte-018
WITH u AS (UPDATE tasks SET done = true WHERE tenant_id = 1 AND status = 'closed' RETURNING id) SELECT count(*) FROM u
-- case: cte-019
WITH i AS (INSERT INTO audit_log (note) VALUES ('cte insert') RETURNING note, level) SELECT * FROM i
-- case: cte-020
WITH i AS (INSERT INTO countries VALUES ('it', 'Italy') RETURNING code) UPDATE users SET country_code = (SELECT code FROM i) WHERE tenant_id = 1 AND id = 1
-- case: cte-021
WITH gone AS (DELETE FROM tasks WHERE tenant_id = 3 AND done RETURNING tenant_id, id) DELETE FROM comments c USING gone g WHERE c.tenant_id = g.tenant_id AND c.task_id = g.id
-- case: cte-022
WITH RECURSIVE nums AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM nums WHERE n < 3) INSERT INTO audit_log (note, level) SELECT 'n' || n, n FROM nums
-- case: cte-023
WITH upd AS (UPDATE users SET score = score + 1 WHERE tenant_id = 2 RETURNING id, score) SELECT id, score FROM upd ORDER BY id
-- case: cte-024
WITH a AS (SELECT id FROM users WHERE tenant_id = 1), b AS (SELECT id FROM a WHERE id > 2) UPDATE users SET active = NOT active WHERE tenant_id = 1 AND id IN (SELECT id FROM b) RETURNING id, active
-- case: cte-025
WITH RECURSIVE t (n) AS (VALUES (1) UNION ALL SELECT n * 2 FROM t WHERE n < 100) SELECT n FROM t ORDER BY n
-- case: setop-001
SELECT code FROM countries UNION SELECT country_code FROM users WHERE country_code IS NOT NULL ORDER BY 1
-- case: setop-002
SELECT code FROM countries UNION ALL SELECT country_code FROM users ORDER BY 1 NULLS FIRST
-- case: setop-003
SELECT code FROM countries INTERSECT SELECT country_code FROM users WHERE tenant_id = 1 ORDER BY code
-- case: setop-004
SELECT code FROM countries EXCEPT SELECT country_code FROM users WHERE tenant_id = 2 AND country_code IS NOT NULL ORDER BY code
-- case: setop-005
SELECT status FROM tasks INTERSECT ALL SELECT status FROM tasks WHERE tenant_id = 1 ORDER BY 1
-- case: setop-006
SELECT status FROM tasks EXCEPT ALL SELECT status FROM tasks WHERE tenant_id = 1 ORDER BY 1
-- case: setop-007
SELECT 1 UNION SELECT 2 UNION SELECT 1 ORDER BY 1
-- case: setop-008
SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 2 ORDER BY 1
-- case: setop-009
SELECT 1 EXCEPT SELECT 1 UNION SELECT 3 ORDER BY 1
-- case: setop-010
(SELECT 1 UNION ALL SELECT 1) INTERSECT ALL (SELECT 1 UNION ALL SELECT 1 UNION ALL SELECT 1)
-- case: setop-011
SELECT 1 AS n UNION ALL (SELECT 2 EXCEPT SELECT 2) ORDER BY n
-- case: setop-012
(SELECT id FROM users WHERE tenant_id = 1 ORDER BY id DESC LIMIT 2) UNION ALL (SELECT id FROM users WHERE tenant_id = 2 ORDER BY id LIMIT 1) ORDER BY 1
-- case: setop-013
(SELECT id FROM users ORDER BY tenant_id, id LIMIT 3) UNION ALL SELECT 100 ORDER BY 1 DESC LIMIT 2
-- case: setop-014
SELECT name FROM users WHERE tenant_id = 1 UNION SELECT name FROM projects WHERE tenant_id = 1 ORDER BY name LIMIT 4 OFFSET 1
-- case: setop-015
SELECT tenant_id, id FROM users UNION SELECT tenant_id, id FROM tasks EXCEPT SELECT tenant_id, id FROM comments ORDER BY 1, 2
-- case: setop-016
WITH a AS (SELECT 1 AS x) SELECT x FROM a UNION ALL SELECT x + 1 FROM a ORDER BY x
-- case: setop-017
SELECT * FROM (SELECT 1 AS a UNION SELECT 2) s ORDER BY a
-- case: setop-018
SELECT count(*) FROM (SELECT status FROM tasks UNION SELECT status FROM tasks) s
-- case: setop-019
SELECT id FROM users WHERE id IN (SELECT 1 UNION SELECT 2) AND tenant_id = 1 ORDER BY id
-- case: setop-020
SELECT 'x' AS s UNION SELECT 'y' INTERSECT SELECT 'y' EXCEPT SELECT 'z' ORDER BY s
-- case: setop-021
((SELECT 1 AS n)) UNION ((SELECT 2)) ORDER BY n
-- case: setop-022
SELECT DISTINCT status FROM tasks UNION ALL SELECT DISTINCT status FROM tasks ORDER BY 1
-- case: values-001
VALUES (1, 'one'), (2, 'two')
-- case: values-002
VALUES (1), (2), (3) ORDER BY 1 DESC
-- case: values-003
VALUES (1, 2) UNION ALL VALUES (3, 4) ORDER BY 1
-- case: values-004
VALUES ((SELECT count(*) FROM users), 'users')
-- case: values-005
VALUES (1 + 2, 'a' || 'b', NULL::int, ARRAY[1])
-- case: values-006
VALUES (1), (2) LIMIT 1
-- case: values-007
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, letter) JOIN users u ON u.id = v.id AND u.tenant_id = 1 ORDER BY v.id
-- case: values-008
SELECT id FROM users WHERE (tenant_id, id) IN (VALUES (1, 2), (2, 3), (3, 4)) ORDER BY tenant_id
-- case: values-009
WITH v AS (VALUES ('de'), ('jp')) SELECT name FROM countries WHERE code IN (SELECT * FROM v) ORDER BY name
-- case: expr-001
SELECT 1 + 2 * 3, (1 + 2) * 3, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2, -2 ^ 2, 7 / 2, 7 % 3, 7.0 / 2
-- case: expr-002
SELECT 10 - 4 - 3, 10 - (4 - 3), 100 / 10 / 5, 100 / (10 / 5)
-- case: expr-003
SELECT true OR false AND false, (true OR false) AND false, NOT true OR true, NOT (true OR true)
-- case: expr-004
SELECT NOT false = false, NOT (false = false)
-- case: expr-005
SELECT (1 < 2) = true, 1 = 1 IS TRUE, 1 < 2 IS NOT FALSE
-- case: expr-006
SELECT 'a' || 'b' || 1, 1 || '2', 'x' || NULL, concat('x', NULL, 3)
-- case: expr-007
SELECT 2 + 3 || 'x', 'n' || 2 * 3
-- case: expr-008
SELECT 5 & 3, 5 | 3, 5 # 3, ~5, 1 << 4, 256 >> 2
-- case: expr-009
SELECT |/ 16.0, ||/ 27.0, @ -5, 5 !=  4, 5 <> 4, 5 >= 5, 5 <= 4
-- case: expr-010
SELECT id, name FROM users WHERE tenant_id = 1 AND (active OR score > 50) ORDER BY id
-- case: expr-011
SELECT id, name FROM users WHERE tenant_id = 1 AND active OR score > 50 ORDER BY tenant_id, id
-- case: expr-012
SELECT id FROM users WHERE NOT (tenant_id = 1 OR tenant_id = 2) ORDER BY id
-- case: expr-013
SELECT id FROM users WHERE NOT tenant_id = 1 AND NOT active ORDER BY tenant_id, id
-- case: expr-014
SELECT id FROM tasks WHERE tenant_id = 1 AND (priority = 1 OR priority = 2) AND (done OR status = 'open') ORDER BY id
-- case: expr-015
SELECT id FROM tasks WHERE (tenant_id = 1 AND priority = 1) OR (tenant_id = 2 AND priority = 2) ORDER BY tenant_id, id
-- case: expr-016
SELECT id FROM tasks WHERE tenant_id = 1 AND ((priority > 1 AND priority < 4) OR NOT (done AND status <> 'closed')) ORDER BY id
-- case: expr-017
SELECT CASE WHEN priority > 3 THEN 'high' WHEN priority > 1 THEN 'mid' ELSE 'low' END AS level, count(*) FROM tasks GROUP BY 1 ORDER BY 1
-- case: expr-018
SELECT CASE status WHEN 'open' THEN 1 WHEN 'doing' THEN 2 END, id FROM tasks WHERE tenant_id = 1 ORDER BY id
-- case: expr-019
SELECT CASE WHEN email IS NULL THEN NULL ELSE upper(email) END FROM users ORDER BY tenant_id, id
-- case: expr-020
SELECT CASE WHEN true THEN CASE WHEN false THEN 1 ELSE 2 END END
-- case: expr-021
SELECT id FROM users WHERE CASE WHEN active THEN score > 30 ELSE score < 30 END ORDER BY tenant_id, id
-- case: expr-022
SELECT 1 + CASE WHEN true THEN 2 ELSE 3 END * 2
-- case: expr-023
SELECT coalesce(email, name, 'nobody'), nullif(country_code, 'de'), greatest(id, manager_id, 3), least(id, manager_id) FROM users ORDER BY tenant_id, id
-- case: expr-024
SELECT id FROM users WHERE email IS NULL ORDER BY tenant_id, id
-- case: expr-025
SELECT id FROM users WHERE email IS NOT NULL AND manager_id ISNULL ORDER BY tenant_id, id
-- case: expr-026
SELECT id FROM users WHERE manager_id NOTNULL AND tenant_id = 1 ORDER BY id
-- case: expr-027
SELECT id FROM tasks WHERE done IS TRUE AND tenant_id = 1 ORDER BY id
-- case: expr-028
SELECT id FROM tasks WHERE done IS NOT FALSE AND tenant_id = 2 ORDER BY id
-- case: expr-029
SELECT (NULL::bool) IS UNKNOWN, true IS NOT UNKNOWN, false IS FALSE, NULL IS NOT TRUE
-- case: expr-030
SELECT id FROM users WHERE manager_id IS DISTINCT FROM 1 ORDER BY tenant_id, id
-- case: expr-031
SELECT id FROM users WHERE manager_id IS NOT DISTINCT FROM NULL ORDER BY tenant_id, id
-- case: expr-032
SELECT a.id, b.id FROM users a JOIN users b ON a.tenant_id = b.tenant_id AND a.country_code IS NOT DISTINCT FROM b.country_code AND a.id < b.id ORDER BY a.tenant_id, a.id, b.id
-- case: expr-033
SELECT id FROM tasks WHERE priority BETWEEN 2 AND 4 AND tenant_id = 1 ORDER BY id
-- case: expr-034
SELECT id FROM tasks WHERE priority NOT BETWEEN 2 AND 4 AND tenant_id = 1 ORDER BY id
-- case: expr-035
SELECT id FROM tasks WHERE priority BETWEEN SYMMETRIC 4 AND 2 AND tenant_id = 1 ORDER BY id
-- case: expr-036
SELECT id FROM tasks WHERE priority NOT BETWEEN SYMMETRIC 4 AND 2 AND tenant_id = 1 ORDER BY id
-- case: expr-037
SELECT id FROM tasks WHERE due_at BETWEEN '2026-03-01' AND '2026-03-10' AND tenant_id = 2 ORDER BY id
-- case: expr-038
SELECT 5 BETWEEN 1 AND 10 = true, (5 BETWEEN 1 AND 10) AND true, 5 BETWEEN 1 + 1 AND 10 - 1
-- case: expr-039
SELECT name FROM users WHERE name LIKE 'a%' ORDER BY tenant_id, id
-- case: expr-040
SELECT name FROM users WHERE name NOT LIKE '%_2' ORDER BY tenant_id, id
-- case: expr-041
SELECT name FROM users WHERE name ILIKE 'A%' ORDER BY tenant_id, id
-- case: expr-042
SELECT name FROM users WHERE name NOT ILIKE '%E%' ORDER BY tenant_id, id
-- case: expr-043
SELECT title FROM tasks WHERE title LIKE '%100!%!_done' ESCAPE '!' ORDER BY tenant_id, id
-- case: expr-044
SELECT title FROM tasks WHERE title LIKE '%100\%\_done' ORDER BY tenant_id, id
-- case: expr-045
SELECT title FROM tasks WHERE title ILIKE '%(URGENT)%' ESCAPE '' ORDER BY tenant_id, id
-- case: expr-046
SELECT title FROM tasks WHERE title NOT LIKE 'task 1%' ESCAPE '#' AND tenant_id = 1 ORDER BY id
-- case: expr-047
SELECT name FROM users WHERE name ~~ 'b%' AND name !~~ '%3' ORDER BY tenant_id, id
-- case: expr-048
SELECT name FROM users WHERE name ~~* 'B%' AND name !~~* '%_2' ORDER BY tenant_id, id
-- case: expr-049
SELECT name FROM users WHERE name SIMILAR TO '(a|b)%' ORDER BY tenant_id, id
-- case: expr-050
SELECT name FROM users WHERE name NOT SIMILAR TO '%(_2|_3)' ORDER BY tenant_id, id
-- case: expr-051
SELECT title FROM tasks WHERE title SIMILAR TO '%#(urgent#)' ESCAPE '#' ORDER BY tenant_id, id
-- case: expr-052
SELECT name FROM users WHERE name ~ '^[a-c]' AND name !~ '_3$' ORDER BY tenant_id, id
-- case: expr-053
SELECT name FROM users WHERE name ~* '^A' OR name !~* 'e' ORDER BY tenant_id, id
-- case: expr-054
SELECT 'abc' LIKE 'a%' = true, 'abc' LIKE 'a' || '%', NOT 'abc' LIKE 'b%'
-- case: expr-055
SELECT id FROM users WHERE id IN (1, 2, 3) AND tenant_id = 1 ORDER BY id
-- case: expr-056
SELECT id FROM users WHERE id NOT IN (1, 2, 3) AND tenant_id = 1 ORDER BY id
-- case: expr-057
SELECT id FROM users WHERE country_code IN ('de', 'fr') ORDER BY tenant_id, id
-- case: expr-058
SELECT id FROM users WHERE (tenant_id, id) IN ((1, 1), (2, 2)) ORDER BY tenant_id
-- case: expr-059
SELECT 1 IN (1), 1 IN (2, NULL), 1 NOT IN (2, 3), NULL IN (1)
-- case: expr-060
SELECT id FROM users WHERE id = ANY (ARRAY[1, 3, 5]) AND tenant_id = 2 ORDER BY id
-- case: expr-061
SELECT id FROM users WHERE id = ANY ('{2,4}') AND tenant_id = 2 ORDER BY id
-- case: expr-062
SELECT id FROM users WHERE id <> ALL (ARRAY[1, 3, 5]) AND tenant_id = 2 ORDER BY id
-- case: expr-063
SELECT id FROM users WHERE 'admin' = ANY (tags) ORDER BY tenant_id, id
-- case: expr-064
SELECT id FROM users WHERE name LIKE ANY (ARRAY['a%', 'b%']) ORDER BY tenant_id, id
-- case: expr-065
SELECT id FROM users WHERE name ILIKE ALL (ARRAY['%a%', '%_%']) ORDER BY tenant_id, id
-- case: expr-066
SELECT id FROM tasks WHERE priority > SOME (ARRAY[3, 4]) AND tenant_id = 1 ORDER BY id
-- case: expr-067
SELECT id FROM tasks WHERE 10 = ANY (labels) ORDER BY tenant_id, id
-- case: expr-068
SELECT ARRAY[1, 2, 3], ARRAY['a', 'b'], ARRAY[[1, 2], [3, 4]], ARRAY[]::int[], ARRAY[1, NULL]
-- case: expr-069
SELECT (ARRAY[10, 20, 30])[2], (ARRAY[10, 20, 30])[2:3], (ARRAY[10, 20, 30])[:2], (ARRAY[10, 20, 30])[2:]
-- case: expr-070
SELECT tags[1], tags[1:1], array_length(tags, 1), cardinality(tags) FROM users ORDER BY tenant_id, id
-- case: expr-071
SELECT labels[1] + labels[2], labels[3] FROM tasks WHERE labels IS NOT NULL ORDER BY tenant_id, id
-- case: expr-072
SELECT ('{{1,2},{3,4}}'::int[])[2][1], ('{{1,2},{3,4}}'::int[])[1:2][2]
-- case: expr-073
SELECT t.tags[array_length(t.tags, 1)] FROM users t WHERE cardinality(t.tags) > 0 ORDER BY tenant_id, id
-- case: expr-074
SELECT ARRAY[1, 2] || 3, 0 || ARRAY[1, 2], ARRAY[1] || ARRAY[2, 3], ARRAY[1, 2] @> ARRAY[1], ARRAY[1] <@ ARRAY[1, 2], ARRAY[1, 2] && ARRAY[2, 9]
-- case: expr-075
SELECT id FROM users WHERE tags @> ARRAY['admin'] ORDER BY tenant_id, id
-- case: expr-076
SELECT id FROM tasks WHERE labels && '{1,2}'::int[] ORDER BY tenant_id, id
-- case: expr-077
SELECT array_position(ARRAY['a', 'b'], 'b'), array_to_string(ARRAY[1, 2], '-'), string_to_array('a,b', ','), array_remove(ARRAY[1, 2, 1], 1)
-- case: expr-078
SELECT settings -> 'limits', settings -> 'limits' -> 'users', settings ->> 'theme', settings #> '{limits,projects}', settings #>> '{features,0}' FROM tenants ORDER BY id
-- case: expr-079
SELECT settings -> 'features' -> 0, settings -> 'features' ->> -1, (settings ->> 'beta')::boolean FROM tenants ORDER BY id
-- case: expr-080
SELECT id FROM tenants WHERE settings ? 'beta' ORDER BY id
-- case: expr-081
SELECT id FROM tenants WHERE settings ?| ARRAY['beta', 'theme'] ORDER BY id
-- case: expr-082
SELECT id FROM tenants WHERE settings ?& ARRAY['limits', 'features'] ORDER BY id
-- case: expr-083
SELECT id FROM tenants WHERE settings @> '{"limits": {"users": 10}}' ORDER BY id
-- case: expr-084
SELECT id FROM tenants WHERE '{"theme": "light"}'::jsonb <@ settings ORDER BY id
-- case: expr-085
SELECT settings - 'features', settings - ARRAY['limits', 'theme'], settings #- '{limits,users}', settings || '{"x": 1}' FROM tenants ORDER BY id
-- case: expr-086
SELECT id FROM tenants WHERE settings @? '$.limits ? (@.users > 5)' ORDER BY id
-- case: expr-087
SELECT id, settings @@ '$.limits.users > 5' FROM tenants ORDER BY id
-- case: expr-088
SELECT jsonb_path_query_array(settings, '$.features[*]') FROM tenants ORDER BY id
-- case: expr-089
SELECT (profile -> 'address' ->> 'city') AS city, count(*) FROM users WHERE profile IS NOT NULL GROUP BY 1 ORDER BY 1
-- case: expr-090
SELECT name FROM users WHERE (profile ->> 'age')::int > 30 ORDER BY tenant_id, id
-- case: expr-091
SELECT name FROM users WHERE profile -> 'langs' ? 'de' ORDER BY tenant_id, id
-- case: expr-092
SELECT meta['color'], meta['tags'][0] FROM projects ORDER BY tenant_id, id
-- case: expr-093
SELECT jsonb_build_object('id', id, 'name', name), json_build_array(id, name), to_jsonb(name), row_to_json(u)::text FROM users u WHERE tenant_id = 1 ORDER BY id
-- case: expr-094
SELECT jsonb_typeof(settings -> 'limits'), jsonb_array_length(settings -> 'features'), settings::text FROM tenants ORDER BY id
-- case: expr-095
SELECT ROW(1, 'a'), ROW(1, 2) = ROW(1, 2), (1, 2) < (1, 3), ROW(NULL, 1) IS NULL, (1, 'x') IS NOT NULL
-- case: expr-096
SELECT id FROM tasks WHERE (priority, id) > (3, 5) AND tenant_id = 1 ORDER BY id
-- case: expr-097
SELECT id FROM users WHERE ROW(tenant_id, id) = ROW(2, 3)
-- case: expr-098
SELECT id FROM users WHERE (tenant_id, country_code) IS NOT DISTINCT FROM (1, 'de') ORDER BY id
-- case: expr-099
SELECT (u).name, (u).id FROM (SELECT users AS u FROM users WHERE tenant_id = 1) s ORDER BY (u).id
-- case: expr-100
SELECT (t.*).title FROM tasks t WHERE t.tenant_id = 1 ORDER BY t.id
-- case: expr-101
SELECT u FROM users u WHERE tenant_id = 1 AND id = 2
-- case: expr-102
SELECT t.* IS NOT NULL FROM tenants t ORDER BY id
-- case: expr-103
SELECT (ROW(1, 'x')::record)::text
-- case: expr-104
SELECT upper(name), lower('ABC'), length(name), char_length(name), octet_length(name), initcap('hello world') FROM users ORDER BY tenant_id, id
-- case: expr-105
SELECT substring(name FROM 2), substring(name FROM 1 FOR 2), substring(name, 1, 3), substr(name, 2) FROM users ORDER BY tenant_id, id
-- case: expr-107
SELECT position('b' IN name), strpos(name, 'a') FROM users ORDER BY tenant_id, id
-- case: expr-108
SELECT trim('  x  '), trim(BOTH 'x' FROM 'xxaxx'), trim(LEADING FROM '  a'), trim(TRAILING 'y' FROM 'ayy'), ltrim('  a'), btrim('xax', 'x')
-- case: expr-109
SELECT overlay('abcdef' PLACING 'XY' FROM 2 FOR 3), overlay('abc' PLACING 'Z' FROM 1)
-- case: expr-110
SELECT replace(name, 'a', 'A'), reverse(name), repeat('-', 3), lpad(name, 6, '.'), rpad(name, 6), left(name, 2), right(name, 2) FROM users ORDER BY tenant_id, id
-- case: expr-111
SELECT split_part(email, '@', 2), regexp_replace(name, '[aeiou]', '*', 'g'), regexp_match(email, '@(.*)$') FROM users WHERE email IS NOT NULL ORDER BY tenant_id, id
-- case: expr-112
SELECT format('%s has %s', name, id), md5(name), quote_ident('Mixed Case'), quote_literal(name) FROM users WHERE tenant_id = 1 ORDER BY id
-- case: expr-113
SELECT starts_with(name, 'a'), name ^@ 'b' FROM users ORDER BY tenant_id, id
-- case: expr-114
SELECT abs(-3), ceil(1.2), floor(-1.2), round(2.567, 2), trunc(2.567, 1), mod(7, 3), power(2, 10), sqrt(16), sign(-4), div(7, 2)
-- case: expr-115
SELECT round(score), round(score, 1), score * 2, score / 3, -score FROM users WHERE score IS NOT NULL ORDER BY tenant_id, id
-- case: expr-116
SELECT width_bucket(priority, 1, 6, 5), gcd(12, 18), lcm(4, 6), factorial(5) FROM tasks ORDER BY tenant_id, id
-- case: expr-117
SELECT extract(year FROM due_at AT TIME ZONE 'UTC'), extract(dow FROM created_at), date_part('month', created_at), EXTRACT(EPOCH FROM estimate) FROM tasks t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.assignee_id ORDER BY t.tenant_id, t.id
-- case: expr-118
SELECT date_trunc('day', created_at), created_at + INTERVAL '1 hour', created_at - INTERVAL '2 days', created_at::date - DATE '2025-01-01' FROM users ORDER BY tenant_id, id
-- case: expr-119
SELECT age(TIMESTAMP '2026-01-01', created_at), justify_hours(INTERVAL '30 hours'), make_date(2025, 2, 3), make_interval(days => 3) FROM users WHERE tenant_id = 1 ORDER BY id
-- case: expr-120
SELECT due_at AT TIME ZONE 'Europe/Berlin', (due_at AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Tokyo' FROM tasks WHERE tenant_id = 1 ORDER BY id
-- case: expr-122
SELECT to_char(created_at, 'YYYY-MM-DD HH24:MI'), to_date('2025-05-06', 'YYYY-MM-DD'), to_timestamp(0) AT TIME ZONE 'UTC', to_number('1,234.5', '9,999.9') FROM users WHERE tenant_id = 2 ORDER BY id
-- case: expr-123
SELECT id FROM tasks WHERE due_at > TIMESTAMPTZ '2026-03-10 00:00:00+00' AND due_at < '2026-03-20'::timestamptz ORDER BY tenant_id, id
-- case: expr-124
SELECT id FROM tasks WHERE estimate > INTERVAL '3 hours' ORDER BY tenant_id, id
-- case: expr-125
SELECT 'abc' COLLATE "C" < 'abd', name COLLATE "C" FROM users WHERE tenant_id = 1 ORDER BY name COLLATE "C"
-- case: expr-126
SELECT name FROM users ORDER BY name COLLATE "POSIX" DESC, tenant_id, id
-- case: expr-128
SELECT num_nonnulls(email, manager_id), num_nulls(email, manager_id, score) FROM users ORDER BY tenant_id, id
-- case: expr-129
SELECT pg_typeof(1), pg_typeof(1.5), pg_typeof('a'::text), pg_typeof(ARRAY[1])
-- case: expr-130
SELECT CURRENT_DATE IS NOT NULL, CURRENT_TIMESTAMP IS NOT NULL, LOCALTIMESTAMP IS NOT NULL, now() IS NOT NULL
-- case: expr-131
SELECT current_user IS NOT NULL, session_user = current_user, current_schema, current_database() IS NOT NULL
-- case: expr-132
SELECT count(*) FROM users WHERE created_at < CURRENT_TIMESTAMP
-- case: expr-133
SELECT 'a' = 'a' AND 1 <> 2 AND 'b' > 'a' AND 3 >= 3 AND 2 < 3 AND 2 <= 2
-- case: expr-134
SELECT +5, - + 5, 3 * -2, -3 * 2, 2 * (3 + 4) / (1 + 1)
-- case: expr-135
SELECT 1 = ANY ('{1,2}'::int[]) AND NOT 3 = ANY ('{1,2}'::int[])
-- case: expr-136
SELECT '{1,2,3}'::int[] = '{1,2,3}', '{a,b}'::text[] || '{c}'
-- case: expr-137
SELECT id FROM users WHERE tags = '{}' ORDER BY tenant_id, id
-- case: expr-138
SELECT id FROM users WHERE tags <> '{}' AND tags[1] = 'dev' ORDER BY tenant_id, id
-- case: expr-139
SELECT body FROM comments WHERE body = 'see {1,2,3}' ORDER BY tenant_id, id
-- case: expr-140
SELECT body FROM comments WHERE body LIKE 'path C:\\%' ORDER BY tenant_id, id
-- case: expr-141
SELECT body FROM comments WHERE body = E'it\'s done' OR body = 'cost: $5' ORDER BY tenant_id, id
-- case: expr-142
SELECT body FROM comments WHERE position('@' IN body) > 0 ORDER BY tenant_id, id
-- case: expr-143
SELECT body FROM comments WHERE body ~ '\?' OR body LIKE '%?' ORDER BY tenant_id, id
-- case: expr-144
SELECT count(*) FILTER (WHERE body LIKE '%{%') FROM comments
-- case: expr-145
SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM tasks) * 2
-- case: expr-146
SELECT id FROM users WHERE id = (SELECT 2) ORDER BY tenant_id
-- case: expr-147
SELECT 1 WHERE 1 = 1
-- case: expr-148
SELECT 'one' WHERE EXISTS (SELECT 1) AND NOT EXISTS (SELECT 1 WHERE false)
-- case: expr-149
SELECT COALESCE(NULLIF(0, 0), 7), GREATEST('a', 'b'), LEAST(1.5, 2)
-- case: expr-150
SELECT x.y FROM (SELECT 1 AS y) x WHERE x.y IN (SELECT 1) AND x.y = ANY (SELECT 1) AND x.y > ALL (SELECT 0)
-- case: expr-151
SELECT greatest(1, 2) + least(3, 4) * coalesce(NULL, 5)
-- case: expr-152
SELECT 'a' < 'b' AND NOT 'a' > 'b' OR 1 = 0 AND 2 = 2
-- case: expr-153
SELECT 1 WHERE NOT NOT true
-- case: expr-154
SELECT (((1))), ((1 + 2)) * ((3))
-- case: expr-155
SELECT CAST(id AS text) || CAST(tenant_id AS varchar) AS key FROM users ORDER BY tenant_id, id
-- case: expr-156
SELECT id::numeric / 3, (id / 3)::numeric, id / 3::numeric FROM users WHERE tenant_id = 1 ORDER BY id
-- case: expr-157
SELECT -1::int, (-1)::int, - '1'::int, 2 ^ -1
-- case: expr-158
SELECT '5'::int + '3'::int * 2, ('5' || '3')::int
-- case: expr-159
SELECT 'abc'::text LIKE 'a%', ARRAY[1, 2]::text[]::text
-- case: expr-160
SELECT ARRAY[ARRAY[1, 2], ARRAY[3, 4]]::int[][]
-- case: expr-161
SELECT id, CASE WHEN priority BETWEEN 1 AND 2 THEN 'low' WHEN priority IN (3) THEN 'mid' WHEN title LIKE '%urgent%' THEN 'urgent' ELSE 'high' END FROM tasks ORDER BY tenant_id, id
-- case: expr-162
SELECT sum(CASE WHEN done THEN 1 ELSE 0 END) AS done_count, sum(CASE WHEN NOT done THEN priority END) FROM tasks
-- case: expr-163
SELECT count(*) FROM tasks WHERE status = ANY (VALUES ('open'), ('review'))
-- case: expr-164
SELECT id FROM users WHERE name = 'ada' OR name = 'bob_2' ORDER BY tenant_id, id
-- case: expr-165
SELECT u.id FROM users u WHERE u.tenant_id = 1 AND u.id IN (SELECT t.assignee_id FROM tasks t WHERE t.tenant_id = u.tenant_id AND t.priority IN (SELECT max(priority) FROM tasks)) ORDER BY u.id
-- case: insert-001
INSERT INTO countries (code, name) VALUES ('es', 'Spain')
-- case: insert-002
INSERT INTO countries VALUES ('es', 'Spain'), ('pt', 'Portugal')
-- case: insert-003
INSERT INTO countries (name, code) VALUES ('Spain', 'es') RETURNING *
-- case: insert-004
INSERT INTO countries (code, name) VALUES ('es', 'Spain') RETURNING code, upper(name) AS shout
-- case: insert-005
INSERT INTO public.countries AS c (code, name) VALUES ('es', 'Spain') RETURNING c.code
-- case: insert-006
INSERT INTO audit_log DEFAULT VALUES
-- case: insert-007
INSERT INTO audit_log DEFAULT VALUES RETURNING *
-- case: insert-008
INSERT INTO audit_log (note, level) VALUES (DEFAULT, 5), ('x', DEFAULT) RETURNING note, level
-- case: insert-009
INSERT INTO audit_log (level) VALUES (1 + 2 * 3) RETURNING level, note
-- case: insert-010
INSERT INTO audit_log (note) VALUES ((SELECT string_agg(code, ',' ORDER BY code) FROM countries)) RETURNING note
-- case: insert-011
INSERT INTO audit_log (note) SELECT name FROM countries WHERE code <> 'us'
-- case: insert-012
INSERT INTO audit_log (note, level) SELECT name, tenant_id FROM users WHERE tenant_id = 2 ORDER BY id LIMIT 3 RETURNING note, level
-- case: insert-013
INSERT INTO audit_log (note) SELECT 'a' UNION ALL SELECT 'b'
-- case: insert-014
INSERT INTO audit_log (note) VALUES ('one') , ('two'), ('three') RETURNING note
-- case: insert-015
INSERT INTO audit_log (note) (SELECT 'paren')
-- case: insert-016
INSERT INTO audit_log (note) WITH x AS (SELECT 'from cte' AS n) SELECT n FROM x RETURNING note
-- case: insert-017
INSERT INTO audit_log (note, logged_at) VALUES ('typed', TIMESTAMP '2026-05-05 05:05:05') RETURNING logged_at
-- case: insert-018
INSERT INTO users (tenant_id, id, name, created_at) VALUES (1, 100, 'new', '2026-01-01') RETURNING tenant_id, id, active, tags
-- case: insert-019
INSERT INTO users (tenant_id, id, name, created_at, tags, profile) VALUES (2, 100, 'json', '2026-01-01', ARRAY['x', 'y'], '{"age": 5}') RETURNING tags, profile -> 'age'
-- case: insert-020
INSERT INTO users (tenant_id, id, name, created_at, tags) VALUES (2, 101, 'braces', '2026-01-01', '{a,"b c"}') RETURNING tags
-- case: insert-021
INSERT INTO users (tenant_id, id, name, created_at) VALUES (1, 1, 'dup', '2026-01-01') ON CONFLICT DO NOTHING
-- case: insert-022
INSERT INTO users (tenant_id, id, name, created_at) VALUES (1, 1, 'dup', '2026-01-01') ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id
-- case: insert-023
INSERT INTO users (tenant_id, id, name, created_at) VALUES (1, 1, 'renamed', '2026-01-01'), (1, 50, 'fresh', '2026-01-01') ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name RETURNING id, name
-- case: insert-024
INSERT INTO users AS u (tenant_id, id, name, created_at) VALUES (2, 2, 'x', '2026-01-01') ON CONFLICT (tenant_id, id) DO UPDATE SET name = u.name || '+' || excluded.name, score = coalesce(u.score, 0) + 1 WHERE u.active RETURNING u.name, u.score
-- case: insert-025
INSERT INTO users (tenant_id, id, name, created_at) VALUES (3, 3, 'x', '2026-01-01') ON CONFLICT ON CONSTRAINT users_pkey DO UPDATE SET (name, email) = (EXCLUDED.name, NULL) RETURNING *
-- case: insert-027
INSERT INTO countries (code, name) VALUES ('de', 'Deutschland') ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name WHERE countries.name <> EXCLUDED.name RETURNING name
-- case: insert-028
INSERT INTO countries (code, name) SELECT lower(code), name || '!' FROM countries WHERE code IN ('de', 'fr') ON CONFLICT (code) DO UPDATE SET name = excluded.name
-- case: insert-029
INSERT INTO countries (code, name) VALUES ('xx', 'X') ON CONFLICT (code) DO UPDATE SET name = (SELECT max(name) FROM countries) RETURNING name
-- case: insert-030
INSERT INTO projects (tenant_id, id, name, meta) VALUES (1, 10, 'json meta', jsonb_build_object('k', 1) || '{"z": [1, 2]}') RETURNING meta
-- case: insert-031
INSERT INTO projects (tenant_id, id, name, budget, starts_on) SELECT tenant_id, id + 10, name || ' copy', budget * 2, starts_on + 7 FROM projects WHERE tenant_id = 1 RETURNING id, budget, starts_on
-- case: insert-032
INSERT INTO tasks (tenant_id, id, project_id, title, labels, estimate, due_at) VALUES (1, 99, 1, 'new task', '{1,2,3}', INTERVAL '2 hours', '2026-06-01 00:00+00') RETURNING labels, estimate, status, priority, done
-- case: insert-033
INSERT INTO comments (tenant_id, id, task_id, body, created_at) VALUES (1, 99, 1, $$it's "quoted" -- and /* commented */$$, '2026-01-01') RETURNING body
-- case: insert-034
INSERT INTO comments (tenant_id, id, task_id, body, created_at) VALUES (2, 99, 1, E'line\nbreak', '2026-01-01'), (2, 98, 1, U&'\00e9t\00e9', '2026-01-01') RETURNING body
-- case: insert-035
INSERT INTO comments (tenant_id, id, task_id, body, created_at) SELECT t.tenant_id, t.id + 500, t.id, 'auto: ' || t.title, TIMESTAMP '2026-01-01' FROM tasks t WHERE t.done AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.tenant_id = t.tenant_id AND c.task_id = t.id) RETURNING tenant_id, id
-- case: insert-036
INSERT INTO "Mixed Case" ("Id", "select", "quote""d") VALUES (10, 'ins', 'q"q') RETURNING "Id", "quote""d"
-- case: insert-037
INSERT INTO audit_log VALUES ('all columns', 3, '2026-01-01 00:00')
-- case: insert-038
INSERT INTO audit_log (note) SELECT format('%s:%s', tenant_id, count(*)) FROM tasks GROUP BY tenant_id HAVING count(*) > 10
-- case: insert-039
INSERT INTO audit_log (note) VALUES ('x') RETURNING note || '!' AS shout, level + 1, *
-- case: insert-040
INSERT INTO tenants (id, name, plan, created_at, settings) VALUES (4, 'New', 'free', '2026-01-01 00:00+00', '{}') RETURNING id
-- case: insert-041
INSERT INTO tenants (id, name, plan, created_at, settings) SELECT 4, 'New', 'free', created_at, settings FROM tenants WHERE id = 1 ON CONFLICT (id) DO NOTHING RETURNING settings
-- case: update-001
UPDATE users SET name = 'renamed' WHERE tenant_id = 1 AND id = 2
-- case: update-002
UPDATE users SET name = upper(name), score = score * 2 WHERE tenant_id = 2 RETURNING id, name, score
-- case: update-003
UPDATE users SET score = NULL WHERE score < 30
-- case: update-004
UPDATE users SET active = DEFAULT, tags = DEFAULT WHERE tenant_id = 3 RETURNING id, active, tags
-- case: update-005
UPDATE users AS u SET email = u.name || '@new.example' WHERE u.email IS NULL RETURNING u.tenant_id, u.id, u.email
-- case: update-006
UPDATE users u SET manager_id = NULL WHERE u.manager_id = 1 AND u.tenant_id = 1
-- case: update-007
UPDATE users SET (name, email) = ('pair', 'pair@x') WHERE tenant_id = 1 AND id = 3 RETURNING name, email
-- case: update-009
UPDATE users SET (score) = ROW(99) WHERE tenant_id = 3 AND id = 1
-- case: update-010
UPDATE users SET tags = array_append(tags, 'new'), profile = coalesce(profile, '{}') || jsonb_build_object('touched', true) WHERE tenant_id = 1 RETURNING tags, profile
-- case: update-013
UPDATE tasks SET done = true, status = 'closed' WHERE tenant_id = 1 AND due_at < '2026-03-05'
-- case: update-014
UPDATE tasks t SET assignee_id = p.owner_id FROM projects p WHERE p.tenant_id = t.tenant_id AND p.id = t.project_id AND t.assignee_id IS NULL RETURNING t.tenant_id, t.id, t.assignee_id
-- case: update-015
UPDATE tasks SET priority = priority + 1 FROM projects WHERE projects.tenant_id = tasks.tenant_id AND projects.id = tasks.project_id AND projects.meta ->> 'color' = 'red'
-- case: update-016
UPDATE tasks t SET title = t.title || ' @' || u.name FROM users u JOIN countries c ON c.code = u.country_code WHERE u.tenant_id = t.tenant_id AND u.id = t.assignee_id AND c.code = 'de' RETURNING t.title, c.name
-- case: update-017
UPDATE tasks SET priority = s.m FROM (SELECT tenant_id, max(priority) AS m FROM tasks GROUP BY tenant_id) s WHERE s.tenant_id = tasks.tenant_id AND tasks.done RETURNING tasks.tenant_id, tasks.id, tasks.priority
-- case: update-018
UPDATE tasks SET status = 'stale' FROM (VALUES (1, 1), (2, 2)) AS v (t, i) WHERE tasks.tenant_id = v.t AND tasks.id = v.i
-- case: update-019
UPDATE tasks SET status = 'x' WHERE id IN (SELECT task_id FROM comments WHERE comments.tenant_id = tasks.tenant_id)
-- case: update-020
UPDATE tasks SET priority = (SELECT count(*) FROM comments c WHERE c.tenant_id = tasks.tenant_id AND c.task_id = tasks.id) WHERE tenant_id = 2 RETURNING id, priority
-- case: update-021
UPDATE tasks SET estimate = estimate + INTERVAL '30 minutes', due_at = due_at + '1 day'::interval WHERE estimate IS NOT NULL RETURNING id, estimate
-- case: update-022
UPDATE tasks SET title = CASE WHEN done THEN title || ' (done)' ELSE title END WHERE tenant_id = 3 RETURNING title
-- case: update-023
UPDATE projects SET meta = jsonb_set(meta, '{color}', '"black"') WHERE meta ->> 'color' = 'red' RETURNING tenant_id, id, meta
-- case: update-024
UPDATE projects SET meta = meta - 'tags', budget = budget * 1.1 WHERE tenant_id = 1 RETURNING meta, budget
-- case: update-025
UPDATE projects SET starts_on = starts_on + 1 WHERE starts_on BETWEEN DATE '2025-03-01' AND DATE '2025-06-01' RETURNING *
-- case: update-027
UPDATE countries SET name = 'Deutschland' WHERE code = 'de' RETURNING *, length(name) AS len
-- case: update-028
UPDATE audit_log SET level = level + 10
-- case: update-029
UPDATE "Mixed Case" SET "select" = 'upd', "quote""d" = NULL WHERE "Id" > 1 RETURNING "Id", "select"
-- case: update-030
UPDATE users SET score = 1 WHERE false
-- case: update-031
UPDATE users SET name = name WHERE tenant_id = 1 AND (id = 1 OR id = 2) AND NOT active IS NULL
-- case: update-032
WITH bad AS (SELECT tenant_id, id FROM tasks WHERE priority = 5) UPDATE tasks t SET priority = 4 FROM bad WHERE bad.tenant_id = t.tenant_id AND bad.id = t.id RETURNING t.tenant_id, t.id
-- case: update-033
UPDATE users SET manager_id = m.id FROM users m WHERE m.tenant_id = users.tenant_id AND m.manager_id IS NULL AND users.id <> m.id AND users.manager_id IS NULL
-- case: update-034
UPDATE tenants SET settings = settings || jsonb_build_object('users', (SELECT count(*) FROM users WHERE users.tenant_id = tenants.id)) RETURNING id, settings -> 'users'
-- case: delete-001
DELETE FROM comments WHERE tenant_id = 1 AND id = 3
-- case: delete-002
DELETE FROM comments WHERE body LIKE '%?%' RETURNING tenant_id, id
-- case: delete-003
DELETE FROM comments RETURNING *
-- case: delete-004
DELETE FROM comments c WHERE c.created_at < TIMESTAMP '2026-02-03' RETURNING c.tenant_id, c.id, c.body
-- case: delete-005
DELETE FROM comments AS c USING tasks t WHERE t.tenant_id = c.tenant_id AND t.id = c.task_id AND t.done RETURNING c.tenant_id, c.id, t.title
-- case: delete-006
DELETE FROM comments USING tasks, projects WHERE tasks.tenant_id = comments.tenant_id AND tasks.id = comments.task_id AND projects.tenant_id = tasks.tenant_id AND projects.id = tasks.project_id AND projects.budget IS NULL
-- case: delete-007
DELETE FROM comments USING tasks t JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.assignee_id WHERE t.tenant_id = comments.tenant_id AND t.id = comments.task_id AND NOT u.active RETURNING comments.id
-- case: delete-008
DELETE FROM comments WHERE (tenant_id, task_id) IN (SELECT tenant_id, id FROM tasks WHERE status = 'closed')
-- case: delete-009
DELETE FROM comments WHERE EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = comments.tenant_id AND u.id = comments.author_id AND u.email IS NULL) RETURNING id
-- case: delete-010
DELETE FROM tasks WHERE tenant_id = 2 AND labels @> ARRAY[1] RETURNING id, labels
-- case: delete-011
DELETE FROM tasks WHERE NOT done AND priority > (SELECT avg(priority) FROM tasks) RETURNING tenant_id, id
-- case: delete-012
DELETE FROM audit_log
-- case: delete-014
DELETE FROM public.countries WHERE code = 'br'
-- case: delete-015
DELETE FROM countries WHERE code NOT IN (SELECT country_code FROM users WHERE country_code IS NOT NULL) RETURNING code
-- case: delete-016
DELETE FROM "Mixed Case" WHERE "select" IS NULL RETURNING *
-- case: delete-017
DELETE FROM comments USING (SELECT tenant_id, max(id) AS m FROM comments GROUP BY tenant_id) latest WHERE latest.tenant_id = comments.tenant_id AND latest.m = comments.id RETURNING comments.tenant_id, comments.id
-- case: delete-018
DELETE FROM comments USING (VALUES (1, 2), (3, 4)) AS v (t, i) WHERE comments.tenant_id = v.t AND comments.id = v.i
-- case: delete-019
WITH old AS (SELECT tenant_id, id FROM comments WHERE created_at < '2026-02-05') DELETE FROM comments c USING old WHERE old.tenant_id = c.tenant_id AND old.id = c.id RETURNING c.id
-- case: delete-021
DELETE FROM comments WHERE id = ANY (ARRAY[1, 2, 3]) AND tenant_id <> 2
-- case: delete-022
DELETE FROM tasks t USING LATERAL (SELECT 1) x WHERE t.tenant_id = 1 AND t.id = 1
-- case: param-001 @account=1
SELECT id, name FROM users WHERE tenant_id = @account ORDER BY id
-- case: param-002 @account=2 @name='bob_2'
SELECT id FROM users WHERE tenant_id = @account AND name = @name
-- case: param-003 @pattern='%a%' @limit=3
SELECT name FROM users WHERE name LIKE @pattern ORDER BY tenant_id, id LIMIT @limit
-- case: param-004 @t=3 @p=2
SELECT t.title FROM tasks t WHERE t.tenant_id = @t AND t.priority > @p AND t.title <> '@t' ORDER BY t.id
-- case: param-005 @note='from a parameter' @level=7
INSERT INTO audit_log (note, level) VALUES (@note, @level) RETURNING note, level
-- case: param-006 @account=1 @id=2 @name='param rename'
UPDATE users SET name = @name WHERE tenant_id = @account AND id = @id RETURNING name
-- case: param-007 @account=2
DELETE FROM comments WHERE tenant_id = @account RETURNING id
-- case: param-008 @code='de'
SELECT (SELECT name FROM countries WHERE code = @code), count(*) FILTER (WHERE country_code = @code) FROM users
-- case: param-009 $1=1
SELECT id FROM users WHERE tenant_id = $1 ORDER BY id
-- case: param-010 $1=2 $2='open'
SELECT id FROM tasks WHERE tenant_id = $1 AND status = $2 ORDER BY id
-- case: param-011 $1='%done%'
SELECT count(*) FROM tasks WHERE title LIKE $1 OR $1 IS NULL
-- case: param-012 $1=3 $2=1
UPDATE tasks SET priority = $2 WHERE tenant_id = $1 AND priority > $2 RETURNING id, priority
-- case: param-013 @x=5
SELECT @x::int + 1, (@x)::text, -@x, @x * 2
-- case: param-014 @ids='{1,3}'
SELECT id FROM users WHERE tenant_id = 1 AND id = ANY (@ids::bigint[]) ORDER BY id
-- case: lexical-049
SELECT 'a\' AS s, 1 = 1 AS t -- ' , 'not a column'
-- case: lexical-050
SELECT 1 +--c
2 AS n
-- case: lexical-051
SELECT 2 */* c */ 3 AS n
-- case: lexical-052
SELECT 4 >- 3 AS a, 2 <- 1 AS b, 1 *- 2 AS c, 8 /- 2 AS d, 3 =- 3 AS e
-- case: lexical-053
SELECT id FROM users WHERE tenant_id=-1 OR id<=-1 OR id>=+100 ORDER BY id
-- case: lexical-054
SELECT name FROM users WHERE name = 'ada'--'
OR name = 'bob' ORDER BY tenant_id, id
-- case: lexical-055
SELECT $q$'$q$ AS single_quote, '$q$' AS dollar_tag, $x$$x$ AS empty_tagged
-- case: lexical-056
SELECT "a" FROM (SELECT 1 AS "a", 2 AS "A") AS s
-- case: lexical-057
SELECT "A", a FROM (SELECT 1 AS a, 2 AS "A") AS s
-- case: lexical-058
SELECT 1 AS "with ""doubled"" quotes", 2 AS "semi;colon", 3 AS "-- dash", 4 AS "?"
-- case: join-101
SELECT count(*) FROM users u JOIN tasks t JOIN projects p ON p.tenant_id = t.tenant_id AND p.id = t.project_id ON t.tenant_id = u.tenant_id AND t.assignee_id = u.id
-- case: group-101
SELECT tenant_id, status, count(*) FROM tasks GROUP BY ROLLUP (tenant_id, status) ORDER BY tenant_id NULLS LAST, status NULLS LAST
-- case: group-102
SELECT tenant_id, done, count(*) FROM tasks GROUP BY CUBE (tenant_id, done) ORDER BY tenant_id NULLS LAST, done NULLS LAST
-- case: group-103
SELECT tenant_id, status, count(*) FROM tasks GROUP BY GROUPING SETS ((tenant_id), (status), ()) ORDER BY tenant_id NULLS LAST, status NULLS LAST
-- case: group-104
SELECT tenant_id, count(*), GROUPING(tenant_id) FROM tasks GROUP BY ROLLUP (tenant_id) ORDER BY 1 NULLS LAST
-- case: expr-201
SELECT (DATE '2025-01-01', DATE '2025-02-01') OVERLAPS (DATE '2025-01-15', DATE '2025-03-01')
-- case: insert-101
INSERT INTO users (tenant_id, id, name, created_at) VALUES (3, 4, 'y', '2026-01-01') ON CONFLICT (tenant_id, id) WHERE active DO UPDATE SET name = excluded.name
-- case: group-105
SELECT count(*), sum(priority) FROM tasks GROUP BY ()
-- case: group-106
SELECT tenant_id, done, count(*), GROUPING(tenant_id, done) FROM tasks GROUP BY GROUPING SETS (ROLLUP (tenant_id), CUBE (done), (tenant_id, done), ()) ORDER BY 1 NULLS LAST, 2 NULLS LAST, 3, 4
-- case: group-107
SELECT tenant_id, status, done, count(*) FROM tasks GROUP BY tenant_id, ROLLUP ((status, done)) ORDER BY 1, 2 NULLS LAST, 3 NULLS LAST
-- case: expr-202
SELECT (created_at, created_at + INTERVAL '1 day') OVERLAPS (TIMESTAMP '2025-01-01', TIMESTAMP '2030-01-01') AS o, NOT (DATE '2025-01-01', DATE '2025-01-02') OVERLAPS (DATE '2025-01-03', INTERVAL '1 day') FROM users ORDER BY tenant_id, id
-- case: join-102
SELECT u.name, t.title, p.name FROM users u LEFT JOIN tasks t INNER JOIN projects p ON p.tenant_id = t.tenant_id AND p.id = t.project_id ON t.tenant_id = u.tenant_id AND t.assignee_id = u.id ORDER BY u.tenant_id, u.id, t.id
-- case: join-103
SELECT count(*) FROM users u JOIN tasks t CROSS JOIN countries c ON t.tenant_id = u.tenant_id AND c.code = u.country_code
-- case: update-101
UPDATE users SET (name, score) = (SELECT name || '!', 1 FROM countries WHERE code = 'de') WHERE tenant_id = 2 AND id = 1 RETURNING name, score
-- case: update-102
UPDATE users SET (name, score) = ((SELECT 'z'), 2), active = false WHERE tenant_id = 1 AND id = 1 RETURNING name, score, active
