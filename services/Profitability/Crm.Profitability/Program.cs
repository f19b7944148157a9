using Crm.Data;
using Crm.Messaging;
using Crm.Profitability;
using Crm.Profitability.Apis;
using Crm.Profitability.Messaging;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCrmDatabase("profitabilitydb", typeof(ProfitAndLossApi).Assembly, RecordTransactionsConsumer.ConcurrentBatches);
builder.AddCrmMessaging("profitability", bus => bus.AddProfitabilityConsumers());
builder.AddProfitability();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapProfitabilityApi();

app.Run();
