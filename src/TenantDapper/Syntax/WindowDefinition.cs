namespace TenantDapper.Syntax;

/// <summary>
/// A window: <c>[existing] [PARTITION BY ...] [ORDER BY ...] [frame]</c>, after OVER or in a WINDOW clause
/// (<see cref="Name"/> set); <c>OVER name</c> alone is a definition with only <see cref="Reference"/> and <see cref="ReferenceOnly"/>.
/// </summary>
internal sealed class WindowDefinition(
    string? name,
    string? reference,
    bool referenceOnly,
    IReadOnlyList<SqlExpression> partitionBy,
    IReadOnlyList<OrderItem> orderBy,
    WindowFrame? frame) : SqlNode
{
    /// <summary>The name a WINDOW clause gives it.</summary>
    public string? Name { get; } = name;

    /// <summary>The window it builds on (<c>OVER (w ORDER BY x)</c>) or names (<c>OVER w</c>).</summary>
    public string? Reference { get; } = reference;

    /// <summary>Whether it was written <c>OVER name</c>, without parentheses.</summary>
    public bool ReferenceOnly { get; } = referenceOnly;

    public IReadOnlyList<SqlExpression> PartitionBy { get; } = partitionBy;

    public IReadOnlyList<OrderItem> OrderBy { get; } = orderBy;

    public WindowFrame? Frame { get; } = frame;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitWindowDefinition(this);

    public WindowDefinition Update(IReadOnlyList<SqlExpression> partitionBy, IReadOnlyList<OrderItem> orderBy, WindowFrame? frame) =>
        ReferenceEquals(partitionBy, PartitionBy) && ReferenceEquals(orderBy, OrderBy) && ReferenceEquals(frame, Frame)
            ? this
            : new WindowDefinition(Name, Reference, ReferenceOnly, partitionBy, orderBy, frame);
}

/// <summary>The unit of a window frame.</summary>
internal enum FrameMode
{
    Range,
    Rows,
    Groups,
}

/// <summary>The kind of a frame bound.</summary>
internal enum FrameBoundKind
{
    UnboundedPreceding,
    Preceding,
    CurrentRow,
    Following,
    UnboundedFollowing,
}

/// <summary>A frame's EXCLUDE option.</summary>
internal enum FrameExclusion
{
    None,
    CurrentRow,
    Group,
    Ties,
    NoOthers,
}

/// <summary><c>ROWS | RANGE | GROUPS [BETWEEN] start [AND end] [EXCLUDE ...]</c>.</summary>
internal sealed class WindowFrame(
    FrameMode mode,
    FrameBoundKind startKind,
    SqlExpression? startOffset,
    FrameBoundKind? endKind,
    SqlExpression? endOffset,
    FrameExclusion exclusion) : SqlNode
{
    public FrameMode Mode { get; } = mode;

    public FrameBoundKind StartKind { get; } = startKind;

    public SqlExpression? StartOffset { get; } = startOffset;

    /// <summary>The end bound; <see langword="null"/> when the frame was written without BETWEEN.</summary>
    public FrameBoundKind? EndKind { get; } = endKind;

    public SqlExpression? EndOffset { get; } = endOffset;

    public FrameExclusion Exclusion { get; } = exclusion;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitWindowFrame(this);

    public WindowFrame Update(SqlExpression? startOffset, SqlExpression? endOffset) =>
        ReferenceEquals(startOffset, StartOffset) && ReferenceEquals(endOffset, EndOffset)
            ? this
            : new WindowFrame(Mode, StartKind, startOffset, EndKind, endOffset, Exclusion);
}
