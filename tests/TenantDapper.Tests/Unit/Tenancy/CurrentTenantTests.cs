namespace TenantDapper.Tests.Unit.Tenancy;

[NonParallelizable]
public class CurrentTenantTests
{
    [SetUp]
    public void StartWithoutTenant() => CurrentTenant.Clear();

    [TearDown]
    public void LeaveWithoutTenant() => CurrentTenant.Clear();

    [Test]
    public void Set_read_and_clear()
    {
        CurrentTenant.Set(42L);
        Assert.Multiple(() =>
        {
            Assert.That(CurrentTenant.Id, Is.EqualTo(42L));
            Assert.That(CurrentTenant.IsSet, Is.True);
        });
        CurrentTenant.Clear();
        Assert.Multiple(() =>
        {
            Assert.That(CurrentTenant.Id, Is.Null);
            Assert.That(CurrentTenant.IsSet, Is.False);
        });
    }

    [Test]
    public async Task Tenant_flows_across_await()
    {
        using (CurrentTenant.Use(7L))
        {
            await Task.Yield();
            await Task.Delay(1);
            Assert.That(CurrentTenant.Id, Is.EqualTo(7L));
        }
    }

    [Test]
    public async Task Concurrent_operations_keep_their_own_tenant()
    {
        async Task<bool> Run(object tenant)
        {
            using (CurrentTenant.Use(tenant))
            {
                for (var i = 0; i < 20; i++)
                {
                    await Task.Yield();
                    if (!Equals(CurrentTenant.Id, tenant))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Run((long)i))));
        Assert.That(results, Is.All.True);
    }

    [Test]
    public async Task Tenant_set_inside_an_async_method_does_not_flow_back_to_the_caller()
    {
        static async Task SetInside()
        {
            await Task.Yield();
            CurrentTenant.Set(9L);
        }

        await SetInside();
        Assert.That(CurrentTenant.IsSet, Is.False);
    }

    [Test]
    public void Disposing_a_scope_restores_the_previous_tenant()
    {
        using (CurrentTenant.Use(1L))
        {
            using (CurrentTenant.Use(2L))
            {
                Assert.That(CurrentTenant.Id, Is.EqualTo(2L));
            }

            Assert.That(CurrentTenant.Id, Is.EqualTo(1L));
        }

        Assert.That(CurrentTenant.IsSet, Is.False);
    }

    [Test]
    public void Use_many_sets_several_tenants_for_reads()
    {
        using (CurrentTenant.UseMany(1L, 2L, 3L))
        {
            Assert.Multiple(() =>
            {
                Assert.That(CurrentTenant.Ids, Is.EqualTo(new object[] { 1L, 2L, 3L }));
                Assert.That(CurrentTenant.Id, Is.Null);
            });
        }
    }

    [Test]
    public void Use_many_refuses_mixed_types()
    {
        Assert.That(() => CurrentTenant.UseMany(1L, "x"), Throws.ArgumentException);
    }

    [TestCase(1L)]
    [TestCase(1)]
    [TestCase("acme")]
    public void Tenant_values_of_the_supported_types_are_accepted(object tenant)
    {
        using (CurrentTenant.Use(tenant))
        {
            Assert.That(CurrentTenant.Id, Is.EqualTo(tenant));
        }
    }

    [Test]
    public void Guid_tenant_is_accepted()
    {
        var tenant = Guid.NewGuid();
        using (CurrentTenant.Use(tenant))
        {
            Assert.That(CurrentTenant.Id, Is.EqualTo(tenant));
        }
    }

    [Test]
    public void Unsupported_tenant_type_is_refused()
    {
        Assert.That(() => CurrentTenant.Set(1.5m), Throws.ArgumentException);
    }

    [Test]
    public void Bypass_is_named_observable_and_ends_with_its_scope()
    {
        var seen = new List<string>();
        void Handler(object? sender, TenantBypassEventArgs e) => seen.Add(e.Reason);
        CurrentTenant.BypassStarted += Handler;
        try
        {
            using (CurrentTenant.Use(5L))
            {
                using (CurrentTenant.Bypass("nightly billing report"))
                {
                    Assert.Multiple(() =>
                    {
                        Assert.That(CurrentTenant.IsBypassed, Is.True);
                        Assert.That(CurrentTenant.BypassReason, Is.EqualTo("nightly billing report"));
                    });
                }

                Assert.That(CurrentTenant.Id, Is.EqualTo(5L));
            }
        }
        finally
        {
            CurrentTenant.BypassStarted -= Handler;
        }

        Assert.That(seen, Is.EqualTo(new[] { "nightly billing report" }));
    }

    [Test]
    public void Bypass_whose_handler_throws_leaves_scoping_on()
    {
        static void Refuse(object? sender, TenantBypassEventArgs e) => throw new InvalidOperationException("not allowed here");
        CurrentTenant.BypassStarted += Refuse;
        try
        {
            using (CurrentTenant.Use(5L))
            {
                Assert.That(() => CurrentTenant.Bypass("x"), Throws.InvalidOperationException);
                Assert.That(CurrentTenant.IsBypassed, Is.False);
            }
        }
        finally
        {
            CurrentTenant.BypassStarted -= Refuse;
        }
    }

    [Test]
    public void Bypass_needs_a_reason()
    {
        Assert.That(() => CurrentTenant.Bypass(" "), Throws.ArgumentException);
    }
}
