namespace TenantDapper.Parsing;

/// <summary>
/// The dot-separated parts of a name as the parser reads them (<c>schema.table.column</c>): the usual one to three held
/// in fields, so a column reference costs no list; a longer name (always refused) spills into one.
/// </summary>
internal struct NameParts
{
    private string? _first;
    private string? _second;
    private string? _third;
    private List<string>? _rest;

    public NameParts(string first)
    {
        _first = first;
        Count = 1;
    }

    public NameParts(string? schema, string name)
    {
        if (schema is not null)
        {
            _first = schema;
            _second = name;
            Count = 2;
        }
        else
        {
            _first = name;
            Count = 1;
        }
    }

    /// <summary>How many parts were read.</summary>
    public int Count { get; private set; }

    public readonly string this[int index] => index switch
    {
        0 => _first!,
        1 => _second!,
        2 => _third!,
        _ => _rest![index - 3],
    };

    /// <summary>Appends the next part.</summary>
    public void Add(string part)
    {
        switch (Count)
        {
            case 0:
                _first = part;
                break;
            case 1:
                _second = part;
                break;
            case 2:
                _third = part;
                break;
            default:
                (_rest ??= []).Add(part);
                break;
        }

        Count++;
    }
}
