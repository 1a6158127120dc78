using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore;

/// <summary>
/// The current tenant, captured to travel with queued work: capture it where the work is queued, store
/// <see cref="ToString"/> with the job, and in the worker restore it with <see cref="Parse"/> and <see cref="Use"/>.
/// <code>
/// queue.Enqueue(new ReportJob(CapturedTenant.Capture().ToString(), projectId));     // in the request
/// using (CapturedTenant.Parse(job.Tenant, model).Use()) { await RunAsync(job); }     // in the worker
/// </code>
/// An in-process <c>Task.Run</c> needs none of this (the tenant flows with the execution context); a job that is
/// serialized, or picked up by a long-running worker, does.
/// </summary>
public sealed class CapturedTenant
{
    private CapturedTenant(object id) => Id = id;

    /// <summary>The tenant key.</summary>
    public object Id { get; }

    /// <summary>Captures the current tenant.</summary>
    /// <returns>The captured tenant.</returns>
    /// <exception cref="InvalidOperationException">No single tenant is set (none, several, or a bypass): queued work must name exactly one.</exception>
    public static CapturedTenant Capture() => new(CurrentTenant.Id ?? throw new InvalidOperationException(
        "Queued work carries exactly one tenant, and none is set here (or several, or a bypass is in force). Capture the tenant inside the request or a CurrentTenant.Use scope."));

    /// <summary>Reads a tenant stored with <see cref="ToString"/>, as the model's tenant key type.</summary>
    /// <param name="text">The stored text.</param>
    /// <param name="model">The tenant model, for its key type.</param>
    /// <returns>The tenant.</returns>
    /// <exception cref="FormatException">The text is not a tenant key of the model's type.</exception>
    public static CapturedTenant Parse(string text, TenantModel model)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var keyType = model.TenantKeyType ?? throw new ArgumentException("The tenant model declares no tenant key type; build it with TenantModelBuilder.TenantKey<long>().", nameof(model));
        return new(TenantKeyText.Parse(text, keyType) ?? throw new FormatException($"'{text}' is not a tenant key of type {keyType.Name}; store CapturedTenant.ToString() with the job."));
    }

    /// <summary>Sets the captured tenant as the current one until the returned scope is disposed.</summary>
    /// <returns>The scope that restores the previous tenant.</returns>
    public TenantScope Use() => CurrentTenant.Use(Id);

    /// <summary>The tenant key as invariant text, for storing with a job.</summary>
    public override string ToString() => TenantKeyText.Format(Id);
}
