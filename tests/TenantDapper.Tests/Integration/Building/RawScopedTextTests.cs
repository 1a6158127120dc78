using Npgsql;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Building;

/// <summary>
/// <c>FromRawScoped</c> text is written from its tokens: a <c>?</c>, <c>[x]</c> or <c>{x}</c> inside a literal or a
/// comment is the text it is, outside them a binding or a quoted name. Run on the server: the rows, not only the text.
/// </summary>
public sealed class RawScopedTextTests : DatabaseFixture
{
    private NpgsqlConnection _connection = null!;
    private QueryFactory _db = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        await ExecuteAsync("""
            TRUNCATE comments, project_managers, tasks, projects, managers, accounts, countries RESTART IDENTITY;
            INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Globex');
            INSERT INTO projects (account_id, id, name) VALUES (1, 1, 'Apollo'), (2, 2, 'Zeus');
            """);
        _connection = OpenConnection();
        _db = new QueryFactory(_connection, new PostgresCompiler()) { Model = SampleSchema.Model };
    }

    [TearDown]
    public void CloseConnection()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Test]
    public void A_question_mark_inside_a_literal_is_the_literal_not_a_binding()
    {
        var query = new Query().FromRawScoped("(select '?' as q) x").Select("q");

        Assert.That(_db.Get<string>(query), Is.EqualTo(new[] { "?" }));
    }

    [Test]
    public void A_question_mark_inside_a_comment_is_left_in_the_comment()
    {
        var query = new Query().FromRawScoped("(select /* ? */ 'a' as q -- ?\n) x").Select("q");

        Assert.That(_db.Get<string>(query), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void Brackets_and_braces_inside_a_literal_are_kept_as_written()
    {
        var query = new Query().FromRawScoped("(select '[a]' as q union all select '{b}') x").Select("q");

        Assert.That(_db.Get<string>(query), Is.EqualTo(new[] { "[a]", "{b}" }));
    }

    [Test]
    public void Bindings_and_bracket_names_outside_literals_still_bind_and_quote()
    {
        var query = new Query().FromRawScoped("""(select [name] || ? as q, '?' as mark from projects where account_id = ? and '{"a": 1}'::jsonb \? 'a') p""", "!", 2L).Select("q", "mark");

        Assert.That(_db.Get<(string, string)>(query), Is.EqualTo(new[] { ("Zeus!", "?") }));
    }

    protected override Task CreateSchemaAsync(NpgsqlConnection connection) => SampleDatabase.CreateAsync(connection);
}
