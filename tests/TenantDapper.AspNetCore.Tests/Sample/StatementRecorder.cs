using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>
/// Records every statement the host's Npgsql data source runs: Npgsql writes each completed command to the
/// <c>Npgsql.Command</c> log (event 2001) of the host's logger factory, which this provider is part of.
/// </summary>
public sealed class StatementRecorder : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();
    private readonly ConcurrentQueue<(string Message, object? TenantId)> _tenantScopes = new();
    private IExternalScopeProvider? _scopeProvider;

    /// <summary>The statements run so far.</summary>
    public IReadOnlyList<string> Statements => [.. _statements];

    /// <summary>Every log entry so far.</summary>
    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

    /// <summary>Every log message so far, with the <c>TenantId</c> of its logging scope (null when none).</summary>
    public IReadOnlyList<(string Message, object? TenantId)> TenantScopes => [.. _tenantScopes];

    /// <summary>Forgets what was recorded.</summary>
    public void Clear()
    {
        _statements.Clear();
        _entries.Clear();
        _tenantScopes.Clear();
    }

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopeProvider = scopeProvider;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Recorder(StatementRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // An error's exception is kept in its message, so that a failing test can say what went wrong.
            var message = logLevel >= LogLevel.Error && exception is not null ? formatter(state, exception) + " " + exception.Message : formatter(state, exception);
            owner._entries.Enqueue((logLevel, category, message));
            var tenant = new object?[1];
            owner._scopeProvider?.ForEachScope(
                static (scope, found) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> properties && properties.FirstOrDefault(p => p.Key == "TenantId") is { Key: not null } property)
                    {
                        found[0] = property.Value;
                    }
                },
                tenant);
            owner._tenantScopes.Enqueue((message, tenant[0]));
            if (category == "Npgsql.Command" && eventId.Id == 2001)
            {
                owner._statements.Enqueue(message);
            }
        }
    }
}
