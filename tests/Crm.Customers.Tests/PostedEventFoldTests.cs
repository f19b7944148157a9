using Crm.Contracts.Customers;
using Crm.Customers.Messaging;
using Crm.Messaging.Outbox;

namespace Crm.Customers.Tests;

/// <summary>What consumers receive when the relay folds posted sales and interactions waiting together in the outbox.</summary>
public sealed class PostedEventFoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Posted_sales_fold_into_one_new_event_holding_every_sale_in_the_order_posted()
    {
        IEventFold fold = new PostedSalesFold();
        var posted = Enumerable.Range(0, 5).Select(i => Posted(Sale(Guid.NewGuid(), i), Now.AddMilliseconds(i))).ToList();

        var folded = (TransactionsRecorded)fold.Fold([.. posted]);

        Assert.All(posted, message => Assert.True(fold.CanFold(message)));
        Assert.Equal(posted.SelectMany(message => message.Transactions), folded.Transactions);
        Assert.DoesNotContain(folded.EventId, posted.Select(message => message.EventId));
        Assert.Null(folded.ImportId);
        Assert.Equal(Now.AddMilliseconds(4), folded.OccurredAt);
    }

    [Fact]
    public void An_imports_batch_is_never_folded()
    {
        IEventFold fold = new PostedSalesFold();
        var batch = new TransactionsRecorded(Guid.CreateVersion7(), Now, Guid.NewGuid(), [Sale(Guid.NewGuid(), 1), Sale(Guid.NewGuid(), 2)]);

        Assert.False(fold.CanFold(batch));
    }

    [Fact]
    public void Posted_interactions_fold_into_one_event_in_order_and_an_imports_batch_is_never_folded()
    {
        IEventFold fold = new PostedInteractionsFold();
        var posted = Enumerable.Range(0, 3)
            .Select(i => new InteractionsRecorded(Guid.CreateVersion7(), Now, null,
                [new RecordedInteraction(Guid.CreateVersion7(), $"I-{i}", Guid.NewGuid(), Now, "web", "page_view", null, null)]))
            .ToList();
        var batch = posted[0] with { ImportId = Guid.NewGuid() };

        var folded = (InteractionsRecorded)fold.Fold([.. posted]);

        Assert.Equal(posted.SelectMany(message => message.Interactions), folded.Interactions);
        Assert.DoesNotContain(folded.EventId, posted.Select(message => message.EventId));
        Assert.False(fold.CanFold(batch));
    }

    private static TransactionsRecorded Posted(RecordedTransaction sale, DateTimeOffset at) => new(Guid.CreateVersion7(), at, null, [sale]);

    private static RecordedTransaction Sale(Guid customerId, int number) => new(
        Guid.CreateVersion7(), $"T-{number}", customerId, Now, "store", "USD", TransactionKinds.Sale, null,
        10m + number, 0m, 0m, 10m + number, 4m, [new CategorySpend("books", 1m, 10m + number, 10m + number, 4m)]);
}
