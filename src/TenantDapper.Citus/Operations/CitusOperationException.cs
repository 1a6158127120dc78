namespace TenantDapper.Citus.Operations;

/// <summary>A tenant operation cannot be planned on this database (no Citus, or the table is not distributed); the message says what to do.</summary>
internal sealed class CitusOperationException(string message) : Exception(message);
