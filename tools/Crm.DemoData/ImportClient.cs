using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Crm.DemoData;

/// <summary>Uploads a CSV file to <c>POST /api/customers/imports/{kind}</c> (streamed from disk) and polls the job to its end.</summary>
public sealed class ImportClient(HttpClient http, TextWriter log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>Whether the customers service holds a customer with this external id.</summary>
    public async Task<bool> CustomerExistsAsync(string externalId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/customers/by-external-id/{Uri.EscapeDataString(externalId)}", cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            var status => throw new HttpRequestException($"looking up customer {externalId} answered {(int)status} {status}."),
        };
    }

    public async Task<ImportJobReport> ImportAsync(string kind, string file, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        using var content = new StreamContent(stream, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var path = $"api/customers/imports/{kind}?fileName={Uri.EscapeDataString(Path.GetFileName(file))}";
        using var response = await http.PostAsync(path, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"{kind}: the import was not accepted ({(int)response.StatusCode} {response.StatusCode}): {Shorten(body)}");
        }

        using var accepted = JsonDocument.Parse(body);
        var location = response.Headers.Location ?? new Uri($"api/customers/imports/{ImportJobReport.From(accepted.RootElement).Id}", UriKind.Relative);
        log.WriteLine($"{kind}: uploaded {new FileInfo(file).Length / 1_048_576.0:0.0} MiB in {clock.Elapsed.TotalSeconds:0.0} s, job {location}");

        var lastProgress = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(PollInterval, cancellationToken);
            using var document = JsonDocument.Parse(await http.GetStringAsync(location, cancellationToken));
            var job = ImportJobReport.From(document.RootElement);
            if (job.Status is "succeeded" or "failed")
            {
                log.WriteLine($"{kind}: {job.Status} in {clock.Elapsed.TotalSeconds:0.0} s — read {job.RowsRead:N0}, stored {job.RowsStored:N0}, " +
                    $"skipped {job.RowsSkipped:N0}, rejected {job.RowsRejected:N0}{(job.Error is null ? "" : $"; error: {job.Error}")}");
                if (!job.Succeeded)
                {
                    var errors = await http.GetStringAsync($"{location}/errors", cancellationToken);
                    log.WriteLine($"{kind}: errors: {Shorten(errors, 4_000)}");
                }

                return job;
            }

            if (lastProgress.Elapsed > ProgressInterval)
            {
                log.WriteLine($"{kind}: {job.Status}, {job.RowsRead:N0} rows read so far");
                lastProgress.Restart();
            }
        }
    }

    private static string Shorten(string text, int length = 1_000) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
