namespace TenantDapper.AspNetCore.Tests.Tenancy;

/// <summary>Carrying the tenant into queued work: capture, store as text, restore in the worker.</summary>
[TestFixture]
public sealed class CapturedTenantTests
{
    [Test]
    public async Task A_tenant_captured_in_a_request_is_restored_in_the_worker_from_its_text()
    {
        var queue = new Queue<string>();
        using (CurrentTenant.Use(42L))
        {
            queue.Enqueue(CapturedTenant.Capture().ToString());
        }

        object? inWorker;
        var job = queue.Dequeue();
        using (CapturedTenant.Parse(job, TenancyHost.Model).Use())
        {
            await Task.Yield();
            inWorker = CurrentTenant.Id;
        }

        Assert.That((job, inWorker, CurrentTenant.IsSet), Is.EqualTo(("42", (object?)42L, false)));
    }

    [Test]
    public void Capturing_without_a_single_tenant_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => CapturedTenant.Capture());
        using (CurrentTenant.UseMany(1L, 2L))
        {
            Assert.Throws<InvalidOperationException>(() => CapturedTenant.Capture());
        }

        using (CurrentTenant.Bypass("test"))
        {
            Assert.Throws<InvalidOperationException>(() => CapturedTenant.Capture());
        }
    }

    [TestCase("")]
    [TestCase("forty-two")]
    [TestCase("0")]
    public void Text_that_is_not_a_tenant_key_of_the_model_is_refused(string text) =>
        Assert.Throws<FormatException>(() => CapturedTenant.Parse(text, TenancyHost.Model));
}
