using System.Globalization;
using Crm.Hosting;

namespace Crm.Benchmarks.Gateway;

/// <summary>
/// nginx as the reference reverse proxy: a minimal configuration in a throw-away folder, run in the foreground,
/// keeping connections to the backend open as the gateway does.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _folder;

    private NginxProxy(ChildProcess process, DirectoryInfo folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<NginxProxy> StartAsync(string nginx, Uri backend, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("crm-bench-nginx-");
        var port = FreePort.Next();
        var configuration = Path.Combine(folder.FullName, "nginx.conf");
        var errorLog = Path.Combine(folder.FullName, "error.log");
        await File.WriteAllTextAsync(configuration, Configuration(folder.FullName, port, backend), CancellationToken.None);

        // -e: the error log is opened before the configuration is read, so the default /var/log path is never touched.
        var process = ChildProcess.Start(new ChildProcessSpec(nginx,
            ["-p", folder.FullName + "/", "-e", errorLog, "-c", configuration, "-g", "daemon off;"]));
        var address = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await Readiness.WaitForAnswerAsync("nginx", address, process, TimeSpan.FromSeconds(15), cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            folder.Delete(recursive: true);
            throw;
        }

        return new NginxProxy(process, folder, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string Configuration(string folder, int port, Uri backend)
    {
        // Root's workers would otherwise run as nobody, who cannot reach the private temp folder.
        var user = Environment.IsPrivilegedProcess ? "user root root;" : "";
        var listen = port.ToString(CultureInfo.InvariantCulture);
        // keepalive_requests raised on both sides: nginx closes a kept-alive connection after 1,000 requests by
        // default and Kestrel does not, so leaving it would handicap nginx with reconnects.
        return $$"""
            {{user}}
            worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;

            events {
                worker_connections 4096;
            }

            http {
                access_log off;
                keepalive_requests 1000000;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;

                upstream backend {
                    server {{backend.Host}}:{{backend.Port.ToString(CultureInfo.InvariantCulture)}};
                    keepalive 32;
                    keepalive_requests 1000000;
                }

                server {
                    listen 127.0.0.1:{{listen}};

                    location / {
                        proxy_pass http://backend;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
            }
            """;
    }
}
