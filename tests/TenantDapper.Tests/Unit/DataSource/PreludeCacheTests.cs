using TenantDapper.DataSource;

namespace TenantDapper.Tests.Unit.DataSource;

/// <summary>
/// The prelude cache: a setting answers only for its own tenants and a preluded text only for its own text and form,
/// however many keys share its slots (the setting decides which rows the server shows).
/// </summary>
public class PreludeCacheTests
{
    [Test]
    public void Every_tenant_gets_its_own_setting_when_more_tenants_than_slots_come_and_go()
    {
        var wrong = new List<string>();
        for (var pass = 0; pass < 2; pass++)
        {
            for (var tenant = 1L; tenant <= 5000; tenant++)
            {
                var setting = PreludeCache.Setting([tenant], Literal);
                if (setting != Literal([tenant]))
                {
                    wrong.Add(setting);
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Tenants_of_different_types_or_values_never_share_a_setting()
    {
        var settings = new object[] { 7L, 7, "7", "seven", Guid.Parse("00000000-0000-0000-0000-000000000007") }
            .Select(tenant => PreludeCache.Setting([tenant], tenants => tenants[0].GetType().Name + ":" + tenants[0]))
            .ToArray();
        Assert.That(settings, Is.EqualTo(new[] { "Int64:7", "Int32:7", "String:7", "String:seven", "Guid:00000000-0000-0000-0000-000000000007" }));
    }

    [Test]
    public void Several_tenants_are_kept_for_their_own_list_only()
    {
        object[] first = [1L, 2L], second = [1L, 3L];
        Assert.That(
            (PreludeCache.Setting(first, Literal), PreludeCache.Setting(second, Literal), PreludeCache.Setting(first, Literal), PreludeCache.Setting(new object[] { 1L, 2L }, Literal)),
            Is.EqualTo(("{1,2}", "{1,3}", "{1,2}", "{1,2}")));
    }

    [Test]
    public void A_tenant_of_another_type_is_built_every_time()
    {
        var built = 0;
        for (var i = 0; i < 3; i++)
        {
            PreludeCache.Setting([1.0m], tenants =>
            {
                built++;
                return Literal(tenants);
            });
        }

        Assert.That(built, Is.EqualTo(3));
    }

    [Test]
    public void Every_text_gets_its_own_preluded_text_in_every_form_when_more_texts_than_slots_come_and_go()
    {
        var texts = Enumerable.Range(0, 3000).Select(i => "SELECT " + i).ToArray();
        var wrong = new List<string>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var text in texts)
            {
                for (var form = 0; form < 3; form++)
                {
                    var preluded = PreludeCache.Text(text, form, Preluded);
                    if (preluded != Preluded(text, form))
                    {
                        wrong.Add(preluded);
                    }
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void An_equal_text_in_another_string_is_answered_with_its_own_preluded_text()
    {
        var text = "SELECT 'equal'";
        var copy = new string(text.AsSpan());
        Assert.That((PreludeCache.Text(text, 0, Preluded), PreludeCache.Text(copy, 0, Preluded)), Is.EqualTo((Preluded(text, 0), Preluded(copy, 0))));
    }

    [Test]
    public void A_text_over_4096_characters_is_built_every_time()
    {
        var text = "SELECT " + new string('1', 4100);
        var built = 0;
        for (var i = 0; i < 3; i++)
        {
            PreludeCache.Text(text, 0, (sql, form) =>
            {
                built++;
                return Preluded(sql, form);
            });
        }

        Assert.That(built, Is.EqualTo(3));
    }

    private static string Literal(IReadOnlyList<object> tenants) => "{" + string.Join(",", tenants) + "}";

    private static string Preluded(string text, int form) => form + ": " + text;
}
