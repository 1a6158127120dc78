using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace TenantDapper.Sample.Pages;

/// <summary>
/// The sessions signed in on this server. A cookie alone proves only that the app once issued it; each request also
/// needs its session to be live here, so signing out revokes the cookie and every copy of it. The sessions live in
/// memory: a restart signs everyone out, and several instances of the app would need a shared store instead.
/// </summary>
internal sealed class SignedInSessions
{
    /// <summary>The claim that names the session of a cookie.</summary>
    public const string ClaimType = ClaimTypes.Sid;

    private readonly ConcurrentDictionary<string, byte> _live = new(StringComparer.Ordinal);

    /// <summary>Starts a session and returns the claim to put in its cookie.</summary>
    public Claim Start()
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _live[id] = 0;
        return new Claim(ClaimType, id);
    }

    /// <summary>Ends the session of <paramref name="user"/>, if it has one.</summary>
    public void End(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimType) is { } id)
        {
            _live.TryRemove(id, out _);
        }
    }

    /// <summary>Rejects a cookie whose session is not live (signed out, or issued before this server started).</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirstValue(ClaimType) is not { } id || !_live.ContainsKey(id))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
