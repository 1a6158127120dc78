using System.Runtime.CompilerServices;

namespace TenantDapper.Syntax;

/// <summary>
/// Stops the recursive passes over a query (cloning, building the tree, scoping, writing) before a query nested too
/// deeply exhausts the stack, which would end the whole process: a clear exception instead, before anything is sent.
/// </summary>
internal static class NestingGuard
{
    public static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new InvalidQueryException(
                "The query nests too deeply (sub-queries or condition groups inside each other) to be copied, scoped or written on this thread's stack; nothing was sent. Flatten it: a join, a CTE (With), or WhereIn with a list of values instead of a chain of sub-queries.");
        }
    }
}
