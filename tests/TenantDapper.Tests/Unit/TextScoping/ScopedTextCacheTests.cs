using TenantDapper.Scoping;
using TenantDapper.TextScoping;

namespace TenantDapper.Tests.Unit.TextScoping;

/// <summary>The scoped-text cache: an entry answers only for its own text, model, tenant mode and parameter position.</summary>
public class ScopedTextCacheTests
{
    private static readonly TenantModel Model = new TenantModelBuilder().TenantTable("projects", "account_id").Build();
    private static readonly TenantModel OtherModel = new TenantModelBuilder().TenantTable("projects", "account_id").Build();

    [Test]
    public void Text_seen_before_is_found_with_its_scoped_text()
    {
        var text = Unique();
        var scoped = new PreparedSql("SELECT 1", usesTenant: false, bindsTenant: false);
        ScopedTextCache.Add(text, Model, TenantMode.Single, 0, scoped);
        Assert.That(ScopedTextCache.Find(text, Model, TenantMode.Single, 0)?.Scoped, Is.SameAs(scoped));
    }

    [Test]
    public void Entry_does_not_answer_for_another_model_mode_or_position()
    {
        var text = Unique();
        ScopedTextCache.Add(text, Model, TenantMode.Single, 0, new PreparedSql("SELECT 1", usesTenant: false, bindsTenant: false));
        Assert.Multiple(() =>
        {
            Assert.That(ScopedTextCache.Find(text, OtherModel, TenantMode.Single, 0), Is.Null, "another model");
            Assert.That(ScopedTextCache.Find(text, Model, TenantMode.Many, 0), Is.Null, "several tenants");
            Assert.That(ScopedTextCache.Find(text, Model, TenantMode.None, 0), Is.Null, "no tenant");
            Assert.That(ScopedTextCache.Find(text, Model, TenantMode.Single, 2), Is.Null, "a positional tenant");
            Assert.That(ScopedTextCache.Find(text + " ", Model, TenantMode.Single, 0), Is.Null, "another text");
        });
    }

    [Test]
    public void Refusal_is_remembered_as_a_way_to_raise_it_again()
    {
        var text = Unique();
        ScopedTextCache.Add(text, Model, TenantMode.None, 0, () => new UnscopableSqlException("refused"));
        var entry = ScopedTextCache.Find(text, Model, TenantMode.None, 0);
        Assert.That(entry?.Scoped, Is.Null);
        Assert.That(entry!.Refusal!(), Is.TypeOf<UnscopableSqlException>().And.Not.SameAs(entry.Refusal!()));
    }

    [Test]
    public void Text_longer_than_the_limit_is_not_kept()
    {
        var text = Unique() + new string(' ', ScopedTextCache.MaxCachedLength);
        ScopedTextCache.Add(text, Model, TenantMode.Single, 0, new PreparedSql("SELECT 1", usesTenant: false, bindsTenant: false));
        Assert.That(ScopedTextCache.Find(text, Model, TenantMode.Single, 0), Is.Null);
    }

    [Test]
    public void Newer_entries_do_not_lose_the_one_just_added()
    {
        var texts = Enumerable.Range(0, 10_000).Select(_ => Unique()).ToArray();
        foreach (var text in texts)
        {
            ScopedTextCache.Add(text, Model, TenantMode.Single, 0, new PreparedSql(text, usesTenant: false, bindsTenant: false));
            Assert.That(ScopedTextCache.Find(text, Model, TenantMode.Single, 0)?.Scoped?.Release(null, typeof(long), TenantDapper.Scoping.SuppliedTenantCheck.NoCallerParameters, out _), Is.EqualTo(text));
        }
    }

    private static string Unique() => "SELECT '" + Guid.NewGuid().ToString("N") + "'";
}
