using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// Caller-controlled names through the builder: aliases with dots, quotes, unicode, lengths around 63
/// bytes, Dapper tokens and look-alikes of other tables, in every position that names a table occurrence
/// (FROM, a correlated sub-query, the optional side of a LEFT JOIN, a FULL JOIN, UPDATE and DELETE targets
/// and their FROM / USING tables, CTEs, derived tables, select-list aliases, written columns). Every name
/// is either refused before anything is sent, or the statement scopes correctly against the oracle.
/// </summary>
[NonParallelizable]
public partial class IdentifierOracleTests : OracleFixture
{
    private const int FuzzSeed = 20261201;
    private const int FuzzCases = 600;

    private static readonly string[] Pieces =
    [
        "tasks", "projects", "public", ".", " ", "\"", "'", "@p0", "@tenant", "{=p0}", "?p0?", ":p1", "$1", "é", "ж", "\u0430", "\u0301",
        "\U0001F600", "\uD800", "--", "/*", ";", "\0", "\t", "-", "_", "X", "7", " as ", "AS", "Tasks", "public.tasks", "account_id", "{", "}", "=", "\u200B",
    ];

    private static readonly string[] LookAlikes =
    [
        "public.tasks", "tasks", "Tasks", "TASKS", "t\u0430sks", "tasks\u200B", "public.projects", "projects.tasks", "\"public\".\"tasks\"", "excluded", "tenantdapper_source", "p0", "tenant",
    ];

    /// <summary>The look-alikes and the full join below name <c>public.tasks</c>: on Citus too, that must be the oracle's table.</summary>
    protected override bool NamesPublicSchema => true;

    [Test]
    public Task Alias_with_a_dot_naming_another_tenant_table_deletes_only_the_tenants_rows() =>
        AssertSameAsOracle(new Query("projects as public.tasks").CrossJoin("tasks").Where("tasks.id", 1L).AsDelete().ToStatement());

    [Test]
    public Task Alias_with_a_dot_on_a_read_joins_only_the_tenants_rows() =>
        AssertSameAsOracle(new Query("projects as public.tasks").CrossJoin("tasks").Select("tasks.id", "tasks.title").ToStatement());

    [Test]
    public Task Alias_with_a_dot_in_a_correlated_sub_query_reads_only_the_tenants_rows() =>
        AssertSameAsOracle(Select([Col("tasks", "id")], [Table("tasks")], Exists(Select(null, [Table("projects", "tasks.project")], Eq(Col("tasks.project", "id"), Col("tasks", "project_id"))))));

    [Test]
    public Task Alias_with_a_dot_on_the_optional_side_of_a_left_join_reads_only_the_tenants_rows() =>
        AssertSameAsOracle(Select(
            [Col("projects", "id"), Col("projects.x", "title")],
            [Join(Table("projects"), JoinKind.Left, Table("tasks", "projects.x"), Eq(Col("projects.x", "project_id"), Col("projects", "id")))]));

    [Test]
    public Task Update_target_with_a_dotted_alias_and_a_from_table_changes_only_the_tenants_rows() =>
        AssertSameAsOracle(Update(Table("tasks", "public.projects"), [Set("title", Col("projects", "name"))], Eq(Col("projects", "id"), Col("public.projects", "project_id")), Table("projects")));

    [Test]
    public Task Delete_using_a_table_aliased_like_the_target_deletes_only_the_tenants_rows() =>
        AssertSameAsOracle(Delete(Table("comments", "c"), Eq(Col("c", "task_id"), Col("c.x", "id")), Table("tasks", "c.x")));

    [Test]
    public Task Look_alike_alias_quoted_as_one_identifier_in_a_full_join_reads_only_the_tenants_rows() =>
        AssertSameAsOracle(Select(
            [Col("public.tasks", "id"), Col("projects", "id")],
            [Join(Table("projects"), JoinKind.Full, Table("tasks", "public.tasks"), Eq(Col("public.tasks", "project_id"), Col("projects", "id")))]));

    [Test]
    public Task Full_join_on_a_schema_qualified_tenant_table_follows_its_references()
    {
        Assert.That(Databases.SharedSchema, Is.EqualTo("public"), "the shared tables must be the ones public.tasks names");
        var query = new Query("projects")
            .Join("public.tasks", "public.tasks.project_id", "projects.id", "=", "full join")
            .Select("public.tasks.id", "public.tasks.title", "projects.id")
            .WhereExists(q => q.From("comments").WhereColumns("comments.task_id", "=", "public.tasks.id"))
            .OrWhereNull("public.tasks.id");
        return AssertSameAsOracle(query.ToStatement());
    }

    [Test]
    public Task Upsert_with_the_tenant_column_in_the_default_update_list_through_the_builder()
    {
        var upsert = new Query("managers").AsInsert(new { account_id = 1L, id = 1L, name = "renamed" }).OnConflictDoUpdate(["account_id", "id"], "account_id", "name");
        return AssertSameAsOracle(upsert.ToStatement(), onlyFirstTenant: true);
    }

    [Test]
    public async Task Random_identifiers_are_refused_before_sending_or_scope_correctly()
    {
        var random = new Random(FuzzSeed);
        var before = await SnapshotAsync();
        var failures = new List<string>();
        var accepted = 0;
        var refused = 0;
        for (var i = 0; i < FuzzCases && failures.Count < 10; i++)
        {
            var name = Identifier(random);
            var template = random.Next(Templates.Length);
            SqlStatement statement;
            int[] positions;
            try
            {
                statement = Templates[template](name).ToStatement();
                positions = statement is SelectStatement && random.Next(4) == 0 ? [0, 1] : [random.Next(3)];
                ScopedExecution.Compile(statement, OracleSchema.Model, Oracle.StateFor(OracleSchema.Model, positions));
            }
            catch (Exception e) when (e is TenantDapperException or ArgumentException)
            {
                // A refusal: a tenant rule (TenantDapperException) or a bad identifier (InvalidIdentifierException, an ArgumentException).
                refused++;
                continue;
            }

            accepted++;
            var sql = ScopedExecution.Compile(statement, OracleSchema.Model, Oracle.StateFor(OracleSchema.Model, positions)).Sql;
            var text = DapperRewritable().Match(sql);
            if (text.Success)
            {
                failures.Add($"template {template}, name {Show(name)}: the SQL holds '{text.Value}', which Dapper rewrites: {sql}");
                continue;
            }

            var difference = await Oracle.CompareAsync(statement, OracleSchema.Model, positions);
            if (difference is not null)
            {
                failures.Add($"template {template}, name {Show(name)}:\n{difference}");
            }
        }

        TestContext.Out.WriteLine($"seed {FuzzSeed}: {accepted} names accepted and scoped, {refused} refused before sending");
        Assert.Multiple(async () =>
        {
            Assert.That(failures, Is.Empty, string.Join("\n", failures));
            Assert.That(accepted, Is.GreaterThan(FuzzCases / 5), "the generator should produce many acceptable names");
            Assert.That(refused, Is.GreaterThan(FuzzCases / 5), "the generator should produce many names to refuse");
            Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused or rolled-back statement wrote something");
        });
    }

    [TestCase("a{=p0}")]
    [TestCase("x @p0")]
    [TestCase("?p0?")]
    [TestCase("t:p1")]
    [TestCase("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9ab")]
    public void Name_a_lower_layer_would_rewrite_or_truncate_is_refused_in_every_position(string name)
    {
        foreach (var template in Templates)
        {
            Assert.That(() => template(name).ToStatement(), Throws.TypeOf<InvalidIdentifierException>(), $"accepted {Show(name)}");
        }
    }

    [Test]
    public void Name_with_a_lone_surrogate_is_refused_in_every_position() =>
        Name_a_lower_layer_would_rewrite_or_truncate_is_refused_in_every_position(new string(['\uD800', 'x']));

    [Test]
    public void Name_of_exactly_63_bytes_is_accepted()
    {
        var name = new string('\u00e9', 31) + "a";
        Assert.That(Encoding.UTF8.GetByteCount(name), Is.EqualTo(63));
        Assert.That(() => new Query($"projects as {name}").ToStatement(), Throws.Nothing);
    }

    // Each template puts the name in one caller-controlled position of a statement over the oracle schema.
    private static readonly Func<string, Query>[] Templates =
    [
        n => new Query($"projects as {n}").CrossJoin("tasks").Select("tasks.id", "tasks.title").Where("tasks.done", true),
        n => new Query($"projects as {n}").CrossJoin("tasks").WhereColumns($"{n}.id", "=", "tasks.project_id").Select("tasks.id"),
        n => new Query("tasks").WhereExists(q => q.From($"projects as {n}").WhereColumns($"{n}.id", "=", "tasks.project_id")).Select("tasks.id"),
        n => new Query("projects").LeftJoin($"tasks as {n}", j => j.On($"{n}.project_id", "projects.id")).Select("projects.id"),
        n => new Query("projects").Join($"tasks as {n}", $"{n}.project_id", "projects.id", "=", "full join").Select("projects.id"),
        n => new Query($"tasks as {n}").CrossJoin("projects").Where("projects.id", 1L).AsDelete(),
        n => new Query($"projects as {n}").CrossJoin("tasks").Where("tasks.id", 2L).AsUpdate(new { name = "renamed" }),
        n => new Query(n).Select("id"),
        n => new Query("projects").Select($"name as {n}"),
        n => new Query(n).With(n, new Query("tasks").Where("done", true)),
        n => new Query().From(new Query("tasks").Where("done", true), n).Select($"{n}.id"),
        n => new Query("managers").AsInsert(new Dictionary<string, object?> { ["id"] = 77L, [n] = "x" }),
        n => new Query("tasks").AsUpdate(new Dictionary<string, object?> { [n] = 1L }),
        n => new Query("projects").OrderBy($"{n}.id").Select("projects.id"),
    ];

    private static string Identifier(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                var builder = new StringBuilder();
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    builder.Append(Pieces[random.Next(Pieces.Length)]);
                }

                return builder.ToString();
            case 1:
                // Around PostgreSQL's 63-byte limit: two-byte characters and a one- or two-byte tail.
                return new string('\u00e9', random.Next(29, 33)) + (random.Next(3) switch { 0 => "a", 1 => "ab", _ => string.Empty });
            case 2:
                return LookAlikes[random.Next(LookAlikes.Length)];
            default:
                return "x" + random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static string Show(string name) => string.Concat(name.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    // What Dapper rewrites in a command's text: {=name} literals, ?name? pseudo-positional parameters, and
    // parameter markers; the only markers the library may write are its own parameters @p<n> and @tenant.
    [GeneratedRegex(@"\{=|\?[\p{L}_]|[@:](?!(p\d+|tenant)(?![\p{L}\p{N}_]))")]
    private static partial Regex DapperRewritable();

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return await Snapshot.TakeAsync(connection, null);
    }
}
