using System.Globalization;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>Turns the text of a claim, header, route value or subdomain into a tenant key of the model's type, and back.</summary>
internal static class TenantKeyText
{
    /// <summary>The key <paramref name="text"/> names, or <see langword="null"/> when it is not a valid key of <paramref name="keyType"/>.</summary>
    public static object? Parse(string text, Type keyType)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (keyType == typeof(long))
        {
            return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
        }

        if (keyType == typeof(int))
        {
            return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
        }

        if (keyType == typeof(Guid))
        {
            return Guid.TryParse(trimmed, out var value) && value != Guid.Empty ? value : null;
        }

        return trimmed;
    }

    /// <summary>The invariant text of a tenant key, which <see cref="Parse"/> reads back.</summary>
    public static string Format(object tenant) => tenant switch
    {
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => tenant.ToString() ?? "",
    };
}
