using System.Net;
using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>Waits for a server to answer HTTP, and checks the benchmarked route answers 200 before it is measured.</summary>
public static class Readiness
{
    // No proxy: every target is on loopback, and an inherited HTTP_PROXY must not stand between.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Polls until <paramref name="url"/> answers with any status; fails early if the process has exited.</summary>
    public static async Task WaitForAnswerAsync(string name, Uri url, ChildProcess process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{name} exited with code {await process.Exited} before answering {url}:{Environment.NewLine}{process.RecentOutput}");
            }

            try
            {
                using var response = await Client.GetAsync(url, cancellationToken);
                return;
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{name} did not answer {url} within {timeout.TotalSeconds:F0} s (last: {last}).{Environment.NewLine}{process.RecentOutput}");
    }

    /// <summary>One GET that must answer 200; returns a short description of the answer.</summary>
    public static async Task<string> ExpectOkAsync(string name, Uri url, CancellationToken cancellationToken)
    {
        using var response = await Client.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}, {body.Length} bytes"
            : throw new InvalidOperationException(
                $"{name}: GET {url} answered {(int)response.StatusCode}, not 200:{Environment.NewLine}{System.Text.Encoding.UTF8.GetString(body)}");
    }
}
