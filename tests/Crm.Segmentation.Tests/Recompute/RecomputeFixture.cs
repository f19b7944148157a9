using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Crm.Segmentation.Model;
using Crm.Testing;
using Dapper;

namespace Crm.Segmentation.Tests.Recompute;

/// <summary>
/// The segmentation service on its own database, with pages of 100 customers so a small population spans several,
/// a stand-in for the services whose events it follows, and the requests the recompute tests make.
/// </summary>
public sealed class RecomputeFixture : SegmentationServiceFixture
{
    public const int PageSize = 100;

    /// <summary>Waits until <paramref name="sql"/> counts at least <paramref name="expected"/> (events consumed, say).</summary>
    public Task CountReachesAsync(string sql, long expected, object? parameters = null) =>
        Eventually.ReturnsAsync(() => ScalarAsync<long>(sql, parameters), count => count >= expected, TimeSpan.FromSeconds(60), because: $"for {sql} to reach {expected}");

    public async Task<Segment> CreateSegmentAsync(string rule)
    {
        var response = await Client.PostAsync("/api/segments", new StringContent($$"""
            { "name": "Segment {{Guid.NewGuid():N}}", "owner": "Owner", "advisor": "Advisor",
              "strategy": { "serviceLevel": "standard", "preferredChannels": ["email"], "contactPolicy": "monthly", "objective": "grow" },
              "rule": {{rule}} }
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Segment>(JsonSerializerOptions.Web))!;
    }

    /// <summary>POST /api/segments/recomputes: the status code and the job answered.</summary>
    public async Task<(HttpStatusCode Status, RecomputeJob Job, Uri? Location)> RequestRecomputeAsync()
    {
        var response = await Client.PostAsync("/api/segments/recomputes", null);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<RecomputeJob>(JsonSerializerOptions.Web))!, response.Headers.Location);
    }

    public async Task<RecomputeJob> JobAsync(Guid id) =>
        (await Client.GetFromJsonAsync<RecomputeJob>($"/api/segments/recomputes/{id}", JsonSerializerOptions.Web))!;

    public Task<RecomputeJob> JobWhenAsync(Guid id, Func<RecomputeJob, bool> done, string because) =>
        Eventually.ReturnsAsync(() => JobAsync(id), done, TimeSpan.FromSeconds(60), because);

    /// <summary>Requests a job and waits for it to finish.</summary>
    public async Task<RecomputeJob> RecomputeAsync()
    {
        var (status, job, _) = await RequestRecomputeAsync();
        Assert.Equal(HttpStatusCode.Accepted, status);
        return await JobWhenAsync(job.Id, j => j.Status is RecomputeJobStatus.Succeeded or RecomputeJobStatus.Failed, "for the job to finish");
    }

    public async Task<HashSet<Guid>> MembersAsync(Guid segmentId)
    {
        var members = new HashSet<Guid>();
        string? after = null;
        do
        {
            var page = (await Client.GetFromJsonAsync<MembershipPage<Guid>>(
                $"/api/segments/{segmentId}/members?limit=1000{(after is null ? "" : $"&after={after}")}", JsonSerializerOptions.Web))!;
            members.UnionWith(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return members;
    }

    /// <summary>Every (segment, customer) membership stored now.</summary>
    public async Task<HashSet<(Guid SegmentId, Guid CustomerId)>> AllMembershipsAsync()
    {
        await using var connection = OpenDatabase();
        return [.. await connection.QueryAsync<(Guid, Guid)>("select segment_id, customer_id from segment_members")];
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Segmentation:RecomputeJobs:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
