using TenantDapper.Parsing;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// Parsed SQL text, scoped and run through the differential oracle: for every tenant alone the scoped statement on the shared database returns and changes exactly what the plain text does on a copy
/// holding only that tenant's rows, and leaves every other tenant's rows untouched.
/// </summary>
[TestFixture(OracleMode.Plain)]
[TestFixture(OracleMode.RowLevelSecurity)]
public class ParsedStatementOracleTests : OracleFixture
{
    public ParsedStatementOracleTests(OracleMode mode)
        : base(mode)
    {
    }

    private static readonly string[] Reads =
    [
        "SELECT p.name, count(t.id) AS n FROM projects p LEFT JOIN tasks t ON t.project_id = p.id GROUP BY p.name ORDER BY 1",
        "SELECT * FROM projects p JOIN tasks t USING (id)",
        "SELECT * FROM projects p LEFT JOIN tasks t USING (id)",
        "SELECT * FROM tasks t RIGHT JOIN projects p USING (id)",
        "SELECT * FROM projects p FULL JOIN tasks t USING (id)",
        "SELECT id, name, title FROM projects LEFT JOIN tasks USING (id) LEFT JOIN managers USING (id, name)",
        "SELECT p.name, x.n FROM projects p, LATERAL (SELECT count(*) AS n FROM tasks t WHERE t.project_id = p.id) AS x",
        "SELECT p.name, x.title FROM projects p LEFT JOIN LATERAL (SELECT title FROM tasks t WHERE t.project_id = p.id ORDER BY t.id LIMIT 1) x ON true",
        "SELECT g FROM generate_series(1, (SELECT count(*) FROM tasks)) AS g",
        "SELECT u.title, u.n FROM unnest(ARRAY(SELECT title FROM tasks ORDER BY id)) WITH ORDINALITY AS u(title, n)",
        "SELECT r.a FROM jsonb_to_recordset((SELECT jsonb_agg(jsonb_build_object('a', id)) FROM comments)) AS r(a int)",
        "SELECT ARRAY(SELECT title FROM tasks ORDER BY title, id)",
        "SELECT name, CASE WHEN EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id AND t.done) THEN 'busy' ELSE 'idle' END FROM projects p",
        "SELECT title, row_number() OVER w, sum(estimate) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM tasks WINDOW w AS (PARTITION BY project_id ORDER BY id)",
        "SELECT v.x, t.title FROM (VALUES (1), (2), (3)) AS v(x) JOIN tasks t ON t.id = v.x",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT r.n, t.title FROM r LEFT JOIN tasks t ON t.id = r.n",
        "WITH tasks AS (SELECT * FROM projects) SELECT name FROM tasks",
        "WITH RECURSIVE tasks(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM tasks WHERE id < 3) SELECT id FROM tasks",
        "SELECT name FROM projects UNION SELECT title FROM tasks ORDER BY 1 LIMIT 4",
        "(SELECT name FROM projects UNION SELECT title FROM tasks) INTERSECT SELECT name FROM managers",
        "SELECT title FROM tasks WHERE project_id = ANY (SELECT id FROM projects WHERE budget > 300)",
        "SELECT title FROM tasks WHERE project_id NOT IN (SELECT id FROM projects WHERE budget IS NULL) AND estimate BETWEEN SYMMETRIC 3 AND 1",
        "SELECT (SELECT count(*) FROM comments) AS n, coalesce((SELECT max(estimate) FROM tasks), 0) AS m",
        "SELECT DISTINCT ON (project_id) project_id, title FROM tasks ORDER BY project_id, id DESC",
        "SELECT count(*) FILTER (WHERE done), string_agg(title, ',' ORDER BY title, id), percentile_cont(0.5) WITHIN GROUP (ORDER BY estimate) FROM tasks",
        "SELECT jsonb_build_object('t', title) ->> 't' AS t, title ILIKE 'TASK%' FROM tasks WHERE title ~ '^task [12]$'",
        "SELECT a.name, c.name FROM accounts a LEFT JOIN countries c ON c.code = a.country_code",
        "SELECT project_id, count(*) FROM tasks GROUP BY project_id HAVING count(*) > (SELECT count(*) / 10 FROM comments) ORDER BY (SELECT count(*) FROM managers), 1",
        "SELECT upper(title) COLLATE \"C\", extract(year FROM date '2020-05-01'), position('k' in title), substring(title from 2 for 3), trim(both 't' from title) FROM tasks",
        "SELECT t.title, c.body FROM tasks t FULL JOIN comments c ON c.task_id = t.id WHERE c.id IS DISTINCT FROM 3",
        "SELECT * FROM (SELECT project_id, count(*) AS n FROM tasks GROUP BY project_id) s JOIN projects p ON p.id = s.project_id",
        "SELECT m.name FROM managers m WHERE EXISTS (SELECT 1 FROM project_managers pm JOIN projects p ON p.id = pm.project_id WHERE pm.manager_id = m.id)",
        "VALUES (1, 'a'), (2, (SELECT min(title) FROM tasks))",
        "SELECT title FROM tasks ORDER BY estimate NULLS FIRST, id FETCH FIRST 2 ROWS WITH TIES",
        "SELECT title FROM tasks WHERE id = 2 FOR UPDATE",
        "SELECT project_id, done, count(*), GROUPING(project_id, done) FROM tasks GROUP BY ROLLUP (project_id, done)",
        "SELECT done, count(*) FROM tasks GROUP BY GROUPING SETS ((done), ()) HAVING count(*) > (SELECT count(*) / 100 FROM comments)",
        "SELECT project_id, count(*) FROM tasks GROUP BY CUBE (project_id, (SELECT max(id) FROM projects))",
        "SELECT p.name, t.title, c.body FROM projects p LEFT JOIN tasks t JOIN comments c ON c.task_id = t.id ON t.project_id = p.id",
        "SELECT count(*) FROM projects p JOIN tasks t JOIN comments c ON c.task_id = t.id ON t.project_id = p.id WHERE (DATE '2025-01-01' + t.id, DATE '2025-01-03' + t.id) OVERLAPS (DATE '2025-01-01' + c.id, DATE '2025-01-02' + c.id)",
    ];

    private static readonly string[] Writes =
    [
        "UPDATE tasks SET done = true WHERE estimate > 2 RETURNING id",
        "UPDATE tasks t SET (done, estimate) = (NOT t.done, 5) FROM projects p WHERE p.id = t.project_id AND p.budget > 0 RETURNING t.id, p.name",
        "UPDATE projects SET budget = (SELECT sum(estimate) FROM tasks WHERE tasks.project_id = projects.id)",
        "UPDATE projects p SET (name, budget) = (SELECT coalesce(min(t.title), p.name), count(*) FROM tasks t WHERE t.project_id = p.id) RETURNING id, name, budget",
        "UPDATE projects SET (name, budget) = (SELECT coalesce(min(title), 'none'), count(*) FROM tasks) WHERE id = 1 RETURNING name, budget",
        "UPDATE tasks SET (title, estimate) = ((SELECT coalesce(max(name), 'none') FROM projects), 2), done = true WHERE id < 3",
        "INSERT INTO tasks (id, project_id, title) VALUES (1, 1, 'x') ON CONFLICT (account_id, id) DO UPDATE SET (title, estimate) = (SELECT coalesce(max(name), 'none'), count(*) FROM projects) RETURNING id, title, estimate",
        "DELETE FROM comments c USING tasks t WHERE t.id = c.task_id AND t.done RETURNING c.id",
        "DELETE FROM tasks WHERE id IN (SELECT task_id FROM comments) RETURNING *",
        "INSERT INTO labels (code, name) SELECT 'z-' || title || id, 'copy' FROM tasks WHERE done RETURNING code",
        "INSERT INTO tasks (id, project_id, title) VALUES (100, (SELECT min(id) FROM projects), 'new'), (101, 1, DEFAULT || 'x')",
        "INSERT INTO tasks (id, project_id, title) VALUES (100, 1, 'new') ON CONFLICT (account_id, id) DO UPDATE SET title = excluded.title",
        "INSERT INTO tasks (id, project_id, title) VALUES (1, 1, 'again') ON CONFLICT (account_id, id) DO UPDATE SET title = excluded.title WHERE tasks.done RETURNING id, title",
        "INSERT INTO tasks (id, project_id, title) VALUES (2, 1, 'again') ON CONFLICT DO NOTHING RETURNING id",
        "INSERT INTO tasks (id, project_id, title) VALUES (1, 1, 'partial') ON CONFLICT (account_id, id) WHERE estimate IS NOT NULL DO UPDATE SET title = excluded.title RETURNING id, title",
        "INSERT INTO tasks (id, project_id, title) VALUES (3, 1, 'kept') ON CONFLICT (account_id, id) WHERE done DO NOTHING RETURNING id",
        "WITH d AS (DELETE FROM comments WHERE id > 1 RETURNING task_id) UPDATE tasks SET done = true WHERE id IN (SELECT task_id FROM d)",
        "WITH moved AS (UPDATE tasks SET estimate = 0 WHERE done RETURNING id) SELECT count(*) FROM moved",
        "WITH n AS (INSERT INTO managers (id, name) VALUES (50, 'new') RETURNING id) INSERT INTO project_managers (project_id, manager_id) SELECT id, (SELECT id FROM n) FROM projects WHERE id < 3",
    ];

    [TestCaseSource(nameof(Reads))]
    public Task Parsed_read_returns_only_the_tenants_rows(string sql) =>
        AssertSameAsOracle(SqlParser.ParseStatement(sql), null, [0], [1], [2]);

    [TestCaseSource(nameof(Writes))]
    public Task Parsed_write_changes_only_the_tenants_rows(string sql) => AssertSameAsOracle(SqlParser.ParseStatement(sql));
}
