using System.Collections;
using System.Runtime.InteropServices;
using TenantDapper.Syntax;

namespace TenantDapper.Compiling;

/// <summary>
/// The shape of an SQL tree as one key: every field of every node (names, aliases, operators, kinds, flags, raw text,
/// sub-queries) in a fixed order, each value of a <see cref="ParameterExpression"/> or a raw binding replaced by a slot
/// (a list bound to a raw placeholder keeps its length, which the text spells out). Two trees with equal keys write the
/// same text and are scoped alike; their values differ only slot by slot, collected in <see cref="Values"/>.
/// The fields are found by reflection (<see cref="ShapeFields"/>), so a field added to a node is part of the key
/// without anyone remembering to add it. One encoder per thread, reused.
/// </summary>
internal sealed class ShapeEncoder
{
    private const char Null = '\0';
    private const char Present = '\u0001';

    [ThreadStatic]
    private static ShapeEncoder? t_free;

    private readonly List<object?> _values = new(8);
    private readonly List<SqlNode> _slotNodes = new(8);
    private char[] _key = new char[512];
    private int _length;
    private SqlNode? _owner;

    private ShapeEncoder()
    {
    }

    /// <summary>The key of the tree encoded last.</summary>
    public ReadOnlySpan<char> Key => _key.AsSpan(0, _length);

    /// <summary>The values of the tree encoded last, in slot order.</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>For each slot, the node its value is in (a <see cref="ParameterExpression"/> or <see cref="RawExpression"/>).</summary>
    public IReadOnlyList<SqlNode> SlotNodes => _slotNodes;

    /// <summary>This thread's encoder, taken until <see cref="Return"/> (a nested use gets a new one).</summary>
    public static ShapeEncoder Rent()
    {
        var encoder = t_free ?? new ShapeEncoder();
        t_free = null;
        return encoder;
    }

    /// <summary>The 64-bit hash of <see cref="Key"/>.</summary>
    public ulong Hash() => System.IO.Hashing.XxHash3.HashToUInt64(MemoryMarshal.AsBytes(Key));

    /// <summary>Gives the encoder back for this thread's next statement.</summary>
    public void Return()
    {
        _values.Clear();
        _slotNodes.Clear();
        _length = 0;
        _owner = null;
        if (_key.Length <= 16384)
        {
            t_free = this;
        }
    }

    /// <summary>Encodes <paramref name="statement"/>, replacing what the previous call encoded.</summary>
    public void Encode(SqlStatement statement)
    {
        _values.Clear();
        _slotNodes.Clear();
        _length = 0;
        Node(statement);
    }

    // The methods below are called by the field encoders that ShapeFields compiles; one per kind of field.
    internal void Node(object? node)
    {
        if (node is null)
        {
            Char(Null);
            return;
        }

        NestingGuard.EnsureStack();
        var fields = ShapeFields.For(node.GetType());
        Char(fields.Id);
        var owner = _owner;
        _owner = node as SqlNode;
        fields.Encode(node, this);
        _owner = owner;
    }

    internal void String(string? text)
    {
        if (text is null)
        {
            Char(Null);
            return;
        }

        Char(Present);
        Scalar(text.Length);
        Ensure(text.Length);
        text.CopyTo(_key.AsSpan(_length));
        _length += text.Length;
    }

    internal void Scalar(long value)
    {
        Ensure(4);
        _key[_length++] = (char)value;
        _key[_length++] = (char)(value >> 16);
        _key[_length++] = (char)(value >> 32);
        _key[_length++] = (char)(value >> 48);
    }

    internal void List<T>(IReadOnlyList<T>? list)
    {
        if (list is null)
        {
            Char(Null);
            return;
        }

        Char(Present);
        Scalar(list.Count);
        var element = ShapeFields.Element<T>.Encode;
        for (var i = 0; i < list.Count; i++)
        {
            element(list[i], this);
        }
    }

    /// <summary>The value of a <see cref="ParameterExpression"/>: a slot; the text never depends on it.</summary>
    internal void Value(object? value)
    {
        Char('v');
        AddSlot(value);
    }

    /// <summary>The bindings of a <see cref="RawExpression"/>: a slot each; a list is written as one parameter per element, so its length is shape.</summary>
    internal void Bindings(IReadOnlyList<object?> bindings)
    {
        Scalar(bindings.Count);
        for (var i = 0; i < bindings.Count; i++)
        {
            var value = bindings[i];
            if (value is IEnumerable list and not string and not byte[])
            {
                Char('l');
                Scalar(Count(list));
            }
            else
            {
                Char('v');
            }

            AddSlot(value);
        }
    }

    private static long Count(IEnumerable list)
    {
        if (list is ICollection collection)
        {
            return collection.Count;
        }

        long count = 0;
        foreach (var unused in list)
        {
            count++;
        }

        return count;
    }

    private void AddSlot(object? value)
    {
        _values.Add(value);
        _slotNodes.Add(_owner!);
    }

    private void Char(char c)
    {
        Ensure(1);
        _key[_length++] = c;
    }

    private void Ensure(int more)
    {
        if (_length + more > _key.Length)
        {
            Array.Resize(ref _key, Math.Max(_key.Length * 2, _length + more));
        }
    }
}
