using System.Globalization;

namespace TenantDapper.Citus.Operations;

/// <summary>A node of the cluster as <c>pg_dist_node</c> names it: host and port.</summary>
internal readonly record struct CitusNode(string Host, int Port)
{
    /// <summary>Reads <c>host:port</c>.</summary>
    /// <exception cref="ArgumentException">The text is not <c>host:port</c> with a port from 1 to 65535.</exception>
    public static CitusNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        return colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535
                ? new CitusNode(text[..colon], port)
                : throw new ArgumentException($"A node is host:port as pg_dist_node lists it (e.g. 10.0.0.5:5432), not '{text}'.", nameof(text));
    }

    /// <inheritdoc />
    public override string ToString() => Host + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
