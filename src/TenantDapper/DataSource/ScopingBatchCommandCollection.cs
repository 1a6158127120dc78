using System.Collections;
using System.Data.Common;

namespace TenantDapper.DataSource;

/// <summary>The commands of a scoping batch: only scoping batch commands, so none can reach the driver unscoped.</summary>
internal sealed class ScopingBatchCommandCollection : DbBatchCommandCollection
{
    private readonly List<ScopingBatchCommand> _commands = [];

    public override int Count => _commands.Count;

    public override bool IsReadOnly => false;

    /// <summary>The commands as their own type.</summary>
    internal IReadOnlyList<ScopingBatchCommand> Commands => _commands;

    public override IEnumerator<DbBatchCommand> GetEnumerator() => _commands.GetEnumerator();

    public override void Add(DbBatchCommand item) => _commands.Add(Require(item));

    public override void Clear() => _commands.Clear();

    public override bool Contains(DbBatchCommand item) => item is ScopingBatchCommand command && _commands.Contains(command);

    public override void CopyTo(DbBatchCommand[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        for (var i = 0; i < _commands.Count; i++)
        {
            array[arrayIndex + i] = _commands[i];
        }
    }

    public override int IndexOf(DbBatchCommand item) => item is ScopingBatchCommand command ? _commands.IndexOf(command) : -1;

    public override void Insert(int index, DbBatchCommand item) => _commands.Insert(index, Require(item));

    public override bool Remove(DbBatchCommand item) => item is ScopingBatchCommand command && _commands.Remove(command);

    public override void RemoveAt(int index) => _commands.RemoveAt(index);

    protected override DbBatchCommand GetBatchCommand(int index) => _commands[index];

    protected override void SetBatchCommand(int index, DbBatchCommand batchCommand) => _commands[index] = Require(batchCommand);

    private static ScopingBatchCommand Require(DbBatchCommand item) => item switch
    {
        ScopingBatchCommand command => command,
        null => throw new ArgumentNullException(nameof(item)),
        _ => throw new ArgumentException(
            $"A batch of a TenantDataSource runs only its own batch commands (a {item.GetType().Name} was given), so that every one is scoped. Create them with batch.CreateBatchCommand().",
            nameof(item)),
    };
}
