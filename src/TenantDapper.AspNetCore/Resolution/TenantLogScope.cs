using System.Collections;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>The logging scope of a request or unit of work: one <c>TenantId</c> property, as structured loggers expect.</summary>
internal sealed class TenantLogScope(object tenant) : IReadOnlyList<KeyValuePair<string, object>>
{
    public const string PropertyName = "TenantId";

    public int Count => 1;

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new(PropertyName, tenant) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => PropertyName + " = " + TenantKeyText.Format(tenant);
}
