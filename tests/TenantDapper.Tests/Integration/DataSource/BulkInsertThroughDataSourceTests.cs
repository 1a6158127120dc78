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
