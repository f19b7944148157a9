using Crm.Segmentation.Apis;
using Crm.Segmentation.Data;
using Crm.Segmentation.Messaging;
using Crm.Segmentation.Model;
using MassTransit;

namespace Crm.Segmentation;

public static class SegmentationServiceExtensions
{
    /// <summary>The consumers that keep the customer facts current.</summary>
    public static void AddSegmentationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<KnowRegisteredCustomerConsumer>();
        bus.AddConsumer<KnowImportedCustomersConsumer>();
        bus.AddConsumer<FollowProfileConsumer>();
        bus.AddConsumer<FollowConsentConsumer>();
        // Up to 100 events or 100 ms, whichever comes first: one transaction for what arrived in that time. At a few
        // hundred posted sales a second the window decides, and a longer one means fewer, fuller transactions.
        bus.AddConsumer<FollowPurchasesConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(100)
            .SetTimeLimit(TimeSpan.FromMilliseconds(100))
            .SetConcurrencyLimit(1)));
        bus.AddConsumer<ReverseTransactionConsumer>();
        bus.AddConsumer<FollowValuesConsumer>();
        bus.AddConsumer<FollowTiersConsumer>();
        bus.AddConsumer<ForgetErasedCustomerConsumer>();
    }

    public static IHostApplicationBuilder AddSegmentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SegmentationOptions>().BindConfiguration(SegmentationOptions.Section)
            .Validate(options => options.ReportingCurrency is { Length: 3 } currency && currency.All(char.IsAsciiLetterUpper),
                "Segmentation:ReportingCurrency must be an ISO 4217 code such as EUR.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CustomerFactStore>();
        builder.Services.AddSingleton<BreakpointStore>();
        builder.Services.AddSingleton<PurchaseStore>();
        builder.Services.AddSingleton<CustomerValueFacts>();
        builder.Services.AddSingleton<PopulationRecompute>();
        builder.Services.AddSingleton<CustomerFactQueries>();
        builder.Services.AddSingleton<SegmentStore>();
        builder.Services.AddSingleton<SegmentCatalog>();
        builder.Services.AddSingleton<MembershipQueries>();
        builder.Services.AddSingleton<MembershipWriter>();
        builder.Services.AddSingleton<MembershipMaintainer>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddHostedService<SegmentRecomputeWorker>();
        builder.Services.AddHostedService<PopulationRecomputeSchedule>();
        builder.Services.AddOptions<RecomputeJobOptions>().BindConfiguration(RecomputeJobOptions.Section);
        builder.Services.AddSingleton<RecomputeJobStore>();
        builder.Services.AddSingleton<RecomputeJobSignal>();
        builder.Services.AddSingleton<RecomputePageWriter>();
        builder.Services.AddSingleton<FullRecompute>();
        builder.Services.AddHostedService<RecomputeJobWorker>();
        builder.Services.AddOptions<Model.Portraits.PortraitOptions>().BindConfiguration(SegmentationOptions.Section);
        builder.Services.AddSingleton<PortraitQueries>();
        builder.Services.AddSingleton<IdealCustomerQueries>();
        builder.Services.AddSingleton<ClusteringStore>();
        builder.Services.AddSingleton<ClusteringFeatureReader>();
        builder.Services.AddSingleton<ClusteringRunner>();
        builder.Services.AddKeyedSingleton<JobQueue>(ClusteringWorker.QueueKey);
        builder.Services.AddHostedService<ClusteringWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSegmentationApi(this IEndpointRouteBuilder app) => app
        .MapCustomerFactsApi()
        .MapSegmentsApi()
        .MapMembershipsApi()
        .MapRecomputesApi()
        .MapPortraitsApi()
        .MapClusteringsApi();
}
