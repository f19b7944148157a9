using System.Net;
using Crm.Segmentation.Data;

namespace Crm.Segmentation.Tests.Recompute;

/// <summary>A job that cannot finish says so, and does not stand in the way of the next one.</summary>
public sealed class RecomputeFailureTests(RecomputeFixture fixture) : IClassFixture<RecomputeFixture>
{
    [Fact]
    public async Task A_job_that_cannot_evaluate_a_stored_rule_fails_with_an_error_and_the_next_request_starts_a_new_job()
    {
        // A stored rule the service no longer understands (as after a field is retired): its segment cannot be evaluated.
        var segment = await fixture.CreateSegmentAsync("""{ "field": "country", "op": "eq", "value": "DE" }""");
        await using (var connection = fixture.OpenDatabase())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                """update segments set rule = '{"field": "retiredFact", "op": "eq", "value": 1}', version = version + 1 where id = @Id""", new { segment.Id });
        }

        var failed = await fixture.RecomputeAsync();

        Assert.Equal(RecomputeJobStatus.Failed, failed.Status);
        Assert.Contains("internal error", failed.Error);
        Assert.Contains(failed.Id.ToString(), failed.Error);
        Assert.NotNull(failed.FinishedAt);

        await fixture.ScalarAsync<int>("delete from segments where id = @Id", new { segment.Id });
        var (status, next, _) = await fixture.RequestRecomputeAsync();
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.NotEqual(failed.Id, next.Id);
        Assert.Equal(RecomputeJobStatus.Succeeded, (await fixture.JobWhenAsync(next.Id, j => j.Status is RecomputeJobStatus.Succeeded or RecomputeJobStatus.Failed, "for the next job")).Status);
    }
}
