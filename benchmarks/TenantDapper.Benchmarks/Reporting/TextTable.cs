namespace TenantDapper.Benchmarks.Reporting;

/// <summary>Columns of text padded to line up in a fixed-width terminal: the first column left-aligned, the rest right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row of this table needs {headers.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the header and the rows, each line starting with <paramref name="indent"/>.</summary>
    public void WriteTo(TextWriter writer, string indent)
    {
        var widths = headers.Select((header, c) => _rows.Select(row => row[c].Length).Append(header.Length).Max()).ToArray();
        WriteLine(writer, indent, headers, widths);
        foreach (var row in _rows)
        {
            WriteLine(writer, indent, row, widths);
        }
    }

    private static void WriteLine(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
        writer.WriteLine((indent + string.Join("   ", padded)).TrimEnd());
    }
}
