using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using TenantDapper.AspNetCore;
using TenantDapper.Sample.Data;
using TenantDapper.Sample.Domain;

namespace TenantDapper.Sample.Pages;

/// <summary>Sign-in and sign-out with a cookie of a server-side session (see <see cref="SignedInSessions"/>); the tenant is then the signed-in user's account.</summary>
internal static class SignInEndpoints
{
    private static readonly PasswordHasher<User> Hasher = new();

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/").AllowAnonymous().AllowWithoutTenant().ExcludeFromDescription();
        pages.MapGet("/signin", (bool? failed) => Results.Content(Html.Page("Sign in", $"""
            <form method="post" action="/signin">
              {(failed == true ? "<p class=\"error\">Wrong user name or password.</p>" : "")}
              <label>User <input name="userName" id="userName" autocomplete="username"></label>
              <label>Password <input name="password" id="password" type="password" autocomplete="current-password"></label>
              <button type="submit" id="signIn">Sign in</button>
            </form>
            <p>Try <code>turkiye_user</code> or <code>usa_user</code>, password <code>password</code>.</p>
            """), "text/html"));

        pages.MapPost("/signin", async (HttpContext context, QueryFactory db, SignedInSessions sessions) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var userName = form["userName"].ToString();
            var user = await db.Entities<User>().Query().Where("user_name", userName).FirstOrDefaultAsync<User>(cancellationToken: context.RequestAborted);
            if (user is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, form["password"].ToString()) == PasswordVerificationResult.Failed)
            {
                return Results.Redirect("/signin?failed=true");
            }

            List<Claim> claims = [new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)), new(ClaimTypes.Name, user.UserName), sessions.Start()];
            if (await AccountOfSignedInUser.AtSignInAsync(db, user.Id, context.RequestAborted) is { } account)
            {
                claims.Add(new(AccountOfSignedInUser.ClaimType, account.ToString(CultureInfo.InvariantCulture)));
            }

            if (user.IsAdmin)
            {
                claims.Add(new(ClaimTypes.Role, "admin"));
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.Redirect("/");
        });

        pages.MapPost("/signout", async (HttpContext context, SignedInSessions sessions) =>
        {
            sessions.End(context.User);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
    }

    /// <summary>HTML-encodes text for a page.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
