using Crm.Testing;
using Crm.Testing.Probes;
using MassTransit;

namespace Crm.Messaging.Tests;

/// <summary>The broker goes away for 10 s while a service keeps committing events; every event still arrives, once.</summary>
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Events_committed_while_the_broker_is_down_arrive_once_each_after_it_returns()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var folder = TestFolders.Create("crm-outage-");
        await using var broker = await TestInfrastructure.StartBrokerAsync(folder);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        await infrastructure.Database.CreateDatabaseAsync($"producer_{suffix}");
        await infrastructure.Database.CreateDatabaseAsync($"consumer_{suffix}");

        await using var consumer = await MessagingService.StartAsync("consumer", infrastructure.Database.ConnectionString($"consumer_{suffix}"),
            broker.ConnectionString(), bus => bus.AddConsumer<RecordEffectConsumer>());
        await using var producer = await MessagingService.StartAsync("producer", infrastructure.Database.ConnectionString($"producer_{suffix}"),
            broker.ConnectionString());

        const int eventCount = 300;
        var customers = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        var producing = Task.Run(async () =>
        {
            // About 20 s of steady production: before, during and after the outage.
            for (var i = 0; i < eventCount; i++)
            {
                await producer.CommitAsync(ProbeEvent.New(customers[i % customers.Length], i));
                await Task.Delay(65);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(3));
        await broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        await broker.StartAsync();
        await producing;

        await Eventually.ReturnsAsync(() => consumer.QueryCountAsync("select count(*) from effects"), count => count >= eventCount,
            timeout: TimeSpan.FromSeconds(90), because: "for every event committed during the outage");
        await Task.Delay(1000);
        Assert.Equal(eventCount, await consumer.QueryCountAsync("select count(*) from effects"));
        Assert.Equal(eventCount, await consumer.QueryCountAsync("select count(distinct event_id) from effects"));
        Assert.Equal(0, await producer.QueryCountAsync("select count(*) from outbox where sent_at is null"));
        TestFolders.TryDelete(folder);
    }
}
