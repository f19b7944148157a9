using Crm.Profitability.Apis;
using Crm.Profitability.Data;
using Crm.Profitability.Messaging;
using Crm.Profitability.Model;
using Crm.Profitability.Scoring;
using MassTransit;

namespace Crm.Profitability;

public static class ProfitabilityServiceExtensions
{
    /// <summary>The consumers that keep the P&amp;L facts current.</summary>
    public static void AddProfitabilityConsumers(this IBusRegistrationConfigurator bus)
    {
        // Up to 16 events or 100 ms, whichever comes first, four batches at a time (MassTransit raises the prefetch count
        // to the 64 they hold). Bulk events of a thousand are still stored four at a time, one per transaction (that
        // keeps two cores busy; more only contend, docs/benchmarks.md); posted single sales go sixteen to a transaction,
        // which halves their commits against eight. A bigger limit would hold more bulk events in memory at once.
        bus.AddConsumer<RecordTransactionsConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(16)
            .SetTimeLimit(TimeSpan.FromMilliseconds(100))
            .SetConcurrencyLimit(RecordTransactionsConsumer.ConcurrentBatches)));
        bus.AddConsumer<ReverseTransactionConsumer>();
        bus.AddConsumer<RecordInteractionsConsumer>();
        bus.AddConsumer<KnowRegisteredCustomerConsumer>();
        bus.AddConsumer<KnowImportedCustomersConsumer>();
        bus.AddConsumer<FollowProfileConsumer>();
        bus.AddConsumer<ForgetErasedCustomerConsumer>();
        bus.AddConsumer<FollowSegmentsConsumer>();
        bus.AddConsumer<FollowSegmentRevisionsConsumer>();
    }

    public static IHostApplicationBuilder AddProfitability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProfitabilityOptions>().BindConfiguration(ProfitabilityOptions.Section)
            .Validate(options => options.ReportingCurrency is { Length: 3 } currency && currency.All(char.IsAsciiLetterUpper),
                "Profitability:ReportingCurrency must be an ISO 4217 code such as EUR.")
            .ValidateOnStart();
        builder.Services.AddOptions<LifetimeValueOptions>().BindConfiguration(LifetimeValueOptions.Section)
            .Validate(options => TimeUnits.All.Contains(options.TimeUnit), "Profitability:LifetimeValue:TimeUnit must be days, weeks or months.")
            .Validate(options => options.HorizonMonths is >= 1 and <= ScoringRules.MaxHorizonMonths, "Profitability:LifetimeValue:HorizonMonths must be 1 to 120.")
            .Validate(options => options.MonthlyDiscountRate is >= 0 and <= 1, "Profitability:LifetimeValue:MonthlyDiscountRate must be 0 to 1.")
            .Validate(options => options.ChunkSize > 0, "Profitability:LifetimeValue:ChunkSize must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<FactStore>();
        builder.Services.AddSingleton<CustomerDirectory>();
        builder.Services.AddSingleton<SegmentNames>();
        builder.Services.AddSingleton<SegmentMemberships>();
        builder.Services.AddSingleton<CostModelStore>();
        builder.Services.AddSingleton<PnlQueries>();
        builder.Services.AddSingleton<ChannelValueQuery>();
        builder.Services.AddSingleton<CalibrationSummaryQuery>();
        builder.Services.AddSingleton<CustomerValueStore>();
        builder.Services.AddSingleton<ScoringRunStore>();
        builder.Services.AddSingleton<ScoringRunner>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddHostedService<ScoringWorker>();
        builder.Services.AddHostedService<ScoringSchedule>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProfitabilityApi(this IEndpointRouteBuilder app) => app
        .MapProfitAndLossApi()
        .MapCostModelsApi()
        .MapLifetimeValueApi();
}
