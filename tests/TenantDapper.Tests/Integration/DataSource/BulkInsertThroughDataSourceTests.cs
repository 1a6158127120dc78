using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Dapper;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>COPY through a scoping connection: only the tenant-checked bulk insert, by the data source's model.</summary>
public class BulkInsertThroughDataSourceTests : DataSourceFixture
{
    [Test]
    public async Task Bulk_insert_writes_the_rows_for_the_current_tenant()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(2L))
        {
            var inserted = await connection.BulkInsertAsync([new Manager { Id = 70, Name = "bulk" }, new Manager { Id = 71, Name = "bulk" }]);
            Assert.That(inserted, Is.EqualTo(2));
        }

        using (CurrentTenant.Bypass("data source test: read back"))
        {
            Assert.That(await connection.QueryAsync<long>("SELECT account_id FROM managers WHERE name = 'bulk'", transaction: transaction), Is.EqualTo(new[] { 2L, 2L }));
        }

        await transaction.RollbackAsync();
    }

    [Test]
    public async Task Bulk_insert_of_a_row_for_another_tenant_writes_nothing()
    {
        var before = await SnapshotAsync();
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => connection.BulkInsert([new Manager { Id = 72, Name = "mine" }, new Manager { AccountId = 3, Id = 73, Name = "theirs" }]), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task Entity_set_bulk_insert_on_a_factory_over_a_data_source_connection_writes_the_rows_of_each_tenant()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(1L))
        {
            Assert.That(db.Entities<Manager>(transaction).BulkInsert([new Manager { Id = 80, Name = "set bulk" }]), Is.EqualTo(1));
        }

        using (CurrentTenant.Use(2L))
        {
            Assert.That(await db.Entities<Manager>(transaction).BulkInsertAsync([new Manager { Id = 81, Name = "set bulk" }, new Manager { Id = 82, Name = "set bulk" }]), Is.EqualTo(2));
        }

        using (CurrentTenant.Bypass("data source test: read back"))
        {
            var rows = await connection.QueryAsync<(long, long)>("SELECT account_id, id FROM managers WHERE name = 'set bulk' ORDER BY id", transaction: transaction);
            Assert.That(rows, Is.EqualTo(new[] { (1L, 80L), (2L, 81L), (2L, 82L) }));
        }

        await transaction.RollbackAsync();
    }

    [Test]
    public async Task Entity_set_bulk_insert_on_a_factory_over_a_data_source_connection_refuses_another_tenants_row_and_writes_nothing()
    {
        var before = await SnapshotAsync();
        await using var connection = await Source.OpenConnectionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => db.Entities<Manager>().BulkInsert([new Manager { Id = 83, Name = "mine" }, new Manager { AccountId = 3, Id = 84, Name = "theirs" }]), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Table("managers")]
    private sealed class Manager
    {
        public long AccountId { get; set; }

        [Key]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public long Id { get; set; }

        public string Name { get; set; } = "";
    }
}
