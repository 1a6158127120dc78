using TenantDapper.Syntax;

namespace TenantDapper.Compiling;

/// <summary>
/// Where a written parameter's value came from: a <see cref="ParameterExpression"/>, binding <see cref="Binding"/> of a
/// <see cref="RawExpression"/> (element <see cref="Element"/> of a list bound to it), or nothing (<see cref="Node"/> is
/// <see langword="null"/>) for a value the writer takes from the node's shape, such as a LIKE's escape character.
/// </summary>
internal readonly record struct ParameterSource(SqlNode? Node, int Binding, int Element);
