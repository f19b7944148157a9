using Crm.Benchmarks;

// dotnet run -c Release --project tests/Crm.Benchmarks -- <scenario> [options]
return args.FirstOrDefault() switch
{
    "outbox" => await OutboxBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/Crm.Benchmarks -- <scenario> [--key value ...]
          outbox   cold fixture start; outbox vs direct-publish throughput end to end; commit-to-consumer latency at a fixed rate
                   --events 20000  --rate 500  --seconds 10  --customers 100
        """);
    return 2;
}
