using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using TenantDapper.AspNetCore;
using TenantDapper.Sample.Domain;

namespace TenantDapper.Sample.Endpoints;

/// <summary>
/// Accounts: a user sees and edits only their own (the tenant root is scoped by its id); creating and deleting an
/// account works across tenants, so it is an admin endpoint behind the <c>SampleAdmin</c> policy with a logged bypass.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>What a user may change of their account (not its owner).</summary>
    public sealed record AccountChange(string Name, string Domain, string Subdomain, string CountryCode);

    /// <summary>A new account for a user.</summary>
    public sealed record NewAccount(long UserId, string Name, string Domain, string Subdomain, string CountryCode);

    public static void MapAccounts(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Account");
        accounts.MapGet("/", async (QueryFactory db, CancellationToken cancel) =>
            TypedResults.Ok(await db.Entities<Account>().Query().OrderBy("id").GetAsync<Account>(cancellationToken: cancel)));

        accounts.MapGet("/{id:long}", async Task<Results<Ok<Account>, NotFound>> (long id, QueryFactory db, CancellationToken cancel) =>
            await db.Entities<Account>().GetAsync([id], cancel) is { } account ? TypedResults.Ok(account) : TypedResults.NotFound());

        accounts.MapPut("/{id:long}", async Task<Results<Ok<Account>, NotFound>> (long id, AccountChange change, QueryFactory db, CancellationToken cancel) =>
        {
            var set = db.Entities<Account>();
            if (await set.GetAsync([id], cancel) is not { } account)
            {
                return TypedResults.NotFound();
            }

            account.Name = change.Name;
            account.Domain = change.Domain;
            account.Subdomain = change.Subdomain;
            account.CountryCode = change.CountryCode;
            return await set.UpdateAsync(account, cancel) ? TypedResults.Ok(account) : TypedResults.NotFound();
        });

        accounts.MapPost("/", async (NewAccount account, QueryFactory db, CancellationToken cancel) =>
        {
            var id = await db.Query("accounts").InsertGetIdAsync<long>(
                new { user_id = account.UserId, name = account.Name, domain = account.Domain, subdomain = account.Subdomain, country_code = account.CountryCode },
                cancellationToken: cancel);
            return TypedResults.Created($"/api/accounts/{id}", new Account
            {
                Id = id, UserId = account.UserId, Name = account.Name, Domain = account.Domain, Subdomain = account.Subdomain, CountryCode = account.CountryCode,
            });
        }).WithTenantBypass(SamplePolicies.Admin, "create an account");

        accounts.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (long id, QueryFactory db, CancellationToken cancel) =>
        {
            var connection = (DbConnection)db.Connection;
            await connection.OpenAsync(cancel);
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            foreach (var table in new[] { "tasks", "project_managers", "projects", "managers" })
            {
                await db.Query(table).Where("account_id", id).DeleteAsync(transaction, cancellationToken: cancel);
            }

            var deleted = await db.Query("accounts").Where("id", id).DeleteAsync(transaction, cancellationToken: cancel);
            await transaction.CommitAsync(cancel);
            return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
        }).WithTenantBypass(SamplePolicies.Admin, "delete an account and its rows");
    }
}
