using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TenantDapper.AspNetCore.Tests.Tenancy;

/// <summary>Signs a request in from its <c>X-Test-Claims</c> header (<c>type=value;type=value</c>), for tests of the middleware alone.</summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("X-Test-Claims", out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = header.ToString().Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new Claim(pair[0] == "role" ? ClaimTypes.Role : pair[0], pair[1]))
            .Append(new Claim(ClaimTypes.Name, "tester"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }
}
