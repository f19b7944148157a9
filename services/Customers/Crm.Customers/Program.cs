using Crm.Customers;
using Crm.Customers.Apis;
using Crm.Customers.Imports;
using Crm.Data;
using Crm.Messaging;
using Crm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCrmDatabase("customersdb", typeof(CustomersApi).Assembly);
builder.AddCrmMessaging("customers");
builder.AddCustomerRecords();
builder.AddCustomerImports();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCustomerRecordsApi();
app.MapImportsApi();

app.Run();
