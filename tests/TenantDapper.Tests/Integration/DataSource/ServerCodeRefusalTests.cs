using Dapper;
using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// Code of the application's that runs on the server, where the tenant rewriter cannot see: an operator's function, a
/// composite type's cast function, a domain's CHECK, a function of a built-in's name earlier on the search path. Each
/// leak is shown for real (the same text, declared safe, changes or reads other tenants' rows), then refused with
/// nothing sent and nothing written.
/// </summary>
public class ServerCodeRefusalTests : DataSourceFixture
{
    private const string ServerCode = """
        DROP OPERATOR IF EXISTS #!# (integer, integer);
        DROP OPERATOR IF EXISTS ### (integer, integer);
        DROP OPERATOR IF EXISTS !#! (NONE, integer);
        DROP CAST IF EXISTS (integer AS rt_box);
        DROP DOMAIN IF EXISTS rt_dom;
        DROP TYPE IF EXISTS rt_box CASCADE;
        DROP SCHEMA IF EXISTS rt_app CASCADE;
        CREATE FUNCTION rt_touch(integer, integer) RETURNS integer LANGUAGE sql
            AS $$ WITH touched AS (UPDATE projects SET name = name || '!' RETURNING 1) SELECT count(*)::integer FROM touched $$;
        CREATE OPERATOR #!# (LEFTARG = integer, RIGHTARG = integer, FUNCTION = rt_touch);
        CREATE FUNCTION rt_count(integer, integer) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM projects $$;
        CREATE OPERATOR ### (LEFTARG = integer, RIGHTARG = integer, FUNCTION = rt_count);
        CREATE FUNCTION rt_count_of(integer) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM projects $$;
        CREATE OPERATOR !#! (RIGHTARG = integer, FUNCTION = rt_count_of);
        CREATE TYPE rt_box AS (s bigint);
        CREATE FUNCTION rt_box_of(integer) RETURNS rt_box LANGUAGE sql AS $$ SELECT ROW((SELECT count(*) FROM projects))::rt_box $$;
        CREATE CAST (integer AS rt_box) WITH FUNCTION rt_box_of(integer);
        CREATE FUNCTION rt_check(text) RETURNS boolean LANGUAGE plpgsql
            AS $$ BEGIN RAISE EXCEPTION 'names: %', (SELECT string_agg(name, ',') FROM projects); END $$;
        CREATE DOMAIN rt_dom AS text CHECK (rt_check(VALUE));
        CREATE SCHEMA rt_app;
        CREATE FUNCTION rt_app.lower(text) RETURNS text LANGUAGE sql AS $$ SELECT 'app:' || (SELECT count(*) FROM projects) $$;
        """;

    [OneTimeSetUp]
    public async Task CreateServerCode()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        await connection.ExecuteAsync(ServerCode);
    }

    [Test]
    public async Task App_operator_declared_safe_really_changes_other_tenants_rows()
    {
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(Databases.Shared), ModelDeclaring(b => b.SafeOperator("#!#")));
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(1L))
        {
            await connection.ExecuteAsync("SELECT 1 #!# 2", transaction: transaction);
        }

        using (CurrentTenant.Bypass("test: what the operator changed"))
        {
            var touched = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects WHERE account_id <> 1 AND name LIKE '%!'", transaction: transaction);
            Assert.That(touched, Is.GreaterThan(0), "the operator's function ran outside the tenant's rows");
        }

        await transaction.RollbackAsync();
    }

    [TestCase("SELECT 1 #!# 2")]
    [TestCase("UPDATE projects SET name = 'x' WHERE 1 #!# 2 > 0")]
    [TestCase("SELECT 1 ### 2")]
    [TestCase("SELECT !#! 1")]
    [TestCase("SELECT id FROM projects WHERE 1 = ANY (ARRAY[1 ### 2])")]
    [TestCase("SELECT p.id FROM projects p WHERE p.id = 1 ### 2")]
    public Task App_operator_is_refused(string sql) => AssertRefusedAsync(sql, "operator");

    [Test]
    public async Task App_type_declared_safe_really_reads_every_tenants_rows()
    {
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(Databases.Shared), ModelDeclaring(b => b.SafeType("rt_box")));
        await using var connection = await source.OpenConnectionAsync();
        var all = await RawScalarAsync<long>("SELECT count(*) FROM projects");
        var own = await RawScalarAsync<long>("SELECT count(*) FROM projects WHERE account_id = 1");
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT (1::rt_box).s"), Is.EqualTo(all).And.Not.EqualTo(own));
        }
    }

    [TestCase("SELECT (1::rt_box).s")]
    [TestCase("SELECT (CAST(1 AS rt_box)).s")]
    [TestCase("SELECT (1::public.rt_box).s")]
    [TestCase("SELECT 'x'::rt_dom")]
    [TestCase("SELECT rt_dom 'x'")]
    [TestCase("SELECT ARRAY['x']::rt_dom[]")]
    [TestCase("SELECT * FROM json_to_record('{\"a\": \"x\"}') AS r(a rt_dom)")]
    [TestCase("INSERT INTO projects (account_id, id, name) VALUES (1, 9000, 'x'::rt_dom)")]
    public Task Cast_to_an_app_type_is_refused(string sql) => AssertRefusedAsync(sql, "type");

    [TestCase("SELECT * FROM pg_temp.countries")]
    [TestCase("SELECT p.id FROM projects p JOIN pg_temp.projects t ON t.id = p.id")]
    public Task Name_qualified_with_pg_temp_is_refused(string sql) => AssertRefusedAsync(sql, "pg_temp.");

    [Test]
    public async Task Casts_to_built_in_types_still_run_and_return_only_the_tenants_rows()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            var rows = (await connection.QueryAsync<long>(
                "SELECT p.account_id FROM projects p WHERE p.id::text <> '' AND '2020-01-01'::date < date '2030-01-01' AND CAST(p.id AS numeric(10, 2)) >= 0 AND ARRAY[p.id]::numeric[] IS NOT NULL AND p.name::varchar(200) IS NOT NULL AND -p.id <= 0 AND |/ 4 = 2")).ToList();
            Assert.That(rows, Has.Count.EqualTo(await RawScalarAsync<long>("SELECT count(*) FROM projects WHERE account_id = 2")).And.All.EqualTo(2L));
        }
    }

    [Test]
    public async Task Builder_raw_fragments_get_the_same_refusals()
    {
        var before = await SnapshotAsync();
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => db.Query("projects").WhereRaw("1 #!# 2 > 0").Get(), Throws.TypeOf<UnscopableSqlException>());
            Assert.That(() => db.Query("projects").SelectRaw("(1::rt_box).s").Get(), Throws.TypeOf<UnscopableSqlException>());
            Assert.That(() => db.Query("projects").Where("id", 1).Update(new { name = new UnsafeLiteral("'x'::rt_dom") }), Throws.TypeOf<UnscopableSqlException>());
            Assert.That(() => db.Query("projects").OrderByRaw("1 ### 2").Get(), Throws.TypeOf<UnscopableSqlException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }

    [Test]
    public async Task Built_in_function_resolves_to_pg_catalog_under_a_search_path_that_shadows_it()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Bypass("test: a search path left on the session"))
        {
            await connection.ExecuteAsync("SET LOCAL search_path = rt_app, pg_catalog, public", transaction: transaction);
        }

        using (CurrentTenant.Use(1L))
        {
            var names = (await connection.QueryAsync<string>("SELECT lower(name) FROM projects", transaction: transaction)).ToList();
            Assert.That(names, Is.Not.Empty.And.None.StartsWith("app:"), "the app's lower(text) ran instead of pg_catalog's");
        }

        await transaction.RollbackAsync();
    }

    [TestCase("Search Path=rt_app,pg_catalog,public")]
    [TestCase("Options=-c search_path=rt_app,pg_catalog,public")]
    [TestCase("Options='-csearch_path=rt_app'")]
    [TestCase("Search Path=public,pg_catalog")]
    public void Data_source_whose_connection_string_puts_a_schema_before_pg_catalog_is_refused(string setting)
    {
        var builder = new NpgsqlConnectionStringBuilder(Databases.Shared + ";" + setting);
        using var driver = NpgsqlDataSource.Create(builder.ConnectionString);
        Assert.That(() => new TenantDataSource(driver, OracleSchema.Model), Throws.ArgumentException.With.Message.Contains("search_path"));
    }

    [TestCase("Search Path=public")]
    [TestCase("Search Path=pg_catalog,rt_app")]
    public void Data_source_whose_search_path_keeps_pg_catalog_first_is_accepted(string setting)
    {
        var builder = new NpgsqlConnectionStringBuilder(Databases.Shared + ";" + setting);
        Assert.That(() => new TenantDataSource(NpgsqlDataSource.Create(builder.ConnectionString), OracleSchema.Model).Dispose(), Throws.Nothing);
    }

    private static TenantModel ModelDeclaring(Action<TenantModelBuilder> declare)
    {
        var builder = new TenantModelBuilder()
            .TenantKey<long>()
            .ReferenceTable("countries")
            .GlobalTable("audit_log")
            .TenantRoot("accounts", "id")
            .TenantTable("managers", "account_id")
            .TenantTable("projects", "account_id")
            .TenantTable("tasks", "account_id")
            .TenantTable("project_managers", "account_id")
            .TenantTable("comments", "acc_id")
            .TenantTable("labels", "account_id")
            .Strict();
        declare(builder);
        return builder.Build();
    }

    private async Task AssertRefusedAsync(string sql, string what)
    {
        var before = await SnapshotAsync();
        var (connection, pid) = await OpenMarkedConnectionAsync();
        await using (connection)
        {
            var marker = await LastStatementAsync(pid);
            using (CurrentTenant.Use(1L))
            {
                Assert.That(() => connection.ExecuteAsync(sql), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains(what));
            }

            Assert.That(() => connection.ExecuteAsync(sql), Throws.InstanceOf<TenantDapperException>(), "without a tenant");
            Assert.That(await LastStatementAsync(pid), Is.EqualTo(marker), "the refused statement was sent");
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
