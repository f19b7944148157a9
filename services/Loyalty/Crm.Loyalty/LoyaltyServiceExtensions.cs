using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;
using Crm.Loyalty.Messaging;
using MassTransit;

namespace Crm.Loyalty;

public static class LoyaltyServiceExtensions
{
    public static void AddLoyaltyConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<OpenPointsAccountConsumer>();
        bus.AddConsumer<OpenImportedPointsAccountsConsumer>();
        bus.AddConsumer<FollowProfileConsumer>();
        // Up to 32 events or 100 ms, whichever comes first; two batches at once (MassTransit raises the prefetch count to
        // the 64 they hold), each split by member into parts earned side by side. Account locks keep one member's sales
        // in turn. At a few hundred posted sales a second a batch then holds about 30 of them, in one transaction
        // (below MinWeightToSplit): half as many transactions as with 16 or 50 ms (docs/benchmarks.md, issue 4).
        bus.AddConsumer<EarnPointsConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(32)
            .SetTimeLimit(TimeSpan.FromMilliseconds(100))
            .SetConcurrencyLimit(EarnPointsConsumer.ConcurrentBatches)));
        bus.AddConsumer<TakeBackReversedPointsConsumer>();
        bus.AddConsumer<FollowSegmentsConsumer>();
        bus.AddConsumer<FollowSegmentRevisionsConsumer>();
        bus.AddConsumer<ForgetErasedCustomerConsumer>();
    }

    public static IHostApplicationBuilder AddLoyalty(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoyaltyOptions>().BindConfiguration(LoyaltyOptions.Section);
        builder.Services.ConfigureHttpJsonOptions(json => LoyaltyJson.Configure(json.SerializerOptions));
        builder.Services.AddSingleton<PointsAccountStore>();
        builder.Services.AddSingleton<MemberContextStore>();
        builder.Services.AddSingleton<EarnRuleStore>();
        builder.Services.AddSingleton<TierPolicyStore>();
        builder.Services.AddSingleton<TierPrivileges>();
        builder.Services.AddSingleton<TierReview>();
        builder.Services.AddSingleton<QualifyingCountStore>();
        builder.Services.AddSingleton<EarnedTransactionStore>();
        builder.Services.AddSingleton<LedgerWriter>();
        builder.Services.AddSingleton<LedgerQueries>();
        builder.Services.AddSingleton<ReversedReturns>();
        builder.Services.AddSingleton<TransactionCorrections>();
        builder.Services.AddSingleton<TransactionEarning>();
        builder.Services.AddSingleton<EventEarning>();
        builder.Services.AddSingleton<AccountActions>();
        builder.Services.AddSingleton<MemberErasure>();
        builder.Services.AddSingleton<PointsExpiry>();
        builder.Services.AddSingleton<TierReviewRun>();
        builder.Services.AddSingleton<Birthdays>();
        builder.Services.AddSingleton<Housekeeping>();
        builder.Services.AddSingleton<KpiQueries>();
        builder.Services.AddSingleton<PastPurchases>();
        builder.Services.AddSingleton<RewardStore>();
        builder.Services.AddSingleton<FollowedSegments>();
        builder.Services.AddSingleton<Redemptions>();
        builder.Services.AddSingleton<PartnerStore>();
        builder.Services.AddSingleton<PartnerTransactions>();
        builder.Services.AddSingleton<Settlements>();
        builder.Services.AddHostedService<HousekeepingSchedule>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLoyaltyApi(this IEndpointRouteBuilder app) => app
        .MapAccountsApi()
        .MapMemberEventsApi()
        .MapEarnRulesApi()
        .MapTiersApi()
        .MapHousekeepingApi()
        .MapProgrammeApi()
        .MapRewardsApi()
        .MapRedemptionsApi()
        .MapPartnersApi()
        .MapPartnerWebhookApi();
}
