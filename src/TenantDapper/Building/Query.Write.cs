using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>INSERT, UPDATE, DELETE and their PostgreSQL additions (RETURNING, ON CONFLICT).</content>
public sealed partial class Query
{
    /// <summary>
    /// Makes the query an INSERT of one row from the public properties (or dictionary entries) of <paramref name="data"/>, named by
    /// <c>[Column("name")]</c> where given and without <c>[Ignore]</c> ones; <paramref name="returnId"/> adds <c>RETURNING id</c>.
    /// </summary>
    public Query AsInsert(object data, bool returnId = false)
    {
        var pairs = ObjectColumns.ReadForWrite(data).Values;
        return SetInsert(pairs.ConvertAll(p => p.Key), [pairs.ConvertAll(p => p.Value).ToArray()], null, returnId);
    }

    /// <summary>Makes the query an INSERT of one row from column/value pairs; <paramref name="returnId"/> adds <c>RETURNING id</c>.</summary>
    public Query AsInsert(IEnumerable<KeyValuePair<string, object?>> values, bool returnId = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var pairs = values.ToList();
        return SetInsert(pairs.ConvertAll(p => p.Key), [pairs.ConvertAll(p => p.Value).ToArray()], null, returnId);
    }

    /// <summary>Makes the query an INSERT of one row: <paramref name="values"/> in the order of <paramref name="columns"/>.</summary>
    public Query AsInsert(IEnumerable<string> columns, IEnumerable<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SetInsert(Listed(columns), [values.ToArray()], null, false);
    }

    /// <summary>Makes the query an INSERT of many rows, each in the order of <paramref name="columns"/>.</summary>
    public Query AsInsert(IEnumerable<string> columns, IEnumerable<IEnumerable<object?>> rowsValues)
    {
        ArgumentNullException.ThrowIfNull(rowsValues);
        return SetInsert(Listed(columns), rowsValues.Select(r => (r ?? throw new ArgumentException("A row of values is null.", nameof(rowsValues))).ToArray()).ToList(), null, false);
    }

    /// <summary>Makes the query <c>INSERT INTO table (columns) SELECT ...</c> with a copy of <paramref name="query"/>.</summary>
    public Query AsInsert(IEnumerable<string> columns, Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SetInsert(Listed(columns), null, query.Clone(), false);
    }

    /// <summary>
    /// Makes the query an UPDATE setting the public properties (or dictionary entries) of <paramref name="data"/>, named by
    /// <c>[Column("name")]</c> where given and without <c>[Ignore]</c> ones; each <c>[Key]</c> property also adds <c>WHERE key = value</c>, as in SqlKata.
    /// </summary>
    public Query AsUpdate(object data)
    {
        var (pairs, keys) = ObjectColumns.ReadForWrite(data);
        SetUpdate(pairs.ConvertAll(p => new UpdateValue(p.Key, p.Value, false)));
        foreach (var key in keys)
        {
            Where(key.Key, key.Value);
        }

        return this;
    }

    /// <summary>Makes the query an UPDATE setting column/value pairs.</summary>
    public Query AsUpdate(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SetUpdate(values.Select(p => new UpdateValue(p.Key, p.Value, false)).ToList());
    }

    /// <summary>Makes the query an UPDATE setting <paramref name="columns"/> to <paramref name="values"/>, in order.</summary>
    public Query AsUpdate(IEnumerable<string> columns, IEnumerable<object?> values)
    {
        var names = Listed(columns);
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length != names.Count)
        {
            throw new InvalidQueryException($"AsUpdate got {names.Count} column(s) but {list.Length} value(s); pass one value per column.");
        }

        return SetUpdate(names.Select((c, i) => new UpdateValue(c, list[i], false)).ToList());
    }

    /// <summary>Makes the query <c>UPDATE table SET column = column + value</c>.</summary>
    public Query AsIncrement(string column, int value = 1) => SetUpdate([new UpdateValue(column, value, true)]);

    /// <summary>Makes the query <c>UPDATE table SET column = column - value</c>.</summary>
    public Query AsDecrement(string column, int value = 1) => SetUpdate([new UpdateValue(column, -value, true)]);

    /// <summary>Makes the query a DELETE of the rows its WHERE (and joins, as <c>USING</c>) select.</summary>
    public Query AsDelete() => SetMethod(QueryMethod.Delete);

    /// <summary>Adds <c>RETURNING columns</c> to an INSERT, UPDATE or DELETE (PostgreSQL); <c>"*"</c> and <c>"column as alias"</c> work.</summary>
    public Query Returning(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            (_returningItems ??= []).Add(Names.SelectColumn(column));
        }

        return this;
    }

    /// <summary>Adds <c>ON CONFLICT [(columns)] DO NOTHING</c> to an INSERT (PostgreSQL).</summary>
    public Query OnConflictDoNothing(params string[] conflictColumns)
    {
        Conflict = new OnConflictSpec(Listed(conflictColumns), null);
        return this;
    }

    /// <summary>
    /// Adds <c>ON CONFLICT (conflictColumns) DO UPDATE SET c = excluded.c</c> for each of <paramref name="updateColumns"/>
    /// (PostgreSQL's upsert); with no update columns, every inserted column that is not a conflict column is updated.
    /// </summary>
    public Query OnConflictDoUpdate(IEnumerable<string> conflictColumns, params string[] updateColumns)
    {
        var target = Listed(conflictColumns);
        if (target.Count == 0)
        {
            throw new InvalidQueryException("ON CONFLICT DO UPDATE needs the conflict columns (a unique key), e.g. OnConflictDoUpdate([\"id\"]).");
        }

        ArgumentNullException.ThrowIfNull(updateColumns);
        Conflict = new OnConflictSpec(target, updateColumns.Select(c => new ConflictUpdate(Names.Plain(c), null, true)).ToList());
        return this;
    }

    /// <summary>Adds <c>ON CONFLICT (conflictColumns) DO UPDATE SET column = value</c> for each pair (PostgreSQL's upsert).</summary>
    public Query OnConflictDoUpdate(IEnumerable<string> conflictColumns, IEnumerable<KeyValuePair<string, object?>> values)
    {
        var target = Listed(conflictColumns);
        ArgumentNullException.ThrowIfNull(values);
        var updates = values.Select(p => new ConflictUpdate(Names.Plain(p.Key), WriteValue.Copy(p.Value), false)).ToList();
        if (target.Count == 0 || updates.Count == 0)
        {
            throw new EmptyWriteException("ON CONFLICT DO UPDATE needs the conflict columns and at least one column to set.");
        }

        Conflict = new OnConflictSpec(target, updates);
        return this;
    }

    private static List<string> Listed(IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.Select(Names.Plain).ToList();
    }

    private Query SetInsert(List<string> columns, List<object?[]>? rows, Query? source, bool returnId)
    {
        var names = columns.ConvertAll(Names.Plain);
        if (names.Count == 0 || (rows is not null && rows.Count == 0))
        {
            throw new EmptyWriteException("An insert needs at least one column and one row of values. Pass an object with public properties, a dictionary, or columns with rows.");
        }

        if (rows is not null)
        {
            foreach (var row in rows)
            {
                if (row.Length != names.Count)
                {
                    throw new InvalidQueryException($"An insert row has {row.Length} value(s) for {names.Count} column(s); pass one value per column.");
                }
            }
        }

        Insert = new InsertClause(names, rows?.ConvertAll(row => Array.ConvertAll(row, WriteValue.Copy)), source, returnId);
        return SetMethod(QueryMethod.Insert);
    }

    private Query SetUpdate(List<UpdateValue> values)
    {
        if (values.Count == 0)
        {
            throw new EmptyWriteException("An update needs at least one column to set. Pass an object with public properties or a non-empty dictionary.");
        }

        Updates = values.ConvertAll(v => v with { Column = Names.Plain(v.Column), Value = WriteValue.Copy(v.Value) });
        return SetMethod(QueryMethod.Update);
    }
}
