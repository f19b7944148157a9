using System.Diagnostics;
using System.Text.Json;
using Crm.DemoData;

DemoDataOptions options;
try
{
    options = DemoDataOptions.Parse(args.Where(arg => arg is not ("-h" or "--help")).ToList());
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(DemoDataOptions.Usage);
        return 0;
    }
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(DemoDataOptions.Usage);
    return 2;
}

using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromMinutes(30) };
if (options.ApiKey is not null)
{
    http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
}

var client = new ImportClient(http, Console.Out);
if (!options.GenerateOnly && !options.EndDateGiven)
{
    // The default history ends yesterday, so on a later day the same ids would come with other dates and every
    // transaction would be rejected as "recorded already with different content".
    try
    {
        if (await client.CustomerExistsAsync(DemoCustomer.ExternalIdOf(1), CancellationToken.None))
        {
            Console.WriteLine($"The demo customers are loaded already ({DemoCustomer.ExternalIdOf(1)} exists): nothing to do. " +
                "To finish a load that stopped part way, run again with the --end-date it used.");
            return 0;
        }
    }
    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
    {
        Console.Error.WriteLine($"{exception.Message} (is the suite running? start it with ./run.sh).");
        return 1;
    }
}

var folder = options.OutputFolder ?? Directory.CreateTempSubdirectory("crm-demo-data-").FullName;
var clock = Stopwatch.StartNew();
var summary = new DemoDataGenerator(options.Settings).Generate(folder);
Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:0.0} s into {folder}: {summary}");
if (options.GenerateOnly)
{
    return 0;
}

try
{
    // Customers first: transactions and interactions name them by external id.
    foreach (var (kind, file) in new[]
             {
                 ("customers", DemoDataGenerator.CustomersFile),
                 ("transactions", DemoDataGenerator.TransactionsFile),
                 ("interactions", DemoDataGenerator.InteractionsFile),
             })
    {
        var job = await client.ImportAsync(kind, Path.Combine(folder, file), CancellationToken.None);
        if (!job.Succeeded)
        {
            Console.Error.WriteLine($"The {kind} import did not succeed cleanly; the files are kept in {folder}.");
            return 1;
        }
    }
}
catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
{
    Console.Error.WriteLine($"{exception.Message} (is the suite running? start it with ./run.sh). The files are kept in {folder}.");
    return 1;
}

if (options.OutputFolder is null)
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine($"Loaded in {clock.Elapsed.TotalSeconds:0.0} s.");
return 0;
