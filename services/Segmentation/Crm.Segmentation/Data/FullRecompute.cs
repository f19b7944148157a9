using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Segmentation.Data;

/// <summary>
/// One full recompute job. (a) Measuring: the population's RFM quintiles and value deciles are measured and stored
/// (<see cref="PopulationRecompute"/>) while the current members and consents are read. (b) Evaluating: one pass
/// over every customer's facts evaluates every segment against the new cut points; a page at a time, the customers
/// whose membership differs are written with their events and the job's progress (<see cref="RecomputePageWriter"/>).
/// Reads run side by side on one snapshot (<see cref="RecomputeSnapshot"/>), so both cores work.
/// </summary>
public sealed class FullRecompute(
    NpgsqlDataSource dataSource,
    PopulationRecompute population,
    SegmentCatalog catalog,
    RecomputePageWriter pages,
    RecomputeJobStore jobs,
    IOptions<RecomputeJobOptions> options,
    TimeProvider clock)
{
    private const int Readers = 2;

    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var snapshot = await RecomputeSnapshot.TakeAsync(dataSource, cancellationToken);
        var segments = await catalog.CurrentAsync(snapshot.First.Connection!, snapshot.First, cancellationToken);
        var readers = new[] { await snapshot.JoinAsync(cancellationToken), await snapshot.JoinAsync(cancellationToken) };

        PopulationRecomputeOutcome outcome = null!;
        PopulationCuts cuts = null!;
        CurrentMemberships members = null!;
        GrantedConsents consents = null!;
        await TogetherAsync(cancellationToken,
            async token => (outcome, cuts) = await population.MeasureAsync(token),
            async token => members = await CurrentMemberships.ReadAsync(readers[0].Connection!, readers[0], segments, token),
            async token => consents = await GrantedConsents.ReadAsync(readers[1].Connection!, readers[1], token));
        await jobs.MeasuredAsync(jobId, outcome.Customers, segments.Count, cancellationToken);
        if (segments.Count == 0)
        {
            await pages.WriteAsync(jobId, [], outcome.Customers, cancellationToken);
            return;
        }

        var scan = new Scan(jobId, segments, members, consents, cuts, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            segments.Any(segment => segment.Rule.Fields.Any(field => field.StartsWith("attributes.", StringComparison.Ordinal))));
        var blocks = await snapshot.FactBlocksAsync(Readers, cancellationToken);
        await TogetherAsync(cancellationToken, [.. readers.Select((reader, i) => (Func<CancellationToken, Task>)(token => EvaluateAsync(scan, reader, blocks[i], token)))]);
    }

    /// <summary>Evaluates every segment for the customers in <paramref name="blocks"/>, writing a page at a time.</summary>
    private async Task EvaluateAsync(Scan scan, NpgsqlTransaction reader, (long From, long To) blocks, CancellationToken cancellationToken)
    {
        var pageSize = options.Value.PageSize;
        var segments = scan.Segments;
        var holds = new ulong[CurrentMemberships.Words(segments.Count)];
        var changing = new List<Guid>();
        var inPage = 0;
        await using var rows = await CustomerFactRows.OpenAsync(
            reader, blocks, scan.Cuts, scan.Consents, scan.WithAttributes, scan.Today, cancellationToken);
        while (await rows.NextAsync(cancellationToken))
        {
            Array.Clear(holds);
            for (var i = 0; i < segments.Count; i++)
            {
                if (segments[i].Rule.Evaluate(rows.Facts))
                {
                    holds[i / 64] |= 1UL << (i % 64);
                }
            }

            if (!scan.Members.Of(rows.CustomerId).SequenceEqual(holds))
            {
                changing.Add(rows.CustomerId);
            }

            if (++inPage == pageSize)
            {
                await pages.WriteAsync(scan.JobId, changing, inPage, cancellationToken);
                changing.Clear();
                inPage = 0;
            }
        }

        if (inPage > 0)
        {
            await pages.WriteAsync(scan.JobId, changing, inPage, cancellationToken);
        }
    }

    /// <summary>Runs the parts side by side; the first to fail stops the others.</summary>
    private static async Task TogetherAsync(CancellationToken cancellationToken, params Func<CancellationToken, Task>[] parts)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(parts.Select(async part =>
        {
            try
            {
                await part(failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }));
    }

    /// <summary>What every reader of the evaluation shares.</summary>
    private sealed record Scan(
        Guid JobId, IReadOnlyList<CompiledSegment> Segments, CurrentMemberships Members, GrantedConsents Consents,
        PopulationCuts Cuts, DateOnly Today, bool WithAttributes);
}
