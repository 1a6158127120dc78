using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class QueryPlanTests
{
    [Test]
    public void Plain_plan_lists_its_nodes_with_index_conditions_and_the_pages_touched()
    {
        var plan = new QueryPlan(
        [
            "Nested Loop (actual rows=20 loops=1)",
            "  Buffers: shared hit=14",
            "  ->  Index Scan using projects_pkey on projects p (actual rows=1 loops=1)",
            "        Index Cond: ((account_id = '1'::bigint) AND (id = '1'::bigint))",
            "  ->  Seq Scan on tasks t (actual rows=20 loops=1)",
            "        Filter: (project_id = '1'::bigint)",
            "Planning Time: 0.1 ms",
        ]);

        Assert.That(plan.Nodes, Is.EqualTo(
            "Nested Loop > Index Scan using projects_pkey on projects p [Index Cond: ((account_id = '1'::bigint) AND (id = '1'::bigint))] > Seq Scan on tasks t"));
        Assert.That(plan.Buffers, Is.EqualTo("shared hit=14"));
        Assert.That(plan.CitusTasks, Is.Null);
    }

    [Test]
    public void Citus_router_plan_reports_one_task()
    {
        var plan = new QueryPlan(
        [
            "Custom Scan (Citus Adaptive)",
            "  Task Count: 1",
            "  Tasks Shown: All",
            "  ->  Task",
            "        Node: host=worker-1 port=5432 dbname=app",
            "        ->  Nested Loop",
        ]);

        Assert.That(plan.CitusTasks, Is.EqualTo("Task Count 1"));
        Assert.That(plan.Facts["citus tasks"], Is.EqualTo("Task Count 1"));
    }

    [Test]
    public void Citus_repartition_plan_reports_every_map_and_merge_job()
    {
        var plan = new QueryPlan(
        [
            "Custom Scan (Citus Adaptive)",
            "  Task Count: 4",
            "  Tasks Shown: None, not supported for re-partition queries",
            "  ->  MapMergeJob",
            "        Map Task Count: 32",
            "        Merge Task Count: 4",
            "  ->  MapMergeJob",
            "        Map Task Count: 32",
            "        Merge Task Count: 4",
        ]);

        Assert.That(plan.CitusTasks, Is.EqualTo("Task Count 4; Map Task Count 32+32; Merge Task Count 4+4"));
    }
}
