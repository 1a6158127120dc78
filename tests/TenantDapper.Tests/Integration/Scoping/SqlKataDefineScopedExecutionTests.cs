using Dapper;
using Npgsql;
using static TenantDapper.Expressions;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// <c>Define</c> and <c>Expressions.Variable</c> on the shared database, where three tenants' rows live side by side with
/// the same ids: a variable is an ordinary parameter, so the rows are the current tenant's and a variable cannot widen the scope.
/// </summary>
public class SqlKataDefineScopedExecutionTests : OracleFixture
{
    private static readonly PostgresCompiler Compiler = new();

    protected override bool ComparesWithCopies => false;

    [Test]
    public async Task A_variable_of_the_outer_query_is_read_inside_its_sub_query_and_where_callback()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<long>(
            "SELECT t.id FROM tasks t WHERE t.account_id = 2 AND t.project_id IN (SELECT p.id FROM projects p WHERE p.account_id = 2 AND p.id <= 3) AND (t.estimate >= 2 OR t.done) ORDER BY t.id")).ToList();
        using (CurrentTenant.Use(2L))
        {
            var rows = (await db.Query("tasks").Define("@maxProject", 3L).Define("@min", 2)
                .Select("id")
                .WhereIn("project_id", new Query("projects").Select("id").Where("id", "<=", Variable("@maxProject")))
                .Where(q => q.Where("estimate", ">=", Variable("@min")).OrWhereTrue("done"))
                .OrderBy("id")
                .GetAsync<long>()).ToList();

            Assert.That(rows, Is.Not.Empty.And.EqualTo(expected));
        }
    }

    [Test]
    public async Task A_variable_redefined_in_the_inner_query_takes_the_inner_value_there()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<long>(
            "SELECT t.id FROM tasks t WHERE t.account_id = 3 AND t.project_id <> 1 AND EXISTS (SELECT 1 FROM projects p WHERE p.account_id = t.account_id AND p.id = t.project_id AND p.id <> 2) ORDER BY t.id")).ToList();
        using (CurrentTenant.Use(3L))
        {
            var rows = (await db.Query("tasks as t").Define("skip", 1L)
                .Select("t.id")
                .Where("t.project_id", "<>", Variable("skip"))
                .WhereExists(new Query("projects as p").Define("skip", 2L)
                    .WhereColumns("p.account_id", "=", "t.account_id").WhereColumns("p.id", "=", "t.project_id")
                    .Where("p.id", "<>", Variable("skip")))
                .OrderBy("t.id")
                .GetAsync<long>()).ToList();

            Assert.That(rows, Is.Not.Empty.And.EqualTo(expected));
        }
    }

    [Test]
    public async Task A_scoped_query_with_variables_returns_only_the_current_tenants_rows()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<(long Account, long Id)>("SELECT account_id, id FROM tasks WHERE account_id = 1 AND id BETWEEN 2 AND 6 ORDER BY id")).ToList();
        using (CurrentTenant.Use(1L))
        {
            var rows = (await db.Query("tasks").Define("low", 2L).Define("high", 6L).Define("other", 2L)
                .Select("account_id", "id").WhereBetween("id", Variable("low"), Variable("high")).OrderBy("id")
                .GetAsync<(long Account, long Id)>()).ToList();
            var otherTenant = await db.Query("tasks").Define("other", 2L).Where("account_id", Variable("other")).CountAsync<long>();

            Assert.That(rows, Is.Not.Empty.And.EqualTo(expected));
            Assert.That(otherTenant, Is.Zero, "a variable naming another tenant matches nothing: the tenant predicate still applies");
        }
    }

    [Test]
    public async Task An_update_with_an_undefined_variable_is_refused_and_writes_nothing()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, title FROM tasks ORDER BY 1, 2")).ToList();
        using (CurrentTenant.Use(2L))
        {
            Assert.That(
                () => db.Query("tasks").Where("id", 1L).Update(new Dictionary<string, object?> { ["title"] = Variable("newTitle") }),
                Throws.TypeOf<InvalidQueryException>().With.Message.Contains("Define(\"newTitle\", value)"));
        }

        var after = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, title FROM tasks ORDER BY 1, 2")).ToList();
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task An_update_with_a_defined_variable_writes_the_current_tenants_row_only()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, title FROM tasks ORDER BY 1, 2", transaction: transaction)).ToList();
        using (CurrentTenant.Use(2L))
        {
            var changed = db.Query("tasks").Define("newTitle", "renamed").Where("id", 1L)
                .Update(new Dictionary<string, object?> { ["title"] = Variable("newTitle") }, transaction);
            Assert.That(changed, Is.EqualTo(1));
        }

        var after = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, title FROM tasks ORDER BY 1, 2", transaction: transaction)).ToList();
        Assert.That(after, Is.EqualTo(before.Select(r => r.Item1 == 2L && r.Item2 == 1L ? (r.Item1, r.Item2, "renamed") : r)));
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task Set_operation_callbacks_return_the_current_tenants_rows()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var intersectAll = (await connection.QueryAsync<long>(
            "SELECT project_id FROM tasks WHERE account_id = 2 INTERSECT ALL SELECT project_id FROM tasks WHERE account_id = 2 AND estimate IS NOT NULL")).Order().ToList();
        var exceptAll = (await connection.QueryAsync<long>(
            "SELECT project_id FROM tasks WHERE account_id = 2 EXCEPT ALL SELECT id FROM projects WHERE account_id = 2")).Order().ToList();
        var unionAll = (await connection.QueryAsync<long>(
            "SELECT id FROM projects WHERE account_id = 2 UNION ALL SELECT project_id FROM tasks WHERE account_id = 2 AND done")).Order().ToList();
        using (CurrentTenant.Use(2L))
        {
            var rows = (await db.Query("tasks").Select("project_id").IntersectAll(q => q.From("tasks").Select("project_id").WhereNotNull("estimate")).GetAsync<long>()).Order().ToList();
            var except = (await db.Query("tasks").Select("project_id").ExceptAll(q => q.From("projects").Select("id")).GetAsync<long>()).Order().ToList();
            var union = (await db.Query("projects").Select("id").UnionAll(q => q.From("tasks").Select("project_id").WhereTrue("done")).GetAsync<long>()).Order().ToList();

            Assert.That(rows, Is.Not.Empty.And.EqualTo(intersectAll));
            Assert.That(except, Is.EqualTo(exceptAll));
            Assert.That(union, Is.Not.Empty.And.EqualTo(unionAll));
        }
    }

    [Test]
    public async Task Escaped_brackets_in_raw_fragments_write_array_types_in_a_scoped_query()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<long>("SELECT id FROM tasks WHERE account_id = 3 AND id = ANY('{1,2}'::bigint[] || '{5}'::bigint[]) ORDER BY id")).ToList();
        using (CurrentTenant.Use(3L))
        {
            var rows = (await db.Query("tasks").SelectRaw("[id], '{}'::int\\[\\] AS [empty]")
                .WhereRaw("[id] = ANY(?::bigint\\[\\] || '{5}'::bigint\\[\\])", new[] { 1L, 2L })
                .OrderBy("id")
                .GetAsync<(long Id, int[] Empty)>()).ToList();

            Assert.That(rows.Select(r => r.Id), Is.Not.Empty.And.EqualTo(expected));
            Assert.That(rows.Select(r => r.Empty), Is.All.Empty);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return connection;
    }
}
