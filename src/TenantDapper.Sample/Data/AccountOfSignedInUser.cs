using System.Globalization;
using System.Security.Claims;
using TenantDapper.AspNetCore;

namespace TenantDapper.Sample.Data;

/// <summary>
/// The tenant of a request: the account the signed-in user owns (django-multitenant's sample does
/// <c>Account.objects.filter(user=request.user).first()</c>). Reading <c>accounts</c> for a user crosses tenants,
/// so it goes through <see cref="TenantLookup.ReadAsync{T}"/>, which logs it.
/// </summary>
internal static class AccountOfSignedInUser
{
    public const string Name = "account of the signed-in user";

    public static async Task<object?> FindAsync(TenantLookup lookup)
    {
        var claim = lookup.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            // Not signed in: no tenant, and nothing is read.
            return null;
        }

        return await lookup.ReadAsync((db, cancel) => db.Query("accounts").Where("user_id", userId).OrderBy("id").Select("id")
            .FirstOrDefaultAsync<long?>(cancellationToken: cancel));
    }
}
