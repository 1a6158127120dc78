using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Unit.Building;

public class NameCacheTests
{
    [Test]
    public void The_same_name_part_asked_twice_is_one_string() =>
        Assert.That(NameCache.Get("tasks.project_id".AsSpan(6)), Is.SameAs(NameCache.Get("t.project_id".AsSpan(2))));

    [Test]
    public void Different_names_never_get_each_others_string()
    {
        // Four times as many names as slots, so many share a slot: each must still come back as its own text.
        var names = Enumerable.Range(0, NameCache.Size * 4).Select(i => "c" + i).ToArray();
        for (var round = 0; round < 2; round++)
        {
            foreach (var name in names)
            {
                Assert.That(NameCache.Get(("t." + name).AsSpan(2)), Is.EqualTo(name));
            }
        }
    }

    [Test]
    public void Names_asked_from_many_threads_at_once_each_come_back_as_their_own_text()
    {
        var wrong = 0;
        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var name = "n" + (i % (NameCache.Size * 2)) + "_" + thread;
                if (NameCache.Get(name.AsSpan()) != name)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void A_part_longer_than_any_name_is_made_and_not_kept()
    {
        var text = new string('x', NameCache.MaxLength + 1);
        var first = NameCache.Get(text.AsSpan());
        var second = NameCache.Get(text.AsSpan());
        Assert.That(second, Is.EqualTo(text).And.Not.SameAs(first));
    }

    [Test]
    public void An_empty_part_is_the_empty_string() =>
        Assert.That(NameCache.Get(ReadOnlySpan<char>.Empty), Is.SameAs(string.Empty));

    [Test]
    public void A_schema_qualified_aliased_table_is_parsed_into_its_parts()
    {
        var table = Names.Table("  public.projects  AS  p ");
        Assert.That((table.Schema, table.Name, table.Alias), Is.EqualTo(("public", "projects", "p")));
    }

    [Test]
    public void A_qualified_column_keeps_its_qualifier_and_name()
    {
        var column = Names.Column(" t.project_id ");
        Assert.That((column.Qualifier?.Schema, column.Qualifier?.Name, column.Name), Is.EqualTo(((string?)null, "t", "project_id")));
    }

    [Test]
    public void A_schema_table_qualified_column_keeps_both_qualifier_parts()
    {
        var column = Names.Column("public.tasks.title");
        Assert.That((column.Qualifier?.Schema, column.Qualifier?.Name, column.Name), Is.EqualTo(("public", "tasks", "title")));
    }

    [Test]
    public void An_aliased_select_column_is_parsed_into_column_and_alias()
    {
        var item = Names.SelectColumn("p.name as project");
        var column = (ColumnExpression)item.Expression;
        Assert.That((column.Qualifier?.Name, column.Name, item.Alias), Is.EqualTo(("p", "name", "project")));
    }

    [Test]
    public void A_name_without_dot_alias_or_white_space_is_the_callers_own_string()
    {
        var name = string.Concat("proj", "ects");
        Assert.That(Names.Table(name).Name, Is.SameAs(name));
    }

    [TestCase("p.na;me")]
    [TestCase("p.")]
    [TestCase(".name")]
    [TestCase("a.b.c.d")]
    [TestCase("p.na--me")]
    public void An_invalid_qualified_column_is_still_refused(string column) =>
        Assert.That(() => Names.Column(column), Throws.TypeOf<InvalidIdentifierException>());

    [TestCase("projects as p--x")]
    [TestCase("projects as p;")]
    [TestCase("a.b.c as p")]
    [TestCase("pro\"jects as p")]
    public void An_invalid_aliased_table_is_still_refused(string table) =>
        Assert.That(() => Names.Table(table), Throws.TypeOf<InvalidIdentifierException>());

    [Test]
    public void A_refused_part_is_named_in_the_message_as_written()
    {
        // Warm the slot with a valid name first: the refusal must still name the invalid text itself.
        Names.Column("p.name");
        Assert.That(() => Names.Column("p.na@me"), Throws.TypeOf<InvalidIdentifierException>().With.Message.Contains("na@me"));
    }
}
