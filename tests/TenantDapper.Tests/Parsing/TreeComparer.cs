using System.Collections;
using System.Globalization;
using System.Reflection;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Parsing;

/// <summary>
/// Compares two SQL trees node by node over every public instance property, and says where they first differ.
/// A builder tree holds values (<see cref="ParameterExpression"/>); the tree parsed from the written text holds
/// references to them (<see cref="ParameterReferenceExpression"/> <c>@pN</c>), which match when the writer sent
/// the builder's value as <c>@pN</c>. The text cannot tell apart a few builder shapes from the parser's, which count
/// as equal: a built-in the builder spells as SQL does (<see cref="FunctionCallExpression.IsBuiltIn"/>) and the plain call read back, an empty
/// select list and <c>*</c>, a negated <see cref="ExistsExpression"/> and <c>NOT</c> over an EXISTS, and an AND (or OR)
/// nested in another and the flat list of their operands; and a trusted built-in function the builder names unqualified and the
/// writer as <c>pg_catalog</c>'s.
/// </summary>
internal sealed class TreeComparer(IReadOnlyList<object?> writtenValues)
{
    private static readonly Dictionary<Type, PropertyInfo[]> Properties = [];

    /// <summary>Where <paramref name="actual"/> differs from <paramref name="expected"/>, or <see langword="null"/> when it does not.</summary>
    public string? Difference(SqlNode expected, SqlNode actual) => Compare(expected, actual, expected.GetType().Name);

    private string? Compare(object? expected, object? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (null, _) or (_, null):
                return $"{path}: {Describe(expected)} / {Describe(actual)}";
            case (ParameterExpression value, ParameterReferenceExpression reference):
                return SameValue(value, reference) ? null : $"{path}: value {Describe(value.Value)} / @{reference.Name}";
            case (FunctionCallExpression { IsBuiltIn: true } function, FunctionCallExpression { IsBuiltIn: false } call):
                return call is { Schema: null or "pg_catalog", OrderBy.Count: 0, Filter: null, Over: null, WithinGroup: false, Variadic: false }
                    && string.Equals(function.Name, call.Name, StringComparison.OrdinalIgnoreCase) && function.Distinct == call.Distinct
                    ? CompareLists([.. function.Arguments], [.. call.Arguments], path + ".Arguments")
                    : $"{path}: {function.Name}(...) / {call.Name}(...)";
            case (FunctionCallExpression { Schema: null } builder, FunctionCallExpression { Schema: "pg_catalog" } written)
                when BuiltInFunctions.Contains(null, builder.Name):
                // The writer names a trusted built-in as pg_catalog's, so that nothing on the search path stands in for it.
                return CompareProperties(builder, written, path, skip: nameof(FunctionCallExpression.Schema));
            case (ExistsExpression { Negated: true } exists, NotExpression { Operand: ExistsExpression { Negated: false } inner }):
                return Compare(exists.Query, inner.Query, path + ".Query");
            case (AndExpression left, AndExpression right):
                return CompareLists(Flattened<AndExpression>(left.Operands, a => a.Operands), Flattened<AndExpression>(right.Operands, a => a.Operands), path + ".Operands");
            case (OrExpression left, OrExpression right):
                return CompareLists(Flattened<OrExpression>(left.Operands, o => o.Operands), Flattened<OrExpression>(right.Operands, o => o.Operands), path + ".Operands");
            case (string or ValueType, _):
                return Equals(expected, actual) ? null : $"{path}: {Describe(expected)} / {Describe(actual)}";
            case (IEnumerable expectedItems, IEnumerable actualItems):
                return CompareLists([.. expectedItems.Cast<object?>()], [.. actualItems.Cast<object?>()], path);
        }

        if (expected.GetType() != actual.GetType())
        {
            return $"{path}: {expected.GetType().Name} / {actual.GetType().Name}";
        }

        return CompareProperties(expected, actual, path, skip: null);
    }

    private string? CompareProperties(object expected, object actual, string path, string? skip)
    {
        foreach (var property in PropertiesOf(expected.GetType()))
        {
            if (property.Name == skip)
            {
                continue;
            }

            var difference = Compare(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    private string? CompareLists(List<object?> expected, List<object?> actual, string path)
    {
        if (expected.Count == 0 && actual is [SelectItem { Expression: AllColumnsExpression { Qualifier: null }, Alias: null }])
        {
            return null;
        }

        if (expected.Count != actual.Count)
        {
            return $"{path}: {expected.Count} items / {actual.Count} items";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var difference = Compare(expected[i], actual[i], $"{path}[{i}]");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    // a AND (b AND c) is written a AND b AND c, which parses as one AND of three.
    private static List<object?> Flattened<T>(IReadOnlyList<SqlExpression> operands, Func<T, IReadOnlyList<SqlExpression>> inner)
        where T : SqlExpression
    {
        var flat = new List<object?>();
        foreach (var operand in operands)
        {
            if (operand is T nested)
            {
                flat.AddRange(Flattened(inner(nested), inner));
            }
            else
            {
                flat.Add(operand);
            }
        }

        return flat;
    }

    private bool SameValue(ParameterExpression value, ParameterReferenceExpression reference) =>
        !reference.Positional
        && reference.Name.StartsWith('p')
        && int.TryParse(reference.Name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < writtenValues.Count
        && ReferenceEquals(writtenValues[index], value.Value);

    private static PropertyInfo[] PropertiesOf(Type type)
    {
        lock (Properties)
        {
            if (!Properties.TryGetValue(type, out var properties))
            {
                properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
                Properties[type] = properties;
            }

            return properties;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
