using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// Under a FULL JOIN a tenant table becomes a filtered derived table, and a derived table is named by one
/// identifier: the table's alias or its name. An unaliased schema-qualified table (<c>public.tasks</c>) is
/// first given its name as alias, and the block's references to <c>public.tasks</c> (also for an unqualified
/// <c>tasks</c>, reached as <c>public.tasks</c> on the default search path) follow it to
/// <c>tasks</c>, including those in its sub-queries; where a sub-query's own names would capture the
/// followed reference, the statement is refused rather than bound to another table.
/// </summary>
internal sealed partial class TenantScopeRewriter
{
    private SelectBlock AliasFullJoinTables(SelectBlock node)
    {
        List<TableReference>? targets = null;
        foreach (var item in node.From)
        {
            Collect(item, underFullJoin: false);
        }

        if (targets is null)
        {
            return node;
        }

        foreach (var target in targets)
        {
            // An unqualified table is reached as default_schema.table too, as PostgreSQL reaches it on the default search path.
            node = new QualifierFollower(target, new TableQualifier(target.Schema ?? _model.DefaultSchema, target.Name)).Follow(node);
        }

        return node;

        void Collect(TableSource source, bool underFullJoin)
        {
            switch (source)
            {
                case TableReference { Alias: null } table when underFullJoin && Classify(table, note: false) is not null:
                    (targets ??= []).Add(table);
                    break;
                case JoinedTable join:
                    Collect(join.Left, underFullJoin || join.Kind == JoinKind.Full);
                    Collect(join.Right, underFullJoin || join.Kind == JoinKind.Full);
                    break;
            }
        }
    }

    /// <summary>Gives one table occurrence its name as alias and rewrites the block's references to <c>schema.table</c> to that alias.</summary>
    private sealed class QualifierFollower(TableReference target, TableQualifier from) : SqlVisitor
    {
        private readonly TableQualifier _from = from;
        private readonly TableQualifier _to = TableQualifier.Of(target.Name);
        private int _depth;

        public SelectBlock Follow(SelectBlock block) => (SelectBlock)VisitSelectBlock(block);

        public override SqlNode VisitSelectBlock(SelectBlock node)
        {
            if (_depth > 0 && (ExposedNames(node.From) is not { } names || Array.Exists(names, n => string.Equals(n, target.Name, StringComparison.Ordinal))))
            {
                // The alias would bind to this sub-query's own table here: refuse if anything in it needed following.
                var probe = Descend(node);
                return ReferenceEquals(probe, node)
                    ? node
                    : throw new UnscopableSqlException(
                        $"'{_from}' sits under a FULL JOIN, where it becomes a derived table named '{target.Name}', but a sub-query that refers to it also has a table or alias named '{target.Name}'. Give '{_from}' an alias and refer to it by that alias.");
            }

            return Descend(node);
        }

        public override SqlNode VisitTableReference(TableReference node) =>
            ReferenceEquals(node, target) && node.Schema is not null ? new TableReference(node.Schema, node.Name, node.Name) : node;

        // A derived table in the block's own FROM cannot see the block's tables; deeper ones see it as an outer level.
        public override SqlNode VisitDerivedTable(DerivedTable node) => _depth == 1 ? node : base.VisitDerivedTable(node);

        public override SqlNode VisitColumn(ColumnExpression node) =>
            _from.Equals(node.Qualifier) ? new ColumnExpression(_to, node.Name) : node;

        public override SqlNode VisitAllColumns(AllColumnsExpression node) =>
            _from.Equals(node.Qualifier) ? new AllColumnsExpression(_to) : node;

        private SqlNode Descend(SelectBlock node)
        {
            _depth++;
            var result = base.VisitSelectBlock(node);
            _depth--;
            return result;
        }
    }
}
