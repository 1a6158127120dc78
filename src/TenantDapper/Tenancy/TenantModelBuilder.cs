using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper;

/// <summary>
/// Declares a <see cref="TenantModel"/> fluently or from attributes on entity classes:
/// <code>
/// var model = new TenantModelBuilder()
///     .TenantRoot("accounts", "id")
///     .TenantTable("projects", "account_id")
///     .ReferenceTable("countries")
///     .Build();
/// </code>
/// </summary>
public sealed class TenantModelBuilder
{
    private readonly List<TenantTable> _tenantTables = [];
    private readonly List<TableName> _referenceTables = [];
    private readonly List<TableName> _globalTables = [];
    private readonly List<TableName> _safeFunctions = [];
    private readonly List<string> _safeOperators = [];
    private readonly List<TableName> _safeTypes = [];
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private string _defaultSchema = "public";
    private bool _strict;
    private Type? _tenantKeyType;
    private NamingConvention _naming = NamingConvention.SnakeCase;

    /// <summary>Declares the tenant root table, whose key column is the tenant key (e.g. <c>accounts</c> by <c>id</c>).</summary>
    /// <param name="table">The table, optionally schema-qualified.</param>
    /// <param name="keyColumn">Its key column.</param>
    public TenantModelBuilder TenantRoot(string table, string keyColumn = "id")
    {
        if (_tenantTables.Exists(t => t.IsRoot))
        {
            throw new TenantModelException($"A tenant model has one root table; '{_tenantTables.First(t => t.IsRoot).Name}' is already the root, so '{table}' cannot be.");
        }

        Add(TableName.Parse(table), keyColumn, isRoot: true);
        return this;
    }

    /// <summary>Declares a tenant table and the column that holds the tenant key.</summary>
    /// <param name="table">The table, optionally schema-qualified.</param>
    /// <param name="tenantColumn">The tenant column, e.g. <c>account_id</c>.</param>
    public TenantModelBuilder TenantTable(string table, string tenantColumn)
    {
        Add(TableName.Parse(table), tenantColumn, isRoot: false);
        return this;
    }

    /// <summary>Declares a reference table: rows shared by every tenant, never scoped.</summary>
    /// <param name="table">The table, optionally schema-qualified.</param>
    public TenantModelBuilder ReferenceTable(string table)
    {
        var name = TableName.Parse(table);
        Claim(name);
        _referenceTables.Add(name);
        return this;
    }

    /// <summary>Declares a global table: shared by every tenant, never scoped, allowed in strict mode.</summary>
    /// <param name="table">The table, optionally schema-qualified.</param>
    public TenantModelBuilder GlobalTable(string table)
    {
        var name = TableName.Parse(table);
        Claim(name);
        _globalTables.Add(name);
        return this;
    }

    /// <summary>
    /// Declares a function that is not a PostgreSQL built-in as safe to call in scoped SQL text: it reads no tenant
    /// table, or filters by the tenant itself. A call to any other such function is refused, because the tenant
    /// rewriter cannot see the tables it reads.
    /// </summary>
    /// <param name="function">The function's name, optionally schema-qualified (<c>my_schema.slugify</c>); unqualified means the default schema.</param>
    public TenantModelBuilder SafeFunction(string function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(function);
        _safeFunctions.Add(TableName.Parse(function));
        return this;
    }

    /// <summary>
    /// Declares an operator that is not a PostgreSQL built-in as safe to use in scoped SQL text: the function behind it
    /// reads no tenant table, or filters by the tenant itself. Any other such operator is refused, because the tenant
    /// rewriter cannot see the tables its function reads or changes.
    /// </summary>
    /// <param name="operator">The operator as written between (or before) its operands, e.g. <c>#!#</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="operator"/> is not an operator name (PostgreSQL's operator characters, at most 63).</exception>
    public TenantModelBuilder SafeOperator(string @operator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(@operator);
        if (@operator.Length > 63 || @operator.Any(c => !"+-*/<>=~!@#%^&|`?".Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{@operator}' is not an operator name: write it as it stands between its operands, from the characters + - * / < > = ~ ! @ # % ^ & | ` ? (at most 63).", nameof(@operator));
        }

        _safeOperators.Add(@operator);
        return this;
    }

    /// <summary>
    /// Declares a type that is not a PostgreSQL built-in (a composite type, domain, enum or base type of the application)
    /// as safe to cast to in scoped SQL text (<c>x::my_type</c>, <c>CAST(x AS my_type)</c>, <c>my_type 'literal'</c>):
    /// no cast or input function, and no CHECK of a domain, reads a tenant table. A cast to any other such type is refused.
    /// </summary>
    /// <param name="type">The type's name, optionally schema-qualified (<c>my_schema.money_amount</c>); unqualified means the default schema.</param>
    public TenantModelBuilder SafeType(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        _safeTypes.Add(TableName.Parse(type));
        return this;
    }

    /// <summary>Makes touching a table that was not declared an error (<see cref="UnregisteredTableException"/>).</summary>
    /// <param name="strict">Whether the model is strict.</param>
    public TenantModelBuilder Strict(bool strict = true)
    {
        _strict = strict;
        return this;
    }

    /// <summary>The schema unqualified names resolve to; <c>public</c> unless set.</summary>
    /// <param name="schema">The schema name.</param>
    public TenantModelBuilder DefaultSchema(string schema)
    {
        _defaultSchema = SqlIdentifier.Validate(schema);
        return this;
    }

    /// <summary>Declares the CLR type of tenant keys; tenants of another type are refused when a statement is scoped.</summary>
    /// <typeparam name="TKey"><see cref="long"/>, <see cref="int"/>, <see cref="Guid"/> or <see cref="string"/>.</typeparam>
    public TenantModelBuilder TenantKey<TKey>()
        where TKey : notnull
    {
        if (!TenantKeys.IsSupportedType(typeof(TKey)))
        {
            throw new TenantModelException($"Tenant keys of type {typeof(TKey).Name} are not supported: use long, int, Guid or string.");
        }

        _tenantKeyType = typeof(TKey);
        return this;
    }

    /// <summary>
    /// The naming convention that names tables of entity classes without a <see cref="TableAttribute"/>
    /// and columns of properties without a <see cref="ColumnAttribute"/>.
    /// </summary>
    /// <param name="naming">The convention; <see cref="NamingConvention.SnakeCase"/> by default.</param>
    public TenantModelBuilder Naming(NamingConvention naming)
    {
        ArgumentNullException.ThrowIfNull(naming);
        _naming = naming;
        return this;
    }

    /// <summary>
    /// Declares an entity class from its attributes: <see cref="TenantRootAttribute"/>,
    /// <see cref="TenantTableAttribute"/> or <see cref="ReferenceTableAttribute"/>; an entity with none
    /// of them is declared global. The table name comes from <see cref="TableAttribute"/> or the naming convention.
    /// </summary>
    /// <typeparam name="TEntity">The entity class.</typeparam>
    public TenantModelBuilder Entity<TEntity>() => Entity(typeof(TEntity));

    /// <summary>Declares an entity class from its attributes; see <see cref="Entity{TEntity}"/>.</summary>
    /// <param name="entityType">The entity class.</param>
    public TenantModelBuilder Entity(Type entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        var tableAttribute = entityType.GetCustomAttribute<TableAttribute>();
        var name = new TableName(tableAttribute?.Schema, tableAttribute?.Name ?? _naming.TableName(entityType.Name));
        var root = entityType.GetCustomAttribute<TenantRootAttribute>();
        var tenant = entityType.GetCustomAttribute<TenantTableAttribute>();
        var reference = entityType.GetCustomAttribute<ReferenceTableAttribute>();
        if ((root is null ? 0 : 1) + (tenant is null ? 0 : 1) + (reference is null ? 0 : 1) > 1)
        {
            throw new TenantModelException($"{entityType.Name} carries more than one of [TenantRoot], [TenantTable] and [ReferenceTable]; keep one.");
        }

        if (root is not null)
        {
            return TenantRoot(name.ToString(), root.KeyColumn);
        }

        if (tenant is not null)
        {
            Add(name, tenant.TenantColumn, isRoot: false);
        }
        else if (reference is not null)
        {
            Claim(name);
            _referenceTables.Add(name);
        }
        else
        {
            Claim(name);
            _globalTables.Add(name);
        }

        return this;
    }

    /// <summary>Builds the immutable model.</summary>
    public TenantModel Build()
    {
        var tables = _tenantTables.OrderByDescending(t => t.IsRoot).ToArray();
        return new TenantModel(tables, [.. _referenceTables], [.. _globalTables], _defaultSchema, _strict, _tenantKeyType, _naming, [.. _safeFunctions], [.. _safeOperators], [.. _safeTypes]);
    }

    private void Add(TableName name, string tenantColumn, bool isRoot)
    {
        SqlIdentifier.Validate(tenantColumn);
        Claim(name);
        _tenantTables.Add(new TenantTable(name, tenantColumn, isRoot));
    }

    // Table and column names follow the rules of names in queries (SqlIdentifier.Validate), so that the model
    // never declares a name that PostgreSQL would read as another (truncated at 63 bytes, say).
    private void Claim(TableName name)
    {
        SqlIdentifier.Validate(name.Name);
        if (name.Schema is not null)
        {
            SqlIdentifier.Validate(name.Schema);
        }

        var key = (name.Schema ?? _defaultSchema) + "." + name.Name;
        if (!_declared.Add(key))
        {
            throw new TenantModelException($"Table '{name}' is declared twice in the tenant model; declare each table once.");
        }
    }
}
