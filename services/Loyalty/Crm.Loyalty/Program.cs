using Crm.Data;
using Crm.Loyalty.Apis;
using Crm.Loyalty.Data;
using Crm.Loyalty.Messaging;
using Crm.Messaging;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddValidation();
builder.AddCrmDatabase("loyaltydb", typeof(AccountsApi).Assembly);
builder.AddCrmMessaging("loyalty", bus =>
{
    bus.AddConsumer<OpenPointsAccountConsumer>();
    bus.AddConsumer<OpenImportedPointsAccountsConsumer>();
    bus.AddConsumer<ForgetErasedCustomerConsumer>();
});
builder.Services.AddSingleton<PointsAccountStore>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAccountsApi();

app.Run();
