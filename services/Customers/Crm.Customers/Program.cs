using Crm.Customers.Apis;
using Crm.Customers.Data;
using Crm.Data;
using Crm.Messaging;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// Called here, not in the shared defaults: the validation source generator only sees calls in this project.
builder.Services.AddValidation();
builder.AddCrmDatabase("customersdb", typeof(CustomersApi).Assembly);
builder.AddCrmMessaging("customers");
builder.Services.AddSingleton<CustomerStore>();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCustomersApi();

app.Run();
