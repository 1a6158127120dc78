using TenantDapper;

// Outside the TenantDapper namespace on purpose: this file sees the library only through the one
// using directive above, as code ported from SqlKata does.
namespace SqlKataClient;

public class SqlKataClientTests
{
    [Test]
    public void Code_written_for_SqlKata_compiles_with_one_using_directive()
    {
        var compiler = new PostgresCompiler();
        var onlyOpen = true;
        var query = new Query("projects as p")
            .Select("p.id", "p.name")
            .LeftJoin("tasks as t", j => j.On("t.project_id", "p.id").Where("t.done", false))
            .Where("p.account_id", 1)
            .When(onlyOpen, q => q.WhereNotNull("t.id"))
            .OrderBy("p.name")
            .ForPage(1, 20);
        SqlResult result = compiler.Compile(query);

        Assert.That(result.Sql, Does.StartWith("SELECT \"p\".\"id\", \"p\".\"name\" FROM \"projects\" AS \"p\" LEFT JOIN"));
        Assert.That(() => query.Get<int>(), Throws.TypeOf<QueryNotExecutableException>());
        Assert.That(() => query.Paginate<int>(1), Throws.TypeOf<QueryNotExecutableException>());
        Assert.That(new[] { typeof(QueryFactory), typeof(PaginationResult<int>), typeof(QueryExtensions), typeof(Join) }.Select(t => t.Namespace), Is.All.EqualTo("TenantDapper"));
    }
}
