namespace TenantDapper.Tests.Unit.Tenancy;

/// <summary>Scopes disposed out of order, twice, from another async flow, or mixed with Set and Clear: the state never ends wider than the innermost live scope.</summary>
[NonParallelizable]
public class ScopeMisuseTests
{
    [SetUp]
    public void StartWithoutTenant() => CurrentTenant.Clear();

    [TearDown]
    public void LeaveWithoutTenant() => CurrentTenant.Clear();

    [Test]
    public void Disposing_a_bypass_under_a_live_scope_ends_both_and_leaves_nothing_set()
    {
        var bypass = CurrentTenant.Bypass("admin");
        var tenant = CurrentTenant.Use(1L);
        Assert.That(bypass.Dispose, Throws.TypeOf<TenantScopeMisuseException>());
        AssertNothingSet();
        tenant.Dispose();
        AssertNothingSet();
    }

    [Test]
    public void Disposing_an_outer_tenant_first_does_not_leave_it_set()
    {
        var outer = CurrentTenant.Use(1L);
        var inner = CurrentTenant.Use(2L);
        Assert.That(outer.Dispose, Throws.TypeOf<TenantScopeMisuseException>());
        AssertNothingSet();
        inner.Dispose();
        AssertNothingSet();
    }

    [Test]
    public void After_a_misuse_the_outer_live_scope_still_ends_in_order_and_restores_what_was_before_it()
    {
        CurrentTenant.Set(9L);
        var outer = CurrentTenant.Use(1L);
        var middle = CurrentTenant.Bypass("admin");
        var inner = CurrentTenant.Use(3L);
        Assert.That(middle.Dispose, Throws.TypeOf<TenantScopeMisuseException>());
        AssertNothingSet();
        inner.Dispose();
        AssertNothingSet();
        outer.Dispose();
        Assert.That(CurrentTenant.Id, Is.EqualTo(9L));
    }

    [Test]
    public void Disposing_twice_does_nothing_the_second_time()
    {
        using (CurrentTenant.Use(1L))
        {
            var inner = CurrentTenant.Use(2L);
            inner.Dispose();
            using (CurrentTenant.Use(3L))
            {
                Assert.That(inner.Dispose, Throws.Nothing);
                Assert.That(CurrentTenant.Id, Is.EqualTo(3L));
            }

            Assert.That(CurrentTenant.Id, Is.EqualTo(1L));
        }
    }

    [Test]
    public void Set_inside_a_scope_lasts_until_the_scope_ends()
    {
        using (CurrentTenant.Use(1L))
        {
            using (CurrentTenant.Use(2L))
            {
                CurrentTenant.Set(3L);
                Assert.That(CurrentTenant.Id, Is.EqualTo(3L));
            }

            Assert.That(CurrentTenant.Id, Is.EqualTo(1L));
        }

        AssertNothingSet();
    }

    [Test]
    public void Clear_inside_a_scope_lasts_until_the_scope_ends()
    {
        using (CurrentTenant.Bypass("admin"))
        {
            using (CurrentTenant.Use(2L))
            {
                CurrentTenant.Clear();
                AssertNothingSet();
            }

            Assert.That(CurrentTenant.IsBypassed, Is.True);
        }

        AssertNothingSet();
    }

    [Test]
    public async Task Scope_disposed_in_a_child_task_ends_in_the_flow_that_began_it()
    {
        var scope = CurrentTenant.Bypass("admin");
        await Task.Run(scope.Dispose);
        AssertNothingSet();
    }

    [Test]
    public async Task Child_task_still_running_after_its_scope_ended_sees_no_tenant()
    {
        var started = new TaskCompletionSource();
        var ended = new TaskCompletionSource();
        Task<bool> child;
        using (CurrentTenant.Use(1L))
        {
            child = Task.Run(async () =>
            {
                started.SetResult();
                await ended.Task;
                return CurrentTenant.IsSet || CurrentTenant.IsBypassed;
            });
            await started.Task;
        }

        ended.SetResult();
        Assert.That(await child, Is.False);
    }

    [Test]
    public void Outer_scope_disposed_in_a_child_task_while_an_inner_one_is_live_leaves_nothing_set_in_either_flow()
    {
        var outer = CurrentTenant.Use(1L);
        var inner = CurrentTenant.Use(2L);
        Assert.That(async () => await Task.Run(outer.Dispose), Throws.TypeOf<TenantScopeMisuseException>());
        AssertNothingSet();
        inner.Dispose();
        AssertNothingSet();
    }

    [Test]
    public void Scope_disposed_in_an_unrelated_flow_is_reported_and_leaves_that_flow_without_tenant()
    {
        TenantScope? scope = null;
        var thread = new Thread(() => scope = CurrentTenant.Use(1L));
        thread.Start();
        thread.Join();
        using (CurrentTenant.Use(2L))
        {
            Assert.That(scope!.Dispose, Throws.TypeOf<TenantScopeMisuseException>());
            AssertNothingSet();
        }
    }

    [Test]
    public void Ids_hands_out_a_copy()
    {
        using (CurrentTenant.UseMany(1L, 2L))
        {
            var ids = CurrentTenant.Ids;
            Assert.That(ids, Is.Not.InstanceOf<object[]>());
            Assert.That(CurrentTenant.Ids, Is.Not.SameAs(ids));
            Assert.That(CurrentTenant.Ids, Is.EqualTo(new object[] { 1L, 2L }));
        }
    }

    private static void AssertNothingSet() => Assert.Multiple(() =>
    {
        Assert.That(CurrentTenant.IsSet, Is.False, "a tenant is still set");
        Assert.That(CurrentTenant.IsBypassed, Is.False, "a bypass is still in force");
        Assert.That(CurrentTenant.Ids, Is.Empty);
        Assert.That(CurrentTenant.Id, Is.Null);
    });
}
