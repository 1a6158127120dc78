namespace TenantDapper.Compiling;

/// <summary>
/// The SQL text of a statement and its parameter values, in order: the value of <c>@p{i}</c> is
/// <c>Values[i]</c>. <see cref="UsesTenant"/> says whether the text references <c>@tenant</c>.
/// </summary>
internal sealed class CompiledSql(string sql, object?[] values, bool usesTenant)
{
    public string Sql { get; } = sql;

    public object?[] Values { get; } = values;

    public bool UsesTenant { get; } = usesTenant;

    public static string ParameterName(int index) => index < CachedNames.Length ? CachedNames[index] : "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] CachedNames = Enumerable.Range(0, 64).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
