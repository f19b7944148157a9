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
        bus.AddConsumer<FollowPurchasesConsumer>();
        bus.AddConsumer<FollowValuesConsumer>();
        bus.AddConsumer<ForgetErasedCustomerConsumer>();
    }

    public static IHostApplicationBuilder AddSegmentation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SegmentationOptions>().BindConfiguration(SegmentationOptions.Section);
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
        return builder;
    }

    public static IEndpointRouteBuilder MapSegmentationApi(this IEndpointRouteBuilder app) => app
        .MapCustomerFactsApi()
        .MapSegmentsApi()
        .MapMembershipsApi();
}
