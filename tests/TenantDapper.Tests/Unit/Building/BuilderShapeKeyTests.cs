using Npgsql;
using TenantDapper.Compiling;
using TenantDapper.Syntax;
using TenantDapper.Tests.Sample;
using static TenantDapper.Expressions;

namespace TenantDapper.Tests.Unit.Building;

/// <summary>
/// The key of a builder shape (<see cref="ShapeEncoder"/>): everything that changes the SQL text or its scoping is in
/// it, the values are not. The execution tests run the same pairs against the server.
/// </summary>
public class BuilderShapeKeyTests
{
    private static readonly Func<Query>[][] DifferentShapes =
    [
        [() => new Query("tasks"), () => new Query("projects")],
        [() => new Query("public.tasks"), () => new Query("tasks")],
        [() => new Query("tasks as a").Select("a.id"), () => new Query("tasks as b").Select("b.id")],
        [() => new Query("tasks").Select("id"), () => new Query("tasks").Select("title")],
        [() => new Query("projects as p").Join("tasks as t", "t.project_id", "p.id"), () => new Query("projects as p").LeftJoin("tasks as t", "t.project_id", "p.id")],
        [() => new Query("tasks").WhereRaw("id > ?", 1), () => new Query("tasks").WhereRaw("id < ?", 1)],
        [() => new Query("tasks").Where("id", ">", 1), () => new Query("tasks").Where("id", "<", 1)],
        [() => new Query("tasks").Where("estimate", 2), () => new Query("tasks").WhereNull("estimate")],
        [() => new Query("tasks").WhereIn("id", new[] { 1L }), () => new Query("tasks").WhereNotIn("id", new[] { 1L })],
        [() => new Query("tasks").WhereRaw("id IN (?)", new[] { 1L }), () => new Query("tasks").WhereRaw("id IN (?)", new[] { 1L, 2L })],
        [() => new Query("tasks").Limit(1), () => new Query("tasks")],
        [() => new Query("tasks").Offset(1), () => new Query("tasks")],
        [() => new Query("tasks").OrderBy("id"), () => new Query("tasks").OrderByDesc("id")],
        [() => new Query("tasks").FromRaw("tasks t"), () => new Query("tasks").FromRawScoped("tasks t")],
        [() => new Query("tasks").WhereIn("project_id", new Query("projects").Select("id")), () => new Query("tasks").WhereIn("project_id", new Query("managers").Select("id"))],
        [() => new Query("tasks").WhereLike("title", "a"), () => new Query("tasks").WhereLike("title", "a", escapeCharacter: "!")],
        [() => new Query("tasks").Where("id", 1).Where("done", true), () => new Query("tasks").Where("id", 1).OrWhere("done", true)],
        [() => new Query("tasks").Select("id").Union(new Query("projects").Select("id")), () => new Query("tasks").Select("id").UnionAll(new Query("projects").Select("id"))],
        [() => new Query("tasks").AsInsert(new { id = 1L, title = "a" }), () => new Query("tasks").AsInsert(new { id = 1L, name = "a" })],
        [() => new Query("tasks").AsUpdate(new { title = "a" }), () => new Query("tasks").AsUpdate(new { title = new UnsafeLiteral("'a'", false) })],
    ];

    private static readonly Func<Query>[] MoreShapes =
    [
        () => new Query("tasks").AsInsert(new { account_id = 1L, id = 5L, title = "x" }),
        () => new Query("tasks").AsInsert(new { account_id = new UnsafeLiteral("1"), id = 5L, title = "x" }),
        () => new Query("tasks").Where("id", 3L).AsUpdate(new { title = "y", estimate = 4 }),
        () => new Query("tasks").Where("id", 3L).AsDelete(),
        () => new Query("tasks").Where("done", false).AsCount(),
        () => new Query("tasks").WhereRaw("id IN (?) AND title = ?", new[] { 1L, 2L }, "a"),
        () => new Query("tasks").WhereLike("title", "%a!%", escapeCharacter: "!").Where("estimate", ">", 2),
        () => new Query("tasks").Define("@v", 2L).Where("id", Variable("@v")).OrWhere("project_id", Variable("@v")),
        () => new Query("tasks as t").Join("projects as p", j => j.On("p.id", "t.project_id").Where("p.name", "n")).Where("t.id", 1L).Limit(5).Offset(2),
        () => new Query("tasks").WhereExists(new Query("projects").Where("name", "q")).OrderBy("id"),
    ];

    [Test]
    public void Every_type_of_the_tree_has_a_shape_encoder()
    {
        var types = typeof(SqlNode).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SqlNode)) && !t.IsAbstract).ToList();

        Assert.That(types, Is.Not.Empty);
        Assert.That(() => types.ForEach(t => ShapeFields.For(t)), Throws.Nothing);
    }

    [Test]
    public void A_lazily_built_qualifier_is_not_part_of_the_key() =>
        Assert.That(ShapeFields.Fields(typeof(TableReference)).Select(f => f.Name), Has.None.EqualTo("_qualifier"));

    [TestCaseSource(nameof(DifferentShapePairs))]
    public void Queries_that_differ_in_their_shape_get_different_keys(Func<Query> first, Func<Query> second) =>
        Assert.That(Key(first()), Is.Not.EqualTo(Key(second())));

    [Test]
    public void Queries_that_differ_only_in_their_values_share_a_key_and_keep_their_values()
    {
        var (firstKey, firstValues) = Encode(new Query("tasks").Where("id", 1L).WhereIn("project_id", new[] { 1L }).WhereLike("title", "a").Limit(3));
        var (secondKey, secondValues) = Encode(new Query("tasks").Where("id", 2L).WhereIn("project_id", new[] { 2L, 3L, 4L }).WhereLike("title", "b").Limit(9));

        Assert.Multiple(() =>
        {
            Assert.That(secondKey, Is.EqualTo(firstKey));
            Assert.That(firstValues, Is.EqualTo(new object[] { 1L, new[] { 1L }, "a", 3 }));
            Assert.That(secondValues, Is.EqualTo(new object[] { 2L, new[] { 2L, 3L, 4L }, "b", 9 }));
        });
    }

    [Test]
    public void A_defined_variable_is_a_value_of_the_shape()
    {
        var (key, values) = Encode(new Query("tasks").Define("@min", 5L).Where("estimate", ">=", Variable("@min")));

        Assert.Multiple(() =>
        {
            Assert.That(key, Is.EqualTo(Key(new Query("tasks").Where("estimate", ">=", 7L))));
            Assert.That(values, Is.EqualTo(new object[] { 5L }));
        });
    }

    [Test]
    public void A_shape_is_taken_from_the_cache_from_its_third_compile_on()
    {
        using (CurrentTenant.Use(1L))
        {
            var state = CurrentTenant.Current;
            var runs = Enumerable.Range(0, 4)
                .Select(i => TenantDapper.Execution.BuilderShapes.Compile(new Query("tasks as cached_third").Where("id", (long)i).ToStatement(), SampleSchema.Model, state, citusRowLevelSecurity: false))
                .ToList();

            Assert.Multiple(() =>
            {
                Assert.That(runs.Select(r => r.IsCached), Is.EqualTo(new[] { false, false, true, true }));
                Assert.That(runs.Select(r => r.Prepared.Sql).Distinct().Count(), Is.EqualTo(1));
                Assert.That(runs.Select(r => r.Values[0]), Is.EqualTo(new object[] { 0L, 1L, 2L, 3L }));
                Assert.That(runs.Select(r => r.Tenant), Is.All.EqualTo(1L));
            });
        }
    }

    [Test]
    public void A_cached_shape_writes_what_scoping_writes_for_each_tenant_mode()
    {
        using var db = new QueryFactory(new NpgsqlConnection(), new PostgresCompiler()) { Model = SampleSchema.Model };
        Query Build() => new Query("projects as p").LeftJoin("tasks as t", "t.project_id", "p.id").Where("p.name", "x");
        var one = Thrice(() => { using (CurrentTenant.Use(1L)) { return db.Compile(Build()); } });
        var several = Thrice(() => { using (CurrentTenant.UseMany(1L, 2L)) { return db.Compile(Build()); } });
        var bypass = Thrice(() => { using (CurrentTenant.Bypass("test")) { return db.Compile(Build()); } });

        Assert.Multiple(() =>
        {
            Assert.That(one.Sql, Is.EqualTo(db.Explain(Build(), 1L).Sql).And.Contains("= @tenant"));
            Assert.That(several.Sql, Does.Contain("= ANY(@tenant)"));
            Assert.That(several.NamedBindings["tenant"], Is.EqualTo(new[] { 1L, 2L }));
            Assert.That(bypass.Sql, Does.Not.Contain("@tenant"));
        });
    }

    [Test]
    public void A_cached_shape_is_not_shared_with_another_model()
    {
        Query Build() => new Query("tasks").Where("id", 1L);
        using var sample = new QueryFactory(new NpgsqlConnection(), new PostgresCompiler()) { Model = SampleSchema.Model };
        using var global = new QueryFactory(new NpgsqlConnection(), new PostgresCompiler()) { Model = new TenantModelBuilder().TenantRoot("accounts").TenantTable("projects", "account_id").Build() };
        using (CurrentTenant.Use(1L))
        {
            var scoped = Thrice(() => sample.Compile(Build()));
            var unscoped = Thrice(() => global.Compile(Build()));

            Assert.That(scoped.Sql, Does.Contain("@tenant"));
            Assert.That(unscoped.Sql, Does.Not.Contain("@tenant"));
        }
    }

    [Test]
    public void A_cached_shape_shows_its_scoped_statement_on_demand()
    {
        using var db = new QueryFactory(new NpgsqlConnection(), new PostgresCompiler()) { Model = SampleSchema.Model };
        using (CurrentTenant.Use(4L))
        {
            var result = Thrice(() => db.Compile(new Query("tasks").Where("id", 9L)));

            Assert.That(result.ToString(), Does.Contain("9").And.Contains("4"));
        }
    }

    [TestCaseSource(nameof(EveryShape))]
    public void A_cached_shape_compiles_to_what_the_full_path_compiles(Func<Query> build)
    {
        foreach (var enter in new Func<IDisposable>[] { () => CurrentTenant.Use(1L), () => CurrentTenant.UseMany(1L, 2L), () => CurrentTenant.Bypass("test"), () => CurrentTenant.Use(2L) })
        {
            using (enter())
            {
                var state = CurrentTenant.Current;
                for (var run = 0; run < 3; run++)
                {
                    TenantDapper.Execution.BuilderStatement cached;
                    try
                    {
                        cached = TenantDapper.Execution.BuilderShapes.Compile(build().ToStatement(), SampleSchema.Model, state, citusRowLevelSecurity: false);
                    }
                    catch (TenantDapperException refused)
                    {
                        Assert.That(() => FullPath(build(), state), Throws.TypeOf(refused.GetType()));
                        continue;
                    }

                    var (full, tenant) = FullPath(build(), state);
                    Assert.Multiple(() =>
                    {
                        Assert.That(cached.Prepared.Sql, Is.EqualTo(full.Sql));
                        Assert.That(cached.Values, Is.EqualTo(full.Values));
                        Assert.That(cached.Prepared.UsesTenant, Is.EqualTo(full.UsesTenant));
                        Assert.That(cached.Tenant, Is.EqualTo(tenant));
                    });
                }
            }
        }
    }

    private static ((string Sql, object?[] Values, bool UsesTenant) Compiled, object? Tenant) FullPath(Query query, TenantDapper.Tenancy.TenantState? state)
    {
        var scoped = TenantDapper.Scoping.TenantScoping.Scope(query.ToStatement(), SampleSchema.Model, state);
        return (PostgresSqlWriter.Write(scoped.Release()), scoped.Tenant);
    }

    private static IEnumerable<TestCaseData> EveryShape() =>
        DifferentShapes.SelectMany((pair, i) => pair.Select((build, j) => new TestCaseData(build).SetArgDisplayNames($"shape {i}.{j}")))
            .Concat(MoreShapes.Select((build, i) => new TestCaseData(build).SetArgDisplayNames($"more {i}")));

    private static IEnumerable<TestCaseData> DifferentShapePairs() =>
        DifferentShapes.Select((pair, i) => new TestCaseData(pair[0], pair[1]).SetArgDisplayNames($"pair {i}"));

    // A shape gets its plan when it is seen the second time; the third compile is taken from the cache.
    private static SqlResult Thrice(Func<SqlResult> compile)
    {
        compile();
        compile();
        return compile();
    }

    private static string Key(Query query) => Encode(query).Key;

    private static (string Key, object?[] Values) Encode(Query query)
    {
        var encoder = ShapeEncoder.Rent();
        try
        {
            encoder.Encode(query.ToStatement());
            return (new string(encoder.Key), encoder.Values.ToArray());
        }
        finally
        {
            encoder.Return();
        }
    }
}
