using Microsoft.AspNetCore.Http.HttpResults;
using TenantDapper.AspNetCore;
using TenantDapper.Sample.Domain;

namespace TenantDapper.Sample.Endpoints;

/// <summary>Countries: reference data every account reads; only administrators change it.</summary>
internal static class CountryEndpoints
{
    public static void MapCountries(this RouteGroupBuilder api)
    {
        // Only the reference table is read here, so no tenant is needed.
        var countries = api.MapGroup("/countries").WithTags("Country").AllowWithoutTenant();
        countries.MapGet("/", async (QueryFactory db, CancellationToken cancel) =>
            TypedResults.Ok(await db.Entities<Country>().Query().OrderBy("code").GetAsync<Country>(cancellationToken: cancel)));

        countries.MapGet("/{code}", async Task<Results<Ok<Country>, NotFound>> (string code, QueryFactory db, CancellationToken cancel) =>
            await db.Entities<Country>().GetAsync([code], cancel) is { } country ? TypedResults.Ok(country) : TypedResults.NotFound());

        var edits = countries.MapGroup("/").RequireAuthorization(SamplePolicies.Admin);
        edits.MapPost("/", async (Country country, QueryFactory db, CancellationToken cancel) =>
            TypedResults.Created($"/api/countries/{country.Code}", await db.Entities<Country>().InsertAsync(country, cancel)));

        edits.MapPut("/{code}", async Task<Results<Ok<Country>, NotFound>> (string code, Country country, QueryFactory db, CancellationToken cancel) =>
        {
            country.Code = code;
            return await db.Entities<Country>().UpdateAsync(country, cancel) ? TypedResults.Ok(country) : TypedResults.NotFound();
        });

        edits.MapDelete("/{code}", async Task<Results<NoContent, NotFound>> (string code, QueryFactory db, CancellationToken cancel) =>
            await db.Entities<Country>().DeleteByKeyAsync([code], cancel) ? TypedResults.NoContent() : TypedResults.NotFound());
    }
}
