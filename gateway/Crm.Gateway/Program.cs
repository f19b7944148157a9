using Crm.Gateway;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCrmGateway();

var app = builder.Build();

app.UseCorrelationId();
app.MapDefaultEndpoints();
app.MapCrmGateway();

app.Run();
