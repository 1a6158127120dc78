using System.Globalization;
using System.Security.Claims;
using System.Text;
using TenantDapper.Sample.Domain;

namespace TenantDapper.Sample.Pages;

/// <summary>The home page: the signed-in user's account, its projects and their tasks.</summary>
internal static class ProjectsPage
{
    public static void MapProjectsPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", async (HttpContext context, QueryFactory db) =>
        {
            var cancel = context.RequestAborted;
            var account = (await db.Entities<Account>().GetAllAsync(cancel)).Single();
            var projects = await db.Entities<Project>().Query().OrderBy("id").GetAsync<Project>(cancellationToken: cancel);
            var tasks = (await db.Entities<ProjectTask>().Query().OrderBy("id").GetAsync<ProjectTask>(cancellationToken: cancel)).ToLookup(t => t.ProjectId);

            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"""
                <p>Signed in as <strong id="user">{SignInEndpoints.Encode(context.User.FindFirstValue(ClaimTypes.Name) ?? "")}</strong>,
                account <strong id="account">{SignInEndpoints.Encode(account.Name)}</strong> ({SignInEndpoints.Encode(account.Subdomain)}, {SignInEndpoints.Encode(account.CountryCode)}).</p>
                <form method="post" action="/signout"><button type="submit" id="signOut">Sign out</button></form>
                <ul id="projects">
                """);
            foreach (var project in projects)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li class=\"project\" data-id=\"{project.Id}\"><span class=\"name\">{SignInEndpoints.Encode(project.Name)}</span><ul>");
                foreach (var task in tasks[project.Id])
                {
                    body.Append(CultureInfo.InvariantCulture, $"<li class=\"task {SignInEndpoints.Encode(task.Status)}\" data-id=\"{task.Id}\">{SignInEndpoints.Encode(task.Name)} ({SignInEndpoints.Encode(task.Status)})</li>");
                }

                body.Append("</ul></li>");
            }

            body.Append("</ul>");
            return Results.Content(Html.Page("Projects", body.ToString()), "text/html");
        }).RequireAuthorization().ExcludeFromDescription();
}
