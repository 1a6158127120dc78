using System.Globalization;
using System.Security.Claims;
using TenantDapper.AspNetCore;

namespace TenantDapper.Sample.Data;

/// <summary>
/// The tenant of a request: the account the signed-in user owns. django-multitenant's sample reads it on every
/// request by the user (<c>Account.objects.filter(user=request.user).first()</c>), which on Citus is a query over
/// every shard, because <c>accounts</c> is distributed by its id, not by its user. Here sign-in reads that once and
/// keeps the account id in the cookie's <see cref="ClaimType"/> claim; each request then only checks that the user
/// still owns it, by the account id (the tenant column) and the user: a query Citus routes to one shard, and a
/// membership change counts from the next request on, with no cache to invalidate.
/// </summary>
internal static class AccountOfSignedInUser
{
    public const string Name = "account of the signed-in user";

    /// <summary>The claim that carries the signed-in user's account id.</summary>
    public const string ClaimType = "tenantdapper_sample:account_id";

    /// <summary>At sign-in: the account <paramref name="userId"/> owns (the first by id), or <see langword="null"/>. Crosses tenants, so it is a named bypass.</summary>
    public static async Task<long?> AtSignInAsync(QueryFactory db, long userId, CancellationToken cancellationToken)
    {
        using (CurrentTenant.Bypass("sign-in: the account of the user"))
        {
            return await db.Query("accounts").Where("user_id", userId).OrderBy("id").Select("id")
                .FirstOrDefaultAsync<long?>(cancellationToken: cancellationToken);
        }
    }

    public static async Task<object?> FindAsync(TenantLookup lookup)
    {
        var user = lookup.HttpContext.User;
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(user.FindFirstValue(ClaimType), NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
        {
            // Not signed in, or signed in without an account: no tenant, and nothing is read.
            return null;
        }

        // By the tenant column: one shard on Citus. A user who no longer owns the account gets no tenant.
        return await lookup.ReadAsync((db, cancel) => db.Query("accounts").Where("id", accountId).Where("user_id", userId).Select("id")
            .FirstOrDefaultAsync<long?>(cancellationToken: cancel));
    }
}
