using Crm.Customers.Apis;
using Crm.Customers.Data;
using Crm.Customers.Messaging;
using Crm.Customers.Model;
using Crm.Messaging;

namespace Crm.Customers;

public static class CustomersServiceExtensions
{
    /// <summary>The stores behind the customers API.</summary>
    public static IHostApplicationBuilder AddCustomerRecords(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CustomersOptions>().BindConfiguration("Customers");
        builder.Services.AddSingleton<CustomerStore>();
        builder.Services.AddSingleton<CustomerSearch>();
        builder.Services.AddSingleton<AcquisitionSourceStore>();
        builder.Services.AddSingleton<ConsentStore>();
        builder.Services.AddSingleton<TransactionStore>();
        builder.Services.AddSingleton<TransactionQueries>();
        builder.Services.AddSingleton<TransactionReversals>();
        builder.Services.AddSingleton<InteractionStore>();
        builder.Services.AddSingleton<CustomerErasure>();
        builder.Services.AddEventFold<PostedSalesFold>();
        builder.Services.AddEventFold<PostedInteractionsFold>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCustomerRecordsApi(this IEndpointRouteBuilder app) => app
        .MapCustomersApi()
        .MapAcquisitionSourcesApi()
        .MapConsentApi()
        .MapTransactionsApi()
        .MapInteractionsApi()
        .MapPrivacyApi();
}
