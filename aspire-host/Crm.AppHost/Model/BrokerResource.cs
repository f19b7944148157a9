namespace Crm.AppHost.Model;

/// <summary>The RabbitMQ node; referenced as ConnectionStrings__{Name}.</summary>
public sealed class BrokerResource : Resource
{
    public BrokerResource(string name) : base(name) => Instances.Add(new ResourceInstance(name));

    public override string Kind => "rabbitmq";

    public string? ConnectionString { get; set; }
}
