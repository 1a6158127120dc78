namespace TenantDapper.Citus.Scripting;

/// <summary>What a line of a generated script is.</summary>
internal enum ScriptLineKind
{
    Comment,
    Blank,
    TransactionControl,
    Setting,
    ConstraintChange,
    CitusCall,
    Check,
}

/// <summary>One line (or one statement) of a generated script.</summary>
internal readonly record struct ScriptLine(ScriptLineKind Kind, string Text)
{
    public bool IsStatement => Kind is not (ScriptLineKind.Comment or ScriptLineKind.Blank);

    public string Render() => Kind switch
    {
        ScriptLineKind.Comment => Text.Length == 0 ? "--" : "-- " + Text,
        ScriptLineKind.Blank => string.Empty,
        _ => Text + ";",
    };
}
