using Crm.Customers.Model;

namespace Crm.Customers.Imports;

public static class ImportsExtensions
{
    /// <summary>Bulk imports: the spool, the job store, and the worker that runs this host's jobs.</summary>
    public static IHostApplicationBuilder AddCustomerImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportsOptions>().BindConfiguration("Imports");
        builder.Services.AddOptions<CustomersOptions>().BindConfiguration("Customers");
        builder.Services.AddSingleton<ImportSpool>();
        builder.Services.AddSingleton<ImportJobStore>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddSingleton<TransactionWriter>();
        builder.Services.AddSingleton<CustomerWriter>();
        builder.Services.AddSingleton<InteractionWriter>();
        builder.Services.AddHostedService<ImportWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        app.MapImports();
        return app;
    }
}
