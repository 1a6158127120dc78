using System.Runtime.CompilerServices;
using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Execution;

/// <summary>
/// Compiles builder statements once per shape. The key is the statement's tree with its values replaced by slots
/// (<see cref="ShapeEncoder"/>), the model instance, the tenant mode and whether the statement goes to Citus with
/// row-level security; a hit costs that encoding, one comparison of the whole key and taking the values from their
/// slots, without scoping or writing. A shape gets its plan the second time it is seen. A direct-mapped table like <see cref="SqlTextCache"/>: a colliding shape replaces
/// the older one, so memory stays bounded, and an entry is an immutable plan published with one write, so threads
/// share it without locks (two threads compiling one shape store equal plans).
/// </summary>
internal static class BuilderShapes
{
    private const int Slots = 4096;
    private const int MaxKeyLength = 8192;

    private static readonly ShapePlan?[] Plans = new ShapePlan?[Slots];

    // The hash of the last shape seen once in each slot: a plan is made at a shape's second sight, so a stream of
    // one-off shapes costs only their keys, and never pushes the plans of repeated shapes out.
    private static readonly ulong[] SeenOnce = new ulong[Slots];

    /// <summary>The statement <paramref name="statement"/> compiles to for <paramref name="state"/>, scoped by <paramref name="model"/> (none when both are <see langword="null"/>).</summary>
    /// <exception cref="TenantDapperException">What scoping refuses, as scoping and <see cref="PreparedSql.Release"/> do.</exception>
    public static BuilderStatement Compile(SqlStatement statement, TenantModel? model, TenantState? state, bool citusRowLevelSecurity)
    {
        var mode = TenantModes.Of(model, state);
        var encoder = ShapeEncoder.Rent();
        try
        {
            encoder.Encode(statement);
            if (encoder.Key.Length > MaxKeyLength)
            {
                return CompileNew(statement, model, state, citusRowLevelSecurity, sources: null);
            }

            var hash = encoder.Hash() ^ ((ulong)(uint)RuntimeHelpers.GetHashCode(model) * 0x9E3779B97F4A7C15UL) ^ ((ulong)mode << 56) ^ (citusRowLevelSecurity ? 1UL << 62 : 0);
            var index = (int)(hash & (Slots - 1));
            ref var entry = ref Plans[index];
            var plan = Volatile.Read(ref entry);
            if (plan is not null && plan.Matches(encoder.Key, hash, model, mode, citusRowLevelSecurity))
            {
                // A builder statement binds no parameters of a caller's: Release checks the tenant constants of its raw fragments.
                plan.Prepared.Release(state, model?.TenantKeyType, SuppliedTenantCheck.NoCallerParameters, out var tenant);
                if (plan.Values(encoder.Values, tenant) is { } values)
                {
                    return new BuilderStatement(plan.Prepared, values, tenant, null, statement, model, state, citusRowLevelSecurity);
                }
            }

            if (Volatile.Read(ref SeenOnce[index]) != hash)
            {
                Volatile.Write(ref SeenOnce[index], hash);
                return CompileNew(statement, model, state, citusRowLevelSecurity, sources: null);
            }

            var sources = new List<ParameterSource>();
            var compiled = CompileNew(statement, model, state, citusRowLevelSecurity, sources);
            var created = ShapePlan.TryCreate(new string(encoder.Key), hash, model, mode, citusRowLevelSecurity, encoder, compiled, sources);
            if (created is not null)
            {
                Volatile.Write(ref entry, created);
            }

            return compiled;
        }
        finally
        {
            encoder.Return();
        }
    }

    // The full path: scope, write (recording where each value came from when asked), release.
    private static BuilderStatement CompileNew(SqlStatement statement, TenantModel? model, TenantState? state, bool citusRowLevelSecurity, List<ParameterSource>? sources)
    {
        var written = statement;
        var bindsTenant = false;
        IReadOnlyList<SuppliedTenant> supplied = [];
        if (model is not null)
        {
            var scoped = TenantScoping.Scope(statement, model, state, citusRowLevelSecurity);
            written = scoped.DeferCheck(out supplied);
            bindsTenant = scoped.Tenant is not null;
        }

        var compiled = sources is null ? PostgresSqlWriter.Write(written) : PostgresSqlWriter.Write(written, sources);
        var prepared = new PreparedSql(compiled.Sql, compiled.UsesTenant, bindsTenant, supplied);

        // As for a cached shape: Release binds the tenant and checks the tenant constants of raw fragments.
        prepared.Release(state, model?.TenantKeyType, SuppliedTenantCheck.NoCallerParameters, out var tenant);
        return new BuilderStatement(prepared, compiled.Values, tenant, written, statement, model, state, citusRowLevelSecurity);
    }
}
