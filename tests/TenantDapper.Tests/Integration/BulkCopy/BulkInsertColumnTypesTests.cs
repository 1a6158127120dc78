using System.ComponentModel.DataAnnotations.Schema;
using Dapper;
using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.BulkCopy;

public sealed class BulkInsertColumnTypesTests : DatabaseFixture
{
    private static readonly TenantModel Model = new TenantModelBuilder()
        .TenantTable("events", "account_id")
        .TenantTable("documents", "tenant")
        .TenantTable("counters", "account_id")
        .Build();

    private enum EventKind
    {
        Created = 1,
        Closed = 2,
    }

    [Test]
    public void Enums_times_arrays_and_named_store_types_are_written_as_their_column_types()
    {
        using var connection = OpenConnection();
        var at = new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero);
        using (CurrentTenant.Use(5L))
        {
            connection.BulkInsert(Model, [
                new Event { Kind = EventKind.Closed, PreviousKind = EventKind.Created, At = at, Day = new DateOnly(2026, 11, 26), Tags = ["a", "b"], Payload = """{"x": 1}""", Ratio = 0.5, Flag = true, Key = Guid.Empty },
                new Event { Kind = EventKind.Created, Day = new DateOnly(2026, 1, 1) },
            ]);
        }

        var rows = connection.Query<(long AccountId, int Kind, int? PreviousKind, DateTimeOffset? At, DateOnly Day, string[]? Tags, string? Payload, double Ratio, bool Flag, Guid Key)>(
            "SELECT account_id, kind, previous_kind, at, day, tags, payload::text, ratio, flag, key FROM events ORDER BY id").ToList();
        Assert.That(rows[0], Is.EqualTo((5L, 2, (int?)1, (DateTimeOffset?)at, new DateOnly(2026, 11, 26), rows[0].Tags, (string?)"""{"x": 1}""", 0.5, true, Guid.Empty)));
        Assert.That(rows[0].Tags, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(rows[1], Is.EqualTo((5L, 1, (int?)null, (DateTimeOffset?)null, new DateOnly(2026, 1, 1), (string[]?)null, (string?)null, 0.0, false, Guid.Empty)));
    }

    [Test]
    public void Int_tenant_is_widened_for_a_long_tenant_column()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(6))
        {
            connection.BulkInsert(Model, [new Event { Day = new DateOnly(2026, 2, 2) }]);
        }

        Assert.That(connection.QuerySingle<long>("SELECT account_id FROM events WHERE day = '2026-02-02'"), Is.EqualTo(6L));
    }

    [Test]
    public void Guid_tenant_fills_an_empty_guid_and_refuses_another()
    {
        using var connection = OpenConnection();
        var tenant = Guid.NewGuid();
        using (CurrentTenant.Use(tenant))
        {
            connection.BulkInsert(Model, [new Document { Title = "filled" }, new Document { Tenant = tenant, Title = "named" }]);
            Assert.That(
                () => connection.BulkInsert(Model, [new Document { Title = "ok" }, new Document { Tenant = Guid.NewGuid(), Title = "foreign" }]),
                Throws.TypeOf<TenantMismatchException>().With.Message.Contains("row 1 of the bulk insert"));
        }

        Assert.That(connection.Query<(Guid, string)>("SELECT tenant, title FROM documents ORDER BY title"), Is.EqualTo(new[] { (tenant, "filled"), (tenant, "named") }));
    }

    [Test]
    public void Tenant_of_another_type_than_the_tenant_property_is_refused()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use("acme"))
        {
            Assert.That(() => connection.BulkInsert(Model, [new Document { Title = "x" }]), Throws.TypeOf<TenantKeyTypeException>().With.Message.Contains("Set the tenant as a Guid"));
        }

        Assert.That(connection.QuerySingle<long>("SELECT count(*) FROM documents WHERE title = 'x'"), Is.Zero);
    }

    [Test]
    public void Int_property_named_bigint_by_its_store_type_fills_a_bigint_column()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(7L))
        {
            connection.BulkInsert(Model, [new Counter { Value = int.MaxValue }]);
        }

        Assert.That(connection.QuerySingle<long>("SELECT value FROM counters WHERE account_id = 7"), Is.EqualTo((long)int.MaxValue));
    }

    [Test]
    public void Null_in_a_not_null_column_is_reported_with_the_rows_index_and_nothing_is_written()
    {
        using var connection = OpenConnection();
        var tenant = Guid.NewGuid();
        using (CurrentTenant.Use(tenant))
        {
            Assert.That(
                () => connection.BulkInsert(Model, [new Document { Title = "a" }, new Document { Title = "b" }, new Document { Title = null! }]),
                PostgresSetUp.IsCitusCoordinator
                    ? RelayedByCitus("null value in column \"title\"", "violates not-null constraint")
                    : Throws.TypeOf<BulkInsertRowException>()
                        .With.Property(nameof(BulkInsertRowException.RowIndex)).EqualTo(2)
                        .And.Property(nameof(BulkInsertRowException.SqlState)).EqualTo("23502")
                        .And.Message.Contains("Row 2").And.Message.Contains("'title'")
                        .And.InnerException.TypeOf<PostgresException>());
        }

        Assert.That(connection.QuerySingle<long>("SELECT count(*) FROM documents WHERE tenant = @tenant", new { tenant }), Is.Zero);
    }

    [Test]
    public void Duplicate_key_in_an_asynchronous_bulk_insert_is_reported_with_the_rows_index_and_nothing_is_written()
    {
        using var connection = OpenConnection();
        var tenant = Guid.NewGuid();
        using (CurrentTenant.Use(tenant))
        {
            Assert.That(
                async () => await connection.BulkInsertAsync(Model, [new Document { Title = "a" }, new Document { Title = "b" }, new Document { Title = "c" }, new Document { Title = "b" }]),
                PostgresSetUp.IsCitusCoordinator
                    ? RelayedByCitus("duplicate key value violates unique constraint", "documents")
                    : Throws.TypeOf<BulkInsertRowException>().With.Property(nameof(BulkInsertRowException.RowIndex)).EqualTo(3).And.Property(nameof(BulkInsertRowException.SqlState)).EqualTo("23505"));
        }

        Assert.That(connection.QuerySingle<long>("SELECT count(*) FROM documents WHERE tenant = @tenant", new { tenant }), Is.Zero);
    }

    // Citus relays a shard's COPY error as XX000 with the shard's message and without the COPY context that names the
    // row (ReportCopyError in its multi_copy.c), so the row cannot be told: the server's error reaches the caller as it is.
    private static NUnit.Framework.Constraints.IResolveConstraint RelayedByCitus(string message, string alsoInMessage) =>
        Throws.TypeOf<PostgresException>()
            .With.Property(nameof(PostgresException.SqlState)).EqualTo("XX000")
            .And.Message.Contains(message).And.Message.Contains(alsoInMessage);

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await connection.ExecuteAsync("""
            CREATE TABLE events (
                account_id bigint NOT NULL,
                id bigint GENERATED BY DEFAULT AS IDENTITY,
                kind integer NOT NULL,
                previous_kind integer,
                at timestamptz,
                day date NOT NULL,
                tags text[],
                payload jsonb,
                ratio double precision NOT NULL,
                flag boolean NOT NULL,
                key uuid NOT NULL,
                PRIMARY KEY (account_id, id));
            CREATE TABLE counters (account_id bigint NOT NULL, value bigint NOT NULL);
            CREATE TABLE documents (
                tenant uuid NOT NULL,
                title text NOT NULL,
                PRIMARY KEY (tenant, title));
            """);
        if (await CitusDistribution.IsCoordinatorAsync(connection))
        {
            // Two colocation groups: a bigint and a uuid distribution column cannot share one.
            var schema = await ModelInSchema.CurrentSchemaAsync(connection);
            await CitusDistribution.DistributeAsync(connection, new TenantModelBuilder().DefaultSchema(schema).TenantTable("events", "account_id").TenantTable("counters", "account_id").Build());
            await CitusDistribution.DistributeAsync(connection, new TenantModelBuilder().DefaultSchema(schema).TenantTable("documents", "tenant").Build());
        }
    }

    [Table("events")]
    private sealed class Event
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        public EventKind Kind { get; set; }

        public EventKind? PreviousKind { get; set; }

        public DateTimeOffset? At { get; set; }

        public DateOnly Day { get; set; }

        public string[]? Tags { get; set; }

        [System.ComponentModel.DataAnnotations.Schema.Column(TypeName = "jsonb")]
        public string? Payload { get; set; }

        public double Ratio { get; set; }

        public bool Flag { get; set; }

        public Guid Key { get; set; }
    }

    [Table("counters")]
    private sealed class Counter
    {
        public long AccountId { get; set; }

        [System.ComponentModel.DataAnnotations.Schema.Column(TypeName = "bigint")]
        public int Value { get; set; }
    }

    [Table("documents")]
    private sealed class Document
    {
        public Guid Tenant { get; set; }

        [System.ComponentModel.DataAnnotations.Key]
        public string Title { get; set; } = "";
    }
}
