using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Crm.Hosting;

/// <summary>A real PostgreSQL cluster run as a child process on a loopback port.</summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    // PostgreSQL refuses to run as root; when we are root, it runs as the Debian package's system user.
    private const string SystemUser = "postgres";

    private readonly PostgresServerOptions _options;
    private ChildProcess? _process;

    private PostgresServer(PostgresServerOptions options, int port)
    {
        _options = options;
        Port = port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public int? ProcessId => _process?.ProgramId ?? _process?.Id;

    /// <summary>Completes when the server process ends, for whatever reason.</summary>
    public Task Exited => _process?.Exited ?? Task.CompletedTask;

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, CancellationToken cancellationToken = default)
    {
        var port = options.Port == 0 ? FreePort.Next() : options.Port;
        var server = new PostgresServer(options, port);
        await server.StartAsync(cancellationToken);
        return server;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = _options.Username,
        Password = _options.Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists already.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (lower-case letters, digits, underscores).", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Identifiers cannot be parameters; the name was checked against a strict pattern above.
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>Kills the server at once, without a clean shutdown (for throwaway test data).</summary>
    public void Kill() => _process?.Kill();

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var bin = ToolLocator.PostgresBinDirectory();
        var dataDirectory = Path.GetFullPath(_options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        if (NativeMethods.IsRoot)
        {
            await Commands.RunAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", dataDirectory], cancellationToken);
            await EnsureSystemUserCanReachAsync(dataDirectory, cancellationToken);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(bin, dataDirectory, cancellationToken);
        }

        var arguments = new List<string>
        {
            "-D", dataDirectory,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={dataDirectory}",
            "-c", $"max_connections={_options.MaxConnections}",
        };
        if (!_options.Durable)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        _process = ChildProcess.Start(new ChildProcessSpec(Path.Combine(bin, "postgres"), arguments)
        {
            RunAsUser = SystemUser,
            StopSignal = "INT", // fast shutdown: roll back open transactions instead of waiting for clients
            Output = _options.Output,
            // Services using the cluster stop first when the owner is killed.
            StopDelayWhenOwnerGone = TimeSpan.FromSeconds(2),
        });

        await WaitUntilAcceptingConnectionsAsync(cancellationToken);
    }

    private async Task InitializeClusterAsync(string bin, string dataDirectory, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(dataDirectory, "..", $".pgpass-init-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, _options.Password, cancellationToken);
        try
        {
            if (NativeMethods.IsRoot)
            {
                await Commands.RunAsync("chown", [$"{SystemUser}:{SystemUser}", passwordFile], cancellationToken);
            }

            List<string> initdb =
            [
                Path.Combine(bin, "initdb"), "-D", dataDirectory, "-U", _options.Username, $"--pwfile={passwordFile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
            ];
            if (!_options.Durable)
            {
                initdb.Add("--no-sync");
            }

            var command = NativeMethods.IsRoot ? [.. ChildProcess.SwitchUserPrefix(SystemUser), .. initdb] : initdb;
            await Commands.RunAsync(command[0], command[1..], cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task EnsureSystemUserCanReachAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var probe = ChildProcess.SwitchUserPrefix(SystemUser).Concat(["/usr/bin/test", "-w", dataDirectory]).ToArray();
        if (await Commands.TryRunAsync(probe[0], probe[1..], cancellationToken) != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL runs as the '{SystemUser}' user when started by root, and that user cannot reach {dataDirectory}. " +
                "Choose a state folder whose parent folders are world-searchable (for example under /var/tmp or /srv).");
        }
    }

    private async Task WaitUntilAcceptingConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited during start-up:{Environment.NewLine}{_process.RecentOutput}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
