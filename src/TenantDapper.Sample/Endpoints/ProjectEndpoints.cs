using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TenantDapper.Sample.Domain;

namespace TenantDapper.Sample.Endpoints;

/// <summary>Projects, and the managers of a project (through <c>project_managers</c>).</summary>
internal static class ProjectEndpoints
{
    public static void MapProjects(this RouteGroupBuilder api)
    {
        var projects = api.MapEntity<Project>("/projects", p => p.Id, (p, id) => p.Id = id);

        // Plain Dapper SQL through the scoping data source: the text names no account; it is scoped for the request's.
        projects.MapGet("/open-tasks", async (TenantDataSource data, CancellationToken cancel) =>
        {
            await using var connection = await data.OpenConnectionAsync(cancel);
            return await connection.QueryAsync<ProjectOpenTasks>(new CommandDefinition(
                "select p.id, p.account_id as accountid, p.name, count(t.id) as opentasks from projects p left join tasks t on t.project_id = p.id and t.status = 'opened' group by p.id, p.account_id, p.name order by p.id",
                cancellationToken: cancel));
        });

        projects.MapGet("/{id:long}/managers", async Task<Results<Ok<IEnumerable<Manager>>, NotFound>> (long id, QueryFactory db, CancellationToken cancel) =>
        {
            if (await db.Entities<Project>().GetAsync([id], cancel) is null)
            {
                return TypedResults.NotFound();
            }

            var managers = await db.Entities<Manager>().Query()
                .WhereIn("id", db.Query("project_managers").Select("manager_id").Where("project_id", id))
                .OrderBy("id")
                .GetAsync<Manager>(cancellationToken: cancel);
            return TypedResults.Ok(managers);
        });

        projects.MapPut("/{id:long}/managers/{managerId:long}", async Task<Results<NoContent, NotFound>> (long id, long managerId, QueryFactory db, CancellationToken cancel) =>
        {
            if (await db.Entities<Project>().GetAsync([id], cancel) is null || await db.Entities<Manager>().GetAsync([managerId], cancel) is null)
            {
                return TypedResults.NotFound();
            }

            var link = new ProjectManager { ProjectId = id, ManagerId = managerId };
            if (!await db.Links<ProjectManager>().ExistsAsync(link, cancel))
            {
                await db.Links<ProjectManager>().AddAsync(link, cancel);
            }

            return TypedResults.NoContent();
        });

        projects.MapDelete("/{id:long}/managers/{managerId:long}", async Task<Results<NoContent, NotFound>> (long id, long managerId, QueryFactory db, CancellationToken cancel) =>
            await db.Links<ProjectManager>().RemoveAsync(new ProjectManager { ProjectId = id, ManagerId = managerId }, cancel)
                ? TypedResults.NoContent()
                : TypedResults.NotFound());
    }
}
