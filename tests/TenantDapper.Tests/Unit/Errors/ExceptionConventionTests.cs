using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Unit.Errors;

/// <summary>
/// What a .NET caller's catch blocks see: usage errors are the framework's argument and state exceptions, tenant
/// refusals stay TenantDapper's own types under <see cref="TenantDapperException"/>.
/// </summary>
public class ExceptionConventionTests
{
    [Test]
    public void Bad_operator_is_caught_as_an_argument_exception() =>
        Assert.That(Caught<ArgumentException>(() => new Query("t").Where("a", "==", 1)), Is.TypeOf<InvalidOperatorException>());

    [Test]
    public void Bad_identifier_is_caught_as_an_argument_exception() =>
        Assert.That(Caught<ArgumentException>(() => new Query("t").Where("a;b", 1)), Is.TypeOf<InvalidIdentifierException>());

    [Test]
    public void Raw_fragment_with_the_wrong_number_of_bindings_is_caught_as_an_argument_exception() =>
        Assert.That(Caught<ArgumentException>(() => new Query("t").WhereRaw("a = ?")), Is.TypeOf<RawBindingMismatchException>());

    [Test]
    public void Empty_write_is_caught_as_an_argument_exception() =>
        Assert.That(Caught<ArgumentException>(() => new Query("t").AsInsert(new { })), Is.TypeOf<EmptyWriteException>());

    [Test]
    public void Invalid_query_is_caught_as_an_invalid_operation_exception() =>
        Assert.That(Caught<InvalidOperationException>(() => new PostgresCompiler().Compile(new Query().Join("b", "b.id", "a.id"))), Is.TypeOf<InvalidQueryException>());

    [Test]
    public void Running_a_query_without_a_factory_is_caught_as_an_invalid_operation_exception() =>
        Assert.That(Caught<InvalidOperationException>(() => new Query("t").Get<int>()), Is.TypeOf<QueryNotExecutableException>());

    [Test]
    public void Tenant_refusals_are_caught_as_tenant_dapper_exceptions_and_not_as_usage_errors()
    {
        var db = new QueryFactory(new Npgsql.NpgsqlConnection(), new PostgresCompiler()) { Model = SampleSchema.Model };
        var refusal = Caught<TenantDapperException>(() => db.Explain(db.Query("projects")));
        Assert.That(refusal, Is.TypeOf<TenantNotSetException>());
        Assert.That(refusal, Is.Not.InstanceOf<ArgumentException>().And.Not.InstanceOf<InvalidOperationException>());
    }

    private static TException Caught<TException>(Action action)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException e)
        {
            return e;
        }

        throw new AssertionException($"Nothing was thrown that a catch ({typeof(TException).Name}) block sees.");
    }
}
