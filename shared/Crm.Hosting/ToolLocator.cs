namespace Crm.Hosting;

/// <summary>Finds the Debian-packaged server binaries, or explains how to install them.</summary>
public static class ToolLocator
{
    public const string RabbitMqServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string RabbitMqCtlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    public static string RabbitMqServer() =>
        File.Exists(RabbitMqServerScript)
            ? RabbitMqServerScript
            : throw new MissingToolException(
                "RabbitMQ is not installed (no " + RabbitMqServerScript + "). Install it with: " +
                "sudo apt-get update && sudo apt-get install -y rabbitmq-server   (or run ./run.sh, which installs what is missing)");

    /// <summary>The folder holding initdb and postgres, highest installed major version first.</summary>
    public static string PostgresBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CRM_PG_BINDIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "postgres")))
        {
            return fromEnvironment;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            : Enumerable.Empty<string>();

        return candidates.FirstOrDefault()
            ?? throw new MissingToolException(
                "PostgreSQL server binaries were not found under " + debianRoot + "/<version>/bin. Install them with: " +
                "sudo apt-get update && sudo apt-get install -y postgresql   (or run ./run.sh, which installs what is missing)");
    }
}
