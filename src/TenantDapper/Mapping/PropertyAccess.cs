using System.Linq.Expressions;
using System.Reflection;

namespace TenantDapper.Mapping;

/// <summary>Compiles property getters and setters once, so that no row is read or written by reflection.</summary>
internal static class PropertyAccess
{
    /// <summary>A typed getter: <c>entity =&gt; (TValue)entity.Property</c>.</summary>
    /// <remarks>
    /// The conversion lets an enum property be read as its underlying integer type; a
    /// <see cref="Nullable{T}"/> property read as its underlying type gives the default value for null.
    /// </remarks>
    public static Func<TEntity, TValue> Getter<TEntity, TValue>(PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(TEntity), "entity");
        Expression body = Expression.Property(Instance(entity, property), property);
        if (Nullable.GetUnderlyingType(body.Type) == typeof(TValue))
        {
            body = Expression.Call(body, body.Type.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!);
        }
        else if (body.Type != typeof(TValue))
        {
            body = Expression.Convert(body, typeof(TValue));
        }

        return Expression.Lambda<Func<TEntity, TValue>>(body, entity).Compile();
    }

    /// <summary>An untyped getter: <c>entity =&gt; (object)((TEntity)entity).Property</c>.</summary>
    public static Func<object, object?> BoxedGetter(PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var read = Expression.Property(Expression.Convert(entity, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), entity).Compile();
    }

    /// <summary>An untyped setter: <c>(entity, value) =&gt; ((TEntity)entity).Property = (TProperty)value</c>; the property must have a setter.</summary>
    public static Action<object, object?> BoxedSetter(PropertyInfo property)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Parameter(typeof(object), "value");
        var target = Expression.Property(Expression.Convert(entity, property.DeclaringType!), property);
        var assign = Expression.Assign(target, Expression.Convert(value, property.PropertyType));
        return Expression.Lambda<Action<object, object?>>(assign, entity, value).Compile();
    }

    private static Expression Instance(ParameterExpression entity, PropertyInfo property) =>
        entity.Type == property.DeclaringType ? entity : Expression.Convert(entity, property.DeclaringType!);
}
