using System.Data.Common;
using TenantDapper.Diagnostics;
using TenantDapper.Tenancy;

namespace TenantDapper.DataSource;

/// <summary>
/// What a command or a batch of the scoping data source hands to <see cref="StatementSender"/>: its connection, how it
/// carries its tenants to row-level security, what its span is named by, and how it binds (scopes, adds the tenant and
/// the prelude to the driver's command) and unbinds again.
/// </summary>
/// <typeparam name="TBound">What <see cref="Bind"/> added, for <see cref="Unbind"/>.</typeparam>
internal interface IScopedStatement<TBound>
{
    /// <summary>The scoping connection, or <see langword="null"/> for a command of the data source itself.</summary>
    NpgsqlConnection? Connection { get; }

    /// <summary>How the statement carries its tenants to row-level security, or <see langword="null"/> when it does not.</summary>
    TenantSettingCarrier? RowLevelSecurity { get; }

    /// <summary>Where the statement comes from (<see cref="Telemetry.TextPath"/> or <see cref="Telemetry.BuilderPath"/>), a tag of its span.</summary>
    string Path { get; }

    /// <summary>The caller's text (a batch's first), whose first keyword names the span.</summary>
    string Text { get; }

    /// <summary>How many statements <see cref="Bind"/> scopes: none for a builder statement, scoped (and counted) when it was compiled.</summary>
    int ScopedCount { get; }

    /// <summary>The tenant state the statement runs under: captured now, or the one a builder statement was scoped for.</summary>
    TenantState? Capture();

    /// <summary>Scopes the statement for <paramref name="state"/> and binds the tenant and <paramref name="prelude"/>; every refusal is thrown here, before anything is sent.</summary>
    TBound Bind(TenantState? state, TenantPrelude? prelude);

    /// <summary>Takes out again what <see cref="Bind"/> added, so the caller's text and parameters are as it left them.</summary>
    void Unbind(TBound bound);
}

/// <summary>
/// The one way a statement of a <see cref="TenantDataSource"/> reaches the server: text commands, every batch, and the
/// builder's statements (QueryFactory, entities, links, pages, chunks, includes) all come through <see cref="Send"/>,
/// which holds the span and counters, the session rules, the row-level security prelude and the rollback of a failed
/// block in one place.
/// </summary>
internal static class StatementSender
{
    /// <summary>
    /// Sends <paramref name="statement"/>: captures the tenant state, starts the span, enters the session (a reset after
    /// bypassed work), takes the row-level security prelude, binds, runs <paramref name="execute"/> and unbinds. When the
    /// prelude opened a transaction block of its own (Citus), a failure rolls it back and a reader commits or rolls it
    /// back as it is consumed (<see cref="BlockReader"/>).
    /// </summary>
    /// <param name="statement">The command or batch.</param>
    /// <param name="argument">What <paramref name="execute"/> needs besides the statement (a command behavior), so it need not capture.</param>
    /// <param name="execute">Runs the driver's command or batch; completes synchronously when <paramref name="async"/> is false.</param>
    /// <param name="async">Whether to run the driver's asynchronous methods.</param>
    /// <param name="cancellationToken">Cancels the execution.</param>
    public static async ValueTask<TResult> Send<TStatement, TBound, TArgument, TResult>(
        TStatement statement,
        TArgument argument,
        Func<TStatement, TArgument, bool, CancellationToken, ValueTask<TResult>> execute,
        bool async,
        CancellationToken cancellationToken)
        where TStatement : IScopedStatement<TBound>
    {
        var state = statement.Capture();
        var connection = statement.Connection;

        // The driver's span becomes this one's child; it ends after the driver's call.
        var span = Telemetry.Start(statement.Path, state, statement.Text);
        var started = Telemetry.StartScoping();
        TenantPrelude? prelude;
        TBound bound;
        try
        {
            TenantSession.Enter(connection, state);
            prelude = TenantSession.PreludeFor(statement.RowLevelSecurity, state, connection);
            bound = statement.Bind(state, prelude);
        }
        catch (Exception e)
        {
            if (e is TenantDapperException)
            {
                Telemetry.StatementRefused(span, e);
            }
            else
            {
                span?.Dispose();
            }

            throw;
        }

        if (state is not { IsBypass: true } && statement.ScopedCount > 0)
        {
            Telemetry.StatementsScoped(statement.Path, statement.ScopedCount, started);
        }

        var block = prelude is { Block: true };
        try
        {
            var result = await execute(statement, argument, async, cancellationToken).ConfigureAwait(false);
            return block && result is DbDataReader reader ? (TResult)(object)new BlockReader(reader, connection) : result;
        }
        catch (Exception e) when (block || (connection is not null && TenantSession.IsMissingPreparedStatement(e)))
        {
            if (connection is not null && TenantSession.IsMissingPreparedStatement(e))
            {
                connection.PreparedStatementsInDoubt = true;
            }

            if (!block)
            {
                throw;
            }

            if (async)
            {
                await TenantSession.AbandonAsync(connection).ConfigureAwait(false);
            }
            else
            {
                TenantSession.Abandon(connection);
            }

            throw;
        }
        finally
        {
            statement.Unbind(bound);
            span?.Dispose();
        }
    }
}
