using Crm.Data;
using Crm.Loyalty;
using Crm.Loyalty.Messaging;
using Crm.Messaging;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddValidation();
builder.AddCrmDatabase("loyaltydb", typeof(LoyaltyOptions).Assembly, EarnPointsConsumer.ConnectionsHeld);
builder.AddCrmMessaging("loyalty", bus => bus.AddLoyaltyConsumers());
builder.AddLoyalty();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLoyaltyApi();

app.Run();
