using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace TenantDapper.DataSource;

/// <summary>A command of a scoping batch: it keeps the caller's text; the batch scopes it when the batch is executed.</summary>
internal sealed class ScopingBatchCommand(NpgsqlBatchCommand inner) : DbBatchCommand
{
    private string _text = "";

    /// <summary>The driver's batch command, which carries the scoped text while the batch runs.</summary>
    internal NpgsqlBatchCommand Inner { get; } = inner;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? "";
    }

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override int RecordsAffected => Inner.RecordsAffected;

    public override bool CanCreateParameter => true;

    protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

    public override DbParameter CreateParameter() => Inner.CreateParameter();
}
