using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Scoping;
using TenantDapper.Tenancy;
using TenantDapper.TextScoping;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Unit.TextScoping;

/// <summary>
/// The text a caller's SQL becomes quotes a name only where PostgreSQL needs it, so the driver and the server parse
/// less; trusted built-ins stay qualified with pg_catalog. The builder's text quotes every name, as SqlKata's does.
/// (The round-trip corpus and the keyword tests run such texts on the server.)
/// </summary>
public class ScopedTextNameTests
{
    private static readonly TenantModel Quoted = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantTable("Order", "user")
        .TenantTable("order_lines", "AccountId")
        .Build();

    [Test]
    public void Lower_case_names_are_written_bare_and_built_ins_stay_qualified() =>
        Assert.That(
            Scoped("select t.id, lower(t.title) from projects p join tasks t on t.project_id = p.id where p.id = @id"),
            Is.EqualTo("SELECT t.id, pg_catalog.lower(t.title) FROM projects AS p INNER JOIN tasks AS t ON t.account_id = p.account_id AND t.project_id = p.id "
                + "WHERE p.account_id = @tenant AND t.account_id = @tenant AND p.id = @id"));

    [Test]
    public void A_name_quoted_in_lower_case_that_is_no_keyword_is_written_bare() =>
        Assert.That(Scoped("SELECT \"title\" FROM \"public\".\"tasks\""), Is.EqualTo("SELECT title FROM public.tasks WHERE public.tasks.account_id = @tenant"));

    [Test]
    public void Names_with_capitals_or_keywords_stay_quoted_the_model_s_included() =>
        Assert.That(
            Scoped("SELECT o.\"select\", o.\"Total\", l.\"from\", l.qty FROM \"Order\" o JOIN order_lines l ON l.order_id = o.id", Quoted),
            Is.EqualTo("SELECT o.\"select\", o.\"Total\", l.\"from\", l.qty FROM \"Order\" AS o INNER JOIN order_lines AS l ON l.\"AccountId\" = o.\"user\" "
                + "AND l.order_id = o.id WHERE o.\"user\" = @tenant AND l.\"AccountId\" = @tenant"));

    [TestCase("select")]
    [TestCase("user")]
    [TestCase("left")]
    [TestCase("between")]
    [TestCase("int")]
    [TestCase("json_table")]
    [TestCase("system_user")]
    [TestCase("Title")]
    [TestCase("1st")]
    [TestCase("price$")]
    [TestCase("naïve")]
    [TestCase("a b")]
    [TestCase("")]
    public void Capitals_keywords_of_a_reserved_category_and_other_characters_need_quotes(string name) =>
        Assert.That(SqlKeywords.CanBeBare(name), Is.False);

    [TestCase("title")]
    [TestCase("_x1")]
    [TestCase("day")]
    [TestCase("name")]
    [TestCase("key")]
    [TestCase("value")]
    public void Lower_case_names_and_unreserved_keywords_can_be_bare(string name) =>
        Assert.That(SqlKeywords.CanBeBare(name), Is.True);

    [Test]
    public void Names_needing_escapes_are_still_written_with_unicode_escapes() =>
        Assert.That(Scoped("SELECT \"a@b\" FROM tasks"), Is.EqualTo("SELECT U&\"a\\0040b\" FROM tasks WHERE tasks.account_id = @tenant"));

    [Test]
    public void The_builder_writer_still_quotes_every_name() =>
        Assert.That(
            PostgresSqlWriter.Write(SqlParser.ParseStatement("SELECT title FROM tasks")).Sql,
            Is.EqualTo("SELECT \"title\" FROM \"tasks\""));

    private static string Scoped(string sql, TenantModel? model = null)
    {
        var state = TenantState.For(1L);
        var scoped = TextScoper.Scope(sql, model ?? SampleSchema.Model, state, tenantPosition: 0);
        return scoped.Release(state, typeof(long), SuppliedTenantCheck.NoCallerParameters, out _);
    }
}
