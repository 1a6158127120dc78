using TenantDapper.Syntax;

namespace TenantDapper.Tests.Unit.Building;

public class SnapshotTests
{
    [Test]
    public void FromRaw_is_parsed_into_a_table_reference()
    {
        var block = (SelectBlock)((SelectStatement)new Query().FromRaw("x AS y").ToStatement()).Body;
        Assert.That(block.From.Single(), Is.TypeOf<TableReference>().With.Property(nameof(TableReference.Alias)).EqualTo("y"));
    }

    [Test]
    public void FromRawScoped_is_a_raw_source_marked_scoped()
    {
        var block = (SelectBlock)((SelectStatement)new Query().FromRawScoped("x WHERE [account_id] = ?", 1).ToStatement()).Body;
        Assert.That(block.From.Single(), Is.TypeOf<RawTableSource>().With.Property(nameof(RawTableSource.MarkedScoped)).True);
    }

    [Test]
    public void Joins_nest_left_deep_in_one_from_item()
    {
        var block = (SelectBlock)((SelectStatement)new Query("a").Join("b", "b.id", "a.id").LeftJoin("c", "c.id", "b.id").ToStatement()).Body;
        var outer = (JoinedTable)block.From.Single();
        Assert.That(outer.Kind, Is.EqualTo(JoinKind.Left));
        Assert.That(outer.Left, Is.TypeOf<JoinedTable>().With.Property(nameof(JoinedTable.Kind)).EqualTo(JoinKind.Inner));
    }

    [Test]
    public void Update_join_becomes_a_from_item()
    {
        var update = (UpdateStatement)new Query("a").Join("b", "b.id", "a.b_id").AsUpdate(new { x = 1 }).ToStatement();
        Assert.That(update.From.Single(), Is.TypeOf<TableReference>().With.Property(nameof(TableReference.Name)).EqualTo("b"));
        Assert.That(update.Where, Is.Not.Null);
    }

    [Test]
    public void Snapshot_of_a_value_free_query_shares_its_nodes()
    {
        var query = new Query("a").Join("b", "b.id", "a.id").Select("a.x");
        var first = (SelectBlock)((SelectStatement)query.ToStatement()).Body;
        var second = (SelectBlock)((SelectStatement)query.ToStatement()).Body;
        Assert.That(((JoinedTable)second.From[0]).On, Is.SameAs(((JoinedTable)first.From[0]).On));
        Assert.That(second.Columns[0], Is.SameAs(first.Columns[0]));
    }
}
