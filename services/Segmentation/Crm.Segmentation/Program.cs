using Crm.Data;
using Crm.Messaging;
using Crm.Segmentation;
using Crm.Segmentation.Apis;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCrmDatabase("segmentationdb", typeof(CustomerFactsApi).Assembly);
builder.AddCrmMessaging("segmentation", bus => bus.AddSegmentationConsumers());
builder.AddSegmentation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSegmentationApi();

app.Run();
