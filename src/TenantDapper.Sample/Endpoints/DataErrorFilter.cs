using Npgsql;

namespace TenantDapper.Sample.Endpoints;

/// <summary>
/// Turns what a client can cause into ProblemDetails instead of a 500: a row naming another account (refused by
/// TenantDapper before anything is sent), a reference to a row the account does not have, a duplicate, an invalid status.
/// </summary>
internal static class DataErrorFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (TenantMismatchException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Another account's row");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return TypedResults.Problem("The row refers to a project, task or manager your account does not have.", statusCode: StatusCodes.Status409Conflict, title: "Unknown reference");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return TypedResults.Problem("A row with this key exists already.", statusCode: StatusCodes.Status409Conflict, title: "Duplicate");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation)
        {
            return TypedResults.Problem("A value is missing or not allowed (a task's status is opened or closed).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid value");
        }
    }
}
