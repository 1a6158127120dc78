using System.Text;

namespace TenantDapper;

/// <summary>Turns C# type and property names into table and column names when no attribute names them.</summary>
public abstract class NamingConvention
{
    /// <summary><c>ProjectManager</c> becomes <c>project_manager</c>, <c>AccountID</c> becomes <c>account_id</c> (the default).</summary>
    public static NamingConvention SnakeCase { get; } = new SnakeCaseConvention();

    /// <summary>Names are used exactly as written in C#.</summary>
    public static NamingConvention Exact { get; } = new ExactConvention();

    /// <summary>The table name for an entity type's name.</summary>
    /// <param name="typeName">The C# type name.</param>
    public abstract string TableName(string typeName);

    /// <summary>The column name for a property's name.</summary>
    /// <param name="propertyName">The C# property name.</param>
    public abstract string ColumnName(string propertyName);

    private sealed class ExactConvention : NamingConvention
    {
        public override string TableName(string typeName) => typeName;

        public override string ColumnName(string propertyName) => propertyName;
    }

    private sealed class SnakeCaseConvention : NamingConvention
    {
        public override string TableName(string typeName) => ToSnakeCase(typeName);

        public override string ColumnName(string propertyName) => ToSnakeCase(propertyName);

        private static string ToSnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                    var startsWord = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if ((previousIsLowerOrDigit || startsWord) && builder.Length > 0 && builder[^1] != '_')
                    {
                        builder.Append('_');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }
}
