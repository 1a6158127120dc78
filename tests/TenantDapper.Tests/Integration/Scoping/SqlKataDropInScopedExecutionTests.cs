using Dapper;
using Npgsql;
using TenantDapper.Mapping;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The execution-side SqlKata methods on the shared database, where three tenants' rows live side by side with the same ids:
/// Include's second query, Chunk's pages, entity writes by <c>[Key]</c> and the inlined text all stay within the current tenant.
/// </summary>
public class SqlKataDropInScopedExecutionTests : OracleFixture
{
    private static readonly PostgresCompiler Compiler = new();

    protected override bool ComparesWithCopies => false;

    [Test]
    public async Task Raw_fragments_with_bracketed_parts_joined_by_dots_read_the_current_tenants_rows()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<(long Id, string Name)>(
            "SELECT t.id, p.name FROM tasks t JOIN projects p ON p.account_id = t.account_id AND p.id = t.project_id WHERE t.account_id = 2 AND t.id > 1 ORDER BY t.id")).ToList();
        using (CurrentTenant.Use(2L))
        {
            var rows = (await db.Query("tasks AS t")
                .SelectRaw("[t].[id], [p].name")
                .Join("projects AS p", "p.id", "t.project_id")
                .WhereRaw("[t].[id] > ?", 1)
                .OrderByRaw("[t].id")
                .GetAsync<(long Id, string Name)>()).ToList();
            var all = (await db.Query("tasks AS t").SelectRaw("[t].*").GetAsync()).ToList();

            Assert.That(rows, Is.Not.Empty.And.EqualTo(expected));
            Assert.That(all.Select(r => (long)r.account_id), Is.Not.Empty.And.All.EqualTo(2L));
        }
    }

    [Test]
    public async Task Include_loads_related_rows_of_the_current_tenant_only()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(2L))
        {
            var tasks = (await db.Query("tasks").Select("id", "project_id", "account_id")
                .Include("project", db.Query("projects").Select("id", "account_id", "name"), foreignKey: "project_id", localKey: "id")
                .GetAsync()).ToList();
            var expected = await connection.QueryAsync<(long Task, string Name)>(
                "SELECT t.id, p.name FROM tasks t JOIN projects p ON p.account_id = t.account_id AND p.id = t.project_id WHERE t.account_id = 2");
            Assert.That(tasks.Select(t => (long)t.account_id), Is.Not.Empty.And.All.EqualTo(2L));
            Assert.That(tasks.Where(t => t.project is not null).Select(t => (long)t.project.account_id), Is.Not.Empty.And.All.EqualTo(2L));
            Assert.That(tasks.Where(t => t.project is not null).Select(t => ((long)t.id, (string)t.project.name)), Is.EquivalentTo(expected));
        }
    }

    [Test]
    public async Task IncludeMany_loads_child_rows_of_the_current_tenant_only()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(3L))
        {
            var projects = db.Query("projects").Select("id")
                .IncludeMany("tasks", db.Query("tasks").Select("id", "project_id", "account_id"), foreignKey: "project_id", localKey: "id")
                .Get().ToList();
            var children = projects.SelectMany(p => (IEnumerable<IDictionary<string, object?>>)p.tasks).ToList();
            var expected = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks t WHERE t.account_id = 3 AND EXISTS (SELECT 1 FROM projects p WHERE p.account_id = 3 AND p.id = t.project_id)");
            Assert.That(children.Select(c => (long)c["account_id"]!), Is.All.EqualTo(3L));
            Assert.That(children, Has.Count.EqualTo(expected).And.Count.GreaterThan(0));
        }
    }

    [Test]
    public async Task First_loads_the_Include_relation_of_the_current_tenant_like_Get()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = await connection.QueryFirstAsync<(long Task, string Name)>(
            "SELECT t.id, p.name FROM tasks t JOIN projects p ON p.account_id = t.account_id AND p.id = t.project_id WHERE t.account_id = 2 ORDER BY t.id DESC LIMIT 1");
        using (CurrentTenant.Use(2L))
        {
            var query = db.Query("tasks").Select("id", "project_id").OrderByDesc("id")
                .Include("project", db.Query("projects").Select("id", "account_id", "name"), foreignKey: "project_id", localKey: "id");
            var first = query.First<dynamic>();
            var firstAsync = await query.FirstAsync<dynamic>();
            Assert.That(((long)first.id, (string)first.project.name, (long)first.project.account_id), Is.EqualTo((expected.Task, expected.Name, 2L)));
            Assert.That(((long)firstAsync.id, (string)firstAsync.project.name), Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task FirstOrDefault_loads_the_IncludeMany_children_of_the_current_tenant_and_is_null_without_a_row()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<long>("SELECT id FROM tasks WHERE account_id = 3 AND project_id = 2 ORDER BY id")).ToList();
        using (CurrentTenant.Use(3L))
        {
            var query = db.Query("projects").Select("id").Where("id", 2)
                .IncludeMany("tasks", db.Query("tasks").Select("id", "project_id", "account_id"), foreignKey: "project_id", localKey: "id");
            var project = query.FirstOrDefault<dynamic>();
            var projectAsync = await query.FirstOrDefaultAsync<dynamic>();
            var missing = await query.Clone().Where("id", -1).FirstOrDefaultAsync<dynamic>();
            var children = ((IEnumerable<IDictionary<string, object?>>)project!.tasks).ToList();
            Assert.That(children.Select(c => (long)c["account_id"]!), Is.All.EqualTo(3L));
            Assert.That(children.Select(c => (long)c["id"]!).Order(), Is.EqualTo(expected).And.Not.Empty);
            Assert.That(((IEnumerable<IDictionary<string, object?>>)projectAsync!.tasks).Select(c => (long)c["id"]!).Order(), Is.EqualTo(expected));
            Assert.That(missing, Is.Null);
        }
    }

    [Test]
    public async Task Include_without_a_tenant_is_refused_like_the_first_query()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var query = db.Query("audit_log").Select("id").Include("task", db.Query("tasks").Select("id"), foreignKey: "id", localKey: "id");
        Assert.That(() => query.Get().ToList(), Throws.TypeOf<TenantNotSetException>());
    }

    [Test]
    public async Task Chunk_pages_hold_only_the_current_tenants_rows_even_if_the_callback_switches_tenant()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var seen = new List<(long Account, long Id)>();
        using (CurrentTenant.Use(3L))
        {
            db.Query("tasks").Select("account_id", "id").OrderBy("id").Chunk<(long, long)>(3, (rows, page) =>
            {
                seen.AddRange(rows);
                CurrentTenant.Set(1L);
            });
        }

        var expected = await connection.QueryAsync<long>("SELECT id FROM tasks WHERE account_id = 3 ORDER BY id");
        Assert.That(seen.Select(r => r.Account), Is.All.EqualTo(3L));
        Assert.That(seen.Select(r => r.Id), Is.EqualTo(expected));
    }

    [Test]
    public async Task ChunkAsync_for_several_tenants_reads_each_of_them_once()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var seen = new List<(long Account, long Id)>();
        using (CurrentTenant.UseMany(1L, 2L))
        {
            await db.Query("comments").Select("acc_id", "id").OrderBy("acc_id", "id").ChunkAsync<(long, long)>(4, (rows, _) => seen.AddRange(rows));
        }

        var expected = await connection.QueryAsync<(long, long)>("SELECT acc_id, id FROM comments WHERE acc_id IN (1, 2) ORDER BY acc_id, id");
        Assert.That(seen, Is.EqualTo(expected));
    }

    [Test]
    public async Task Update_by_Key_changes_only_the_current_tenants_row_with_that_id()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM managers ORDER BY 1, 2", transaction: transaction)).ToList();
        using (CurrentTenant.Use(2L))
        {
            Assert.That(db.Query("managers").Update(new ManagerRow { Id = 1, Name = "renamed" }, transaction), Is.EqualTo(1));
        }

        var after = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM managers ORDER BY 1, 2", transaction: transaction)).ToList();
        var expected = before.Select(r => r.Item1 == 2L && r.Item2 == 1L ? (r.Item1, r.Item2, "renamed") : r);
        Assert.That(after, Is.EqualTo(expected));
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task ToString_of_a_scoped_statement_shows_the_tenant_predicate_with_its_value()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(2L))
        {
            var result = db.Compile(db.Query("projects").Select("id").Where("name", "p1"));
            Assert.That(result.ToString(), Is.EqualTo("SELECT \"id\" FROM \"projects\" WHERE \"projects\".\"account_id\" = 2 AND \"name\" = 'p1'"));
            Assert.That(result.RawSql, Is.EqualTo("SELECT \"id\" FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant AND \"name\" = ?"));
            Assert.That(await connection.QueryAsync<long>(result.ToString()), Is.EquivalentTo(await connection.QueryAsync<long>(result.Sql, result.NamedBindings)));
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return connection;
    }

    private sealed class ManagerRow
    {
        [Key("id")]
        public long Id { get; set; }

        [Column("name")]
        public string Name { get; set; } = "";
    }
}
