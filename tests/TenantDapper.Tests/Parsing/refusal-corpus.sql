-- Statements the parser (or the scoping that follows it, under a tenant) must refuse with UnscopableSqlException
-- before anything is sent. A line "-- case: <id>" starts a statement; everything up to the next such line is its text.
-- The "limitation-" cases are valid PostgreSQL the parser refuses today (by design, such as ONLY and column aliases
-- that could rename the tenant column, or not yet supported, such as ROLLUP): when one becomes supported, move it to
-- round-trip-corpus.sql.
-- case: natural-001
SELECT * FROM users NATURAL JOIN tasks
-- case: natural-002
SELECT u.name FROM users u NATURAL LEFT JOIN projects p
-- case: natural-003
SELECT count(*) FROM projects NATURAL RIGHT OUTER JOIN tasks
-- case: natural-004
SELECT count(*) FROM users NATURAL FULL JOIN comments
-- case: natural-005
SELECT count(*) FROM users u JOIN (tasks NATURAL INNER JOIN comments) x ON x.assignee_id = u.id
-- case: natural-006
SELECT * FROM users WHERE EXISTS (SELECT 1 FROM tasks NATURAL JOIN comments)
-- case: natural-007
DELETE FROM comments USING tasks NATURAL JOIN projects WHERE comments.task_id = tasks.id
-- case: multiple-001
SELECT 1; SELECT 2
-- case: multiple-002
SELECT id FROM users; DELETE FROM users
-- case: multiple-003
SELECT 1;
DROP TABLE users
-- case: multiple-004
SELECT 'x'; DELETE FROM comments --'
-- case: multiple-005
SELECT $$;$$; UPDATE users SET name = 'pwned'
-- case: multiple-006
SELECT 1 /* ; */; TRUNCATE comments
-- case: multiple-007
SELECT 1;;
-- case: multiple-008
; SELECT 1
-- case: multiple-009
UPDATE users SET name = 'x' WHERE tenant_id = 1; UPDATE users SET name = 'y'
-- case: multiple-010
SELECT 'a\'; DELETE FROM comments; --'
-- case: non-dml-001
CREATE TABLE stolen AS SELECT * FROM users
-- case: non-dml-002
DROP TABLE users
-- case: non-dml-003
TRUNCATE users
-- case: non-dml-004
TRUNCATE TABLE comments, tasks CASCADE
-- case: non-dml-005
ALTER TABLE users ADD COLUMN x int
-- case: non-dml-006
GRANT SELECT ON users TO PUBLIC
-- case: non-dml-007
COPY users TO STDOUT
-- case: non-dml-008
SET search_path = pg_catalog
-- case: non-dml-009
SET LOCAL statement_timeout = 0
-- case: non-dml-010
RESET ALL
-- case: non-dml-011
BEGIN
-- case: non-dml-012
COMMIT
-- case: non-dml-013
VACUUM users
-- case: non-dml-014
EXPLAIN SELECT * FROM users
-- case: non-dml-015
EXPLAIN ANALYZE DELETE FROM users
-- case: non-dml-016
SELECT * INTO stolen FROM users
-- case: non-dml-017
SELECT id, name INTO TEMP TABLE stolen FROM users WHERE tenant_id = 1
-- case: non-dml-018
DO $$ BEGIN DELETE FROM users; END $$
-- case: non-dml-019
CALL some_procedure()
-- case: non-dml-020
LOCK TABLE users IN ACCESS EXCLUSIVE MODE
-- case: non-dml-021
MERGE INTO countries c USING (VALUES ('zz', 'Z')) v (code, name) ON c.code = v.code WHEN NOT MATCHED THEN INSERT VALUES (v.code, v.name)
-- case: non-dml-022
MERGE INTO users u USING tenants t ON t.id = u.tenant_id WHEN MATCHED THEN DELETE
-- case: non-dml-023
PREPARE q AS SELECT * FROM users
-- case: non-dml-024
EXECUTE q
-- case: non-dml-025
DECLARE c CURSOR FOR SELECT * FROM users
-- case: non-dml-026
NOTIFY channel, 'payload'
-- case: non-dml-027
COMMENT ON TABLE users IS 'x'
-- case: non-dml-028
SHOW search_path
-- case: non-dml-029
CREATE FUNCTION leak() RETURNS SETOF users LANGUAGE sql AS $$ SELECT * FROM users $$
-- case: non-dml-030
CREATE VIEW all_users AS SELECT * FROM users
-- case: non-dml-031
DISCARD ALL
-- case: non-dml-032
SET ROLE postgres
-- case: non-dml-033
ANALYZE users
-- case: non-dml-034
REFRESH MATERIALIZED VIEW anything
-- case: non-dml-035
WITH x AS (SELECT 1) CREATE TABLE y (a int)
-- case: function-001
SELECT user_count()
-- case: function-002
SELECT id FROM users WHERE tenant_id = 1 AND id < user_count()
-- case: function-003
SELECT public.user_count() AS n
-- case: function-004
SELECT name FROM users ORDER BY user_count() - id
-- case: function-005
UPDATE users SET score = user_count() WHERE id = 1
-- case: function-006
SELECT * FROM user_count()
-- case: function-007
SELECT query_to_xml('SELECT * FROM users', true, false, '')
-- case: function-008
SELECT table_to_xml('users', true, false, '')
-- case: function-009
SELECT count(*) FROM users WHERE id IN (SELECT (xpath('/row/id/text()', x))[1]::text::bigint FROM unnest(xpath('/table/row', query_to_xml('SELECT id FROM users', false, false, ''))) AS x)
-- case: function-010
SELECT * FROM ts_stat('SELECT to_tsvector(name) FROM users')
-- case: function-011
SELECT schema_to_xml('public', true, false, '')
-- case: function-012
SELECT database_to_xml(true, false, '')
-- case: function-013
SELECT query_to_xml_and_xmlschema('SELECT * FROM tasks', true, false, '')
-- case: function-014
SELECT cursor_to_xml('c', 10, true, false, '')
-- case: function-015
SELECT id FROM users WHERE tenant_id = 1 AND EXISTS (SELECT 1 FROM user_count() n WHERE n > 0)
-- case: lexical-001
SELECT 'unterminated
-- case: lexical-002
SELECT "unterminated FROM users
-- case: lexical-003
SELECT $a$ unterminated dollar quote
-- case: lexical-004
SELECT 1 /* unterminated block comment
-- case: lexical-005
SELECT 1 /* nested /* only one closed */
-- case: lexical-006
SELECT 1 AS ""
-- case: lexical-007
SELECT 'a' 'b'
-- case: lexical-008
SELECT id FROM users WHERE tenant_id = 1ORDER BY id
-- case: lexical-009
SELECT id FROM users WHERE id = ?
-- case: lexical-010
SELECT [id] FROM users
-- case: lexical-011
SELECT {id} FROM users
-- case: lexical-012
SELECT E'unterminated \' escape
-- case: lexical-013
SELECT U&"unterminated
-- case: lexical-014
SELECT $$a$$ $$b$$
-- case: lexical-015
SELECT 1 FROM users WHERE
-- case: lexical-016
SELECT FROM WHERE
-- case: lexical-017
SELECT (1
-- case: lexical-018
SELECT 1)
-- case: lexical-019
SELECT id FROM users ORDER BY
-- case: lexical-020
DELETE users
-- case: lexical-021
UPDATE users WHERE id = 1
-- case: lexical-022
INSERT INTO users
-- case: lexical-023

-- case: lexical-024
-- only a comment
-- case: lexical-025
SELECT 1 FROM users u JOIN tasks t
-- case: lexical-026
SELECT 1 FROM users JOIN tasks USING ()
-- case: lexical-027
SELECT B'102'
-- case: lexical-028
SELECT X'1G'
-- case: lexical-029
SELECT 1 AS a b
-- case: lexical-030
SELECT * FROM users WHERE id = 1 OR
-- case: parameter-001
SELECT * FROM users WHERE tenant_id = @tenant
-- case: parameter-002
UPDATE users SET name = 'x' WHERE tenant_id = @TENANT
-- case: limitation-select-056
SELECT * FROM users AS u (t, i, n) WHERE t = 1 ORDER BY i
-- case: limitation-lexical-038
SELECT INTERVAL '1 day 2 hours', INTERVAL '3' DAY, INTERVAL '1-2' YEAR TO MONTH, INTERVAL '90' MINUTE
-- case: limitation-join-020
SELECT j.tenant_id FROM users u JOIN tasks t USING (tenant_id, id) AS j WHERE j.id = 2 ORDER BY 1
-- case: limitation-join-046
SELECT x.id FROM ONLY users AS x WHERE x.tenant_id = 1 ORDER BY x.id
-- case: limitation-join-047
SELECT count(*) FROM users * WHERE tenant_id = 2
-- case: limitation-subquery-004
SELECT name FROM users u WHERE NOT EXISTS (SELECT FROM comments c WHERE c.tenant_id = u.tenant_id AND c.author_id = u.id) ORDER BY u.tenant_id, u.id
-- case: limitation-cte-026
WITH RECURSIVE search_tree (tenant_id, id, manager_id) AS (SELECT tenant_id, id, manager_id FROM users WHERE manager_id IS NULL UNION ALL SELECT u.tenant_id, u.id, u.manager_id FROM users u JOIN search_tree s ON s.tenant_id = u.tenant_id AND s.id = u.manager_id) SEARCH DEPTH FIRST BY id SET ordercol SELECT tenant_id, id FROM search_tree ORDER BY tenant_id, ordercol
-- case: limitation-cte-027
WITH RECURSIVE g (id, link) AS (SELECT 1, 2 UNION ALL SELECT link, CASE WHEN link = 3 THEN 1 ELSE link + 1 END FROM g) CYCLE id SET is_cycle USING path SELECT id, is_cycle FROM g ORDER BY path
-- case: limitation-expr-106
SELECT substring('foobar' FROM 'o.b'), substring('foobar' SIMILAR '%#"o_b#"%' ESCAPE '#')
-- case: limitation-expr-127
SELECT 'x' IS NORMALIZED, normalize('x', NFC)
-- case: limitation-update-011
UPDATE users SET tags[1] = 'first' WHERE tenant_id = 2 AND cardinality(tags) > 0 RETURNING tags
-- case: limitation-update-012
UPDATE tasks SET labels[2] = 0 WHERE labels IS NOT NULL AND tenant_id = 1 RETURNING labels
-- case: limitation-update-026
UPDATE ONLY countries SET name = name || '.' WHERE code LIKE '_e'
-- case: limitation-delete-013
DELETE FROM ONLY audit_log WHERE level = 1 RETURNING note
-- case: limitation-delete-020
DELETE FROM users WHERE tenant_id = 3 AND id = 8 AND NOT EXISTS (SELECT FROM tasks WHERE tasks.tenant_id = users.tenant_id AND tasks.assignee_id = users.id) RETURNING name
