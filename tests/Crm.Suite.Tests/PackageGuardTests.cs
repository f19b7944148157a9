using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Crm.Suite.Tests;

/// <summary>MassTransit 9 is commercial and refuses to start without a licence key: the suite stays on 8.x.</summary>
public sealed partial class PackageGuardTests
{
    [Fact]
    public void No_MassTransit_package_is_pinned_at_version_9_or_later()
    {
        var props = XDocument.Load(Path.Combine(Crm.Hosting.Repository.Root, "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion")
            .Where(package => ((string?)package.Attribute("Include"))?.StartsWith("MassTransit", StringComparison.OrdinalIgnoreCase) == true)
            .ToDictionary(package => (string)package.Attribute("Include")!, package => (string)package.Attribute("Version")!);

        Assert.NotEmpty(pinned);
        Assert.All(pinned, package => Assert.True(MajorVersion(package.Value) < 9, $"{package.Key} is pinned at {package.Value}"));
    }

    [Fact]
    public void The_MassTransit_assemblies_the_services_load_are_below_version_9()
    {
        var assemblies = new[] { typeof(MassTransit.IBus).Assembly, typeof(MassTransit.RabbitMqBusFactoryConfiguratorExtensions).Assembly };

        Assert.All(assemblies, assembly => Assert.True(assembly.GetName().Version!.Major < 9, $"{assembly.GetName()} is version 9 or later"));
    }

    private static int MajorVersion(string version) => int.Parse(LeadingNumber().Match(version).Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d+")]
    private static partial Regex LeadingNumber();
}
