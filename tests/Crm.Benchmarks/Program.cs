using Crm.Benchmarks;
using Crm.Benchmarks.AppHost;
using Crm.Benchmarks.Gateway;
using Crm.Benchmarks.Imports;
using Crm.Benchmarks.Profitability;
using Crm.Benchmarks.Segmentation;
using Crm.Benchmarks.Lifetime;
using Crm.Benchmarks.Loyalty;
using Crm.Benchmarks.Transactions;

// dotnet run -c Release --project tests/Crm.Benchmarks -- <scenario> [options]
return args.FirstOrDefault() switch
{
    "outbox" => await OutboxBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "gateway" => await GatewayBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "ping-backend" => await PingBackend.ServeAsync(Options.Parse(args.Skip(1))),
    "apphost" => await AppHostBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "import" => await ImportBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "transactions" => await TransactionPostingBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "clv" => LifetimeValueBenchmark.Run(Options.Parse(args.Skip(1))),
    "kmeans" => KMeansBenchmark.Run(Options.Parse(args.Skip(1))),
    "pnl" => await PnlIngestionBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "recompute" => await FullRecomputeBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "membership" => await MembershipLatencyBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    "loyalty" => await LoyaltyBenchmark.RunAsync(Options.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project tests/Crm.Benchmarks -- <scenario> [--key value ...]
          outbox   cold fixture start; outbox vs direct-publish throughput end to end; commit-to-consumer latency at a fixed rate
                   --events 20000  --rate 500  --seconds 10  --customers 100
          gateway  wrk req/s, p50, p99: backend direct vs through Crm.Gateway vs through nginx (needs wrk, nginx-light);
                   then p50/p99 direct and through the gateway at a fixed --rate (open loop)
                   --seconds 10  --connections 32  --threads 2  --rate 1000
          apphost  whole suite from the command to every resource healthy (empty state, then restart); idle memory per service
                   --idle 15
          import   1,000,000-line transactions CSV through the customers service (own process): upload to job done, peak RSS; then a re-import
                   --lines 1000000  --customers 20000
          transactions  single POST /api/customers/{id}/transactions at a fixed rate through the gateway of a running suite, and direct
                   --rate 300  --seconds 30  --customers 500
          pnl      TransactionsRecorded batches of 1,000 at a fixed rate into the profitability service; event-to-P&L latency p50/p99
                   --rate 20000  --seconds 30  --customers 50000  --direct 0|1 (publish without the outbox)  --drain N (consumer alone)
          clv      in process: BG/NBD and Gamma-Gamma fits and 12-month CLV scoring of simulated bases of 100,000 and --customers
                   --customers 1000000  --runs 3
          kmeans   in process: k-means segments of simulated customers, automatic k over 2..10 (standardise, fit, score); time per k, chosen k, ARI vs truth
                   --customers 1000000  --features 8  --segments 5 (true k)  --min-k 2  --max-k 10  --runs 1
          recompute  segmentation's full recompute job: RFM quintiles, value deciles and 20 rule segments over generated customers;
                   a first job (everyone enters), then --runs jobs each after --drift % of customers changed
                   --customers 1000000  --runs 3  --drift 1
          membership  20 rule segments; single-transaction events at a fixed rate; event-to-membership-change latency p50/p99
                   --rate 2000  --seconds 20  --customers 10000  --direct 0|1 (publish without the outbox)
          loyalty  loyalty service (own process): --transactions sales as TransactionsRecorded batches of 1,000 through outbox and broker,
                   first commit to every point awarded, ledger checked against an independent recomputation; then balance and tier
                   reads at --rate through the gateway and direct, p50/p99
                   --transactions 1000000  --customers 50000  --rate 500  --seconds 20  --drain 0|1 (loyalty alone: sales queued while it is stopped)
        """);
    return 2;
}
