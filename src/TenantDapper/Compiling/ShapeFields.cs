using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using TenantDapper.Syntax;
using LinqParameter = System.Linq.Expressions.ParameterExpression;

namespace TenantDapper.Compiling;

/// <summary>
/// For each type of the SQL tree, a compiled delegate that hands every instance field to <see cref="ShapeEncoder"/>:
/// nodes and other tree objects by their type, strings, numbers, enums and flags as they are, lists element by element.
/// A field that caches what other fields derive (a mutable field declared by hand, e.g. a lazily built qualifier) is
/// left out; it adds nothing. A field of a type the encoder does not know is refused when the delegate is built, and a
/// value (an <see cref="object"/>) is a slot only where the writer writes it as a parameter, so a new kind of field
/// fails loudly (the shape tests build every node type) instead of being left out of the key.
/// </summary>
internal static class ShapeFields
{
    private static readonly ConcurrentDictionary<Type, TypeFields> Types = new();
    private static int s_nextId = 16;

    /// <summary>The encoder of <paramref name="type"/>, a class of the tree (built on first use).</summary>
    public static TypeFields For(Type type) => Types.TryGetValue(type, out var fields) ? fields : Types.GetOrAdd(type, Build);

    private static TypeFields Build(Type type)
    {
        if (type.Assembly != typeof(SqlNode).Assembly || type.IsValueType)
        {
            throw new NotSupportedException($"The shape of an SQL tree holds only the tree's own classes; {type} is not one.");
        }

        var node = Expression.Parameter(typeof(object), "node");
        var encoder = Expression.Parameter(typeof(ShapeEncoder), "encoder");
        var typed = Expression.Variable(type, "typed");
        var body = new List<Expression> { Expression.Assign(typed, Expression.Convert(node, type)) };
        foreach (var field in Fields(type))
        {
            body.Add(EncodeField(Expression.Field(typed, field), encoder, type, field));
        }

        body.Add(Expression.Empty());
        var encode = Expression.Lambda<Action<object, ShapeEncoder>>(Expression.Block([typed], body), node, encoder).Compile();
        var id = Interlocked.Increment(ref s_nextId);
        if (id > char.MaxValue)
        {
            throw new NotSupportedException("More tree types than the shape key can name.");
        }

        return new TypeFields((char)id, encode);
    }

    /// <summary>The instance fields of <paramref name="type"/> and its bases, in declaration order, without hand-written caches.</summary>
    internal static IEnumerable<FieldInfo> Fields(Type type)
    {
        var chain = new Stack<Type>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            chain.Push(current);
        }

        foreach (var declaring in chain)
        {
            var fields = declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
            Array.Sort(fields, static (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
            foreach (var field in fields)
            {
                // Compiler-made fields (<Name>k__BackingField, captured constructor parameters) hold the node's data;
                // a mutable field written by hand caches something derived from them.
                if (field.IsInitOnly || field.Name.StartsWith('<'))
                {
                    yield return field;
                }
            }
        }
    }

    private static Expression EncodeField(Expression value, LinqParameter encoder, Type owner, FieldInfo? field)
    {
        var type = value.Type;
        if (type == typeof(object))
        {
            return owner == typeof(Syntax.ParameterExpression)
                ? Call(encoder, nameof(ShapeEncoder.Value), value)
                : throw Unsupported(owner, field, type);
        }

        if (type == typeof(IReadOnlyList<object?>))
        {
            return owner == typeof(RawExpression)
                ? Call(encoder, nameof(ShapeEncoder.Bindings), value)
                : throw Unsupported(owner, field, type);
        }

        if (type == typeof(string))
        {
            return Call(encoder, nameof(ShapeEncoder.String), value);
        }

        if (type == typeof(bool))
        {
            return Call(encoder, nameof(ShapeEncoder.Scalar), Expression.Condition(value, Expression.Constant(1L), Expression.Constant(0L)));
        }

        if (type.IsEnum)
        {
            return Call(encoder, nameof(ShapeEncoder.Scalar), Expression.Convert(Expression.Convert(value, Enum.GetUnderlyingType(type)), typeof(long)));
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(char))
        {
            return Call(encoder, nameof(ShapeEncoder.Scalar), Expression.Convert(value, typeof(long)));
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Expression.IfThenElse(
                Expression.Property(value, "HasValue"),
                Expression.Block(
                    Call(encoder, nameof(ShapeEncoder.Scalar), Expression.Constant(1L)),
                    EncodeField(Expression.Property(value, "Value"), encoder, owner, field)),
                Call(encoder, nameof(ShapeEncoder.Scalar), Expression.Constant(0L)));
        }

        if (ListElement(type) is { } element)
        {
            var list = typeof(IReadOnlyList<>).MakeGenericType(element);
            return Expression.Call(encoder, typeof(ShapeEncoder).GetMethod(nameof(ShapeEncoder.List), BindingFlags.Instance | BindingFlags.NonPublic)!.MakeGenericMethod(element), Expression.Convert(value, list));
        }

        if (type.Assembly == typeof(SqlNode).Assembly && type.IsValueType)
        {
            // A value of the tree's own (a piece of raw text): its fields inline.
            var fields = Fields(type).Select(f => EncodeField(Expression.Field(value, f), encoder, type, f)).Append(Expression.Empty());
            return Expression.Block(fields);
        }

        if (type.Assembly == typeof(SqlNode).Assembly && !type.IsValueType)
        {
            return Call(encoder, nameof(ShapeEncoder.Node), Expression.Convert(value, typeof(object)));
        }

        throw Unsupported(owner, field, type);
    }

    private static Type? ListElement(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || type.GetGenericTypeDefinition() == typeof(List<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return null;
    }

    private static MethodCallExpression Call(LinqParameter encoder, string method, Expression argument) =>
        Expression.Call(encoder, typeof(ShapeEncoder).GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic)!, argument);

    private static NotSupportedException Unsupported(Type owner, FieldInfo? field, Type type) =>
        new($"The shape key cannot encode {owner.Name}.{field?.Name ?? "element"} of type {type}: teach ShapeFields how it changes the SQL, or the builder cache would miss it.");

    /// <summary>The encoder of one type of the tree.</summary>
    /// <param name="Id">The character that names the type in a key.</param>
    /// <param name="Encode">Hands the instance's fields to the encoder.</param>
    internal sealed record TypeFields(char Id, Action<object, ShapeEncoder> Encode);

    /// <summary>The encoder of a list element of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    internal static class Element<T>
    {
        public static readonly Action<T, ShapeEncoder> Encode = Build();

        private static Action<T, ShapeEncoder> Build()
        {
            var value = Expression.Parameter(typeof(T), "value");
            var encoder = Expression.Parameter(typeof(ShapeEncoder), "encoder");
            return Expression.Lambda<Action<T, ShapeEncoder>>(EncodeField(value, encoder, typeof(T), null), value, encoder).Compile();
        }
    }
}
