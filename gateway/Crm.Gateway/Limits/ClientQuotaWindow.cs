using System.Threading.RateLimiting;

namespace Crm.Gateway.Limits;

/// <summary>
/// One client's quota: a fixed window of <paramref name="permitLimit"/> requests that opens with the client's first
/// request and lasts <paramref name="window"/>. .NET's FixedWindowRateLimiter reports the whole window as the time to
/// wait whenever it rejects; a rejection here carries the time actually left in the window, which is what a client's
/// Retry-After must say.
/// </summary>
internal sealed class ClientQuotaWindow(int permitLimit, TimeSpan window, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(acquired: true, retryAfter: null);

    private readonly Lock gate = new();
    private readonly long createdAt = time.GetTimestamp();
    private long openedAt;
    private bool opened;
    private int used;
    private long granted;
    private long rejected;

    /// <summary>Idle once the window has closed: the partitioned limiter may then drop this client's quota.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                if (!opened)
                {
                    return time.GetElapsedTime(createdAt);
                }

                var sinceClosed = time.GetElapsedTime(openedAt) - window;
                return sinceClosed >= TimeSpan.Zero ? sinceClosed : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            var open = opened && time.GetElapsedTime(openedAt) < window;
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = open ? permitLimit - used : permitLimit,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = granted,
                TotalFailedLeases = rejected,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permitLimit);
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (!opened || time.GetElapsedTime(openedAt, now) >= window)
            {
                (opened, openedAt, used) = (true, now, 0);
            }

            if (used + permitCount <= permitLimit)
            {
                used += permitCount;
                granted++;
                return Granted;
            }

            rejected++;
            return new Lease(acquired: false, retryAfter: window - time.GetElapsedTime(openedAt, now));
        }
    }

    // Nothing queues: a client over its quota is answered at once.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
