using Microsoft.AspNetCore.Http.HttpResults;

namespace TenantDapper.Sample.Endpoints;

/// <summary>
/// List, get, create, update and delete for an entity of the current account, all through
/// <c>db.Entities&lt;T&gt;()</c>: the account column is filled in on create, an update or delete reaches only the
/// current account's row, and another account's id is a 404.
/// </summary>
internal static class EntityEndpoints
{
    public static RouteGroupBuilder MapEntity<TEntity>(this RouteGroupBuilder api, string path, Func<TEntity, long> getId, Action<TEntity, long> setId)
        where TEntity : class
    {
        var group = api.MapGroup(path).WithTags(typeof(TEntity).Name);
        group.MapGet("/", async (QueryFactory db, CancellationToken cancel) =>
            TypedResults.Ok(await db.Entities<TEntity>().Query().OrderBy("id").GetAsync<TEntity>(cancellationToken: cancel)));

        group.MapGet("/{id:long}", async Task<Results<Ok<TEntity>, NotFound>> (long id, QueryFactory db, CancellationToken cancel) =>
            await db.Entities<TEntity>().GetAsync([id], cancel) is { } entity ? TypedResults.Ok(entity) : TypedResults.NotFound());

        // The body is read by hand: ASP.NET Core's route handler analyzer fails on a parameter of a generic type.
        group.MapPost("/", async Task<Results<Created<TEntity>, BadRequest>> (HttpRequest request, QueryFactory db, CancellationToken cancel) =>
        {
            if (await request.ReadFromJsonAsync<TEntity>(cancel) is not { } entity)
            {
                return TypedResults.BadRequest();
            }

            await db.Entities<TEntity>().InsertAsync(entity, cancel);
            return TypedResults.Created($"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{getId(entity)}", entity);
        }).Accepts<TEntity>("application/json");

        group.MapPut("/{id:long}", async Task<Results<Ok<TEntity>, NotFound, BadRequest>> (long id, HttpRequest request, QueryFactory db, CancellationToken cancel) =>
        {
            if (await request.ReadFromJsonAsync<TEntity>(cancel) is not { } entity)
            {
                return TypedResults.BadRequest();
            }

            setId(entity, id);
            var set = db.Entities<TEntity>();
            return await set.UpdateAsync(entity, cancel) && await set.GetAsync([id], cancel) is { } stored ? TypedResults.Ok(stored) : TypedResults.NotFound();
        }).Accepts<TEntity>("application/json");

        group.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (long id, QueryFactory db, CancellationToken cancel) =>
            await db.Entities<TEntity>().DeleteByKeyAsync([id], cancel) ? TypedResults.NoContent() : TypedResults.NotFound());
        return group;
    }
}
