using Crm.Customers.Imports;

namespace Crm.Customers.Tests.Imports;

/// <summary>
/// A file spanning many batches, with returns and repeats of transactions one and two batches back: a batch is
/// decided while the one before it is still being written, and must judge its rows as if that one had committed.
/// </summary>
public sealed class BatchesInFlightImportTests(SmallBatchesImportsFixture fixture) : IClassFixture<SmallBatchesImportsFixture>
{
    private const string Header = "transaction_id,customer_id,occurred_at,channel,currency,sku,category,quantity,unit_price,discount,allowance,unit_cost,kind,original_transaction_id";

    /// <summary>Lines 2–12, one transaction each, two per batch.</summary>
    private static string File(string p) => string.Join('\n',
        Header,
        $"{p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,2,5,,,,,",
        $"{p}-T2,{p}-C2,2024-05-01,web,EUR,SKU-2,food,1,5,,,,,",
        $"{p}-R1,{p}-C1,2024-05-02,store,EUR,SKU-1,food,1,5,,,,return,{p}-T1",
        $"{p}-T1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,2,5,,,,,",
        $"{p}-R2,{p}-C2,2024-05-03,web,EUR,SKU-2,food,1,5,,,,return,{p}-T2",
        $"{p}-T3,{p}-C1,2024-05-03,store,EUR,SKU-3,toys,1,20,,,,,",
        $"{p}-T2,{p}-C2,2024-05-01,web,EUR,SKU-2,food,1,6,,,,,",
        $"{p}-R3,{p}-C2,2024-05-04,store,EUR,SKU-3,toys,1,20,,,,return,{p}-T3",
        $"{p}-R4,{p}-C1,2024-05-04,store,EUR,SKU-3,toys,1,20,,,,return,{p}-T3",
        $"{p}-T4,{p}-C2,2024-05-05,web,EUR,SKU-4,toys,3,2,,,,,",
        $"{p}-R5,{p}-C2,2024-05-06,web,EUR,SKU-4,toys,1,2,,,,return,{p}-T4") + "\n";

    [Fact]
    public async Task Returns_and_repeats_of_the_batches_just_before_are_judged_as_if_those_had_committed()
    {
        var p = await NewCustomersAsync("b");

        var job = await fixture.ImportAsync(ImportKind.Transactions, File(p));

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal((11, 8, 1, 2), (job.RowsRead, job.RowsStored, job.RowsSkipped, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([(8L, "transaction_id"), (9L, "original_transaction_id")], errors.Select(e => (e.Line, e.Field)).ToArray());

        var returns = await fixture.QueryAsync<(string Return, string Original)>("""
            select r.external_id, s.external_id from transactions r join transactions s on s.id = r.original_id
            where r.external_id like @P order by r.external_id
            """, new { P = $"{p}-%" });
        Assert.Equal([($"{p}-R1", $"{p}-T1"), ($"{p}-R2", $"{p}-T2"), ($"{p}-R4", $"{p}-T3"), ($"{p}-R5", $"{p}-T4")], returns);
        Assert.Equal(10.00m, await fixture.ScalarAsync<decimal>("select revenue from transactions where external_id = @Id", new { Id = $"{p}-T1" }));
    }

    [Fact]
    public async Task The_events_of_many_batches_are_queued_in_file_order()
    {
        var p = await NewCustomersAsync("e");

        var job = await fixture.ImportAsync(ImportKind.Transactions, File(p));

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        var announced = await AnnouncedAsync(p);
        string[] expected = ["T1", "T2", "R1", "R2", "T3", "R4", "T4", "R5"];
        Assert.Equal(expected.Select(id => $"{p}-{id}"), announced);
    }

    [Fact]
    public async Task A_batch_that_fails_to_commit_is_written_again_with_the_batch_after_it_and_nothing_is_lost_or_doubled()
    {
        var p = await NewCustomersAsync("f");

        // The first copy of T3 (batch 3) fails as if a concurrent writer had stored it; a sequence remembers the
        // failure outside the rolled-back transaction, so the second attempt goes through.
        await fixture.ExecuteAsync($$"""
            create sequence "{{p}}_trips";
            create function "{{p}}_trip"() returns trigger language plpgsql as $$
            begin
                if new.external_id = '{{p}}-T3' and nextval('"{{p}}_trips"') = 1 then
                    raise exception 'stored concurrently' using errcode = 'unique_violation';
                end if;
                return new;
            end $$;
            create trigger "{{p}}_trip" before insert on transactions for each row execute function "{{p}}_trip"();
            """);
        try
        {
            var job = await fixture.ImportAsync(ImportKind.Transactions, File(p));

            Assert.Equal(ImportJobStatus.Succeeded, job.Status);
            Assert.Equal(2L, await fixture.ScalarAsync<long>($"select last_value from \"{p}_trips\""));
            Assert.Equal((11, 8, 1, 2), (job.RowsRead, job.RowsStored, job.RowsSkipped, job.RowsRejected));
            var errors = await fixture.ErrorsAsync(job.Id);
            Assert.Equal([8L, 9L], errors.Select(e => e.Line).ToArray());
            Assert.Equal(8L, await fixture.ScalarAsync<long>(
                "select count(*) from transactions where external_id like @P", new { P = $"{p}-%" }));
            Assert.Equal(1L, await fixture.ScalarAsync<long>("""
                select count(*) from transactions r join transactions s on s.id = r.original_id
                where r.external_id = @Return and s.external_id = @Original
                """, new { Return = $"{p}-R4", Original = $"{p}-T3" }));
            var announced = await AnnouncedAsync(p);
            string[] expected = ["T1", "T2", "R1", "R2", "T3", "R4", "T4", "R5"];
            Assert.Equal(expected.Select(id => $"{p}-{id}"), announced);
        }
        finally
        {
            await fixture.ExecuteAsync($"drop trigger \"{p}_trip\" on transactions; drop function \"{p}_trip\"(); drop sequence \"{p}_trips\";");
        }
    }

    [Fact]
    public async Task Returns_across_batches_take_back_no_more_than_their_sale_and_match_its_currency_and_time()
    {
        var p = await NewCustomersAsync("r");

        // Two per batch: S1 (2 × 5) is returned in its own batch, the next and the one after (committed by then), the
        // last of them one euro too many; S2 is returned in dollars and a day before it was sold.
        var file = string.Join('\n',
            Header,
            $"{p}-S1,{p}-C1,2024-05-01,store,EUR,SKU-1,food,2,5,,,,,",
            $"{p}-R1,{p}-C1,2024-05-02,store,EUR,SKU-1,food,1,4,,,,return,{p}-S1",
            $"{p}-R2,{p}-C1,2024-05-03,store,EUR,SKU-1,food,1,3,,,,return,{p}-S1",
            $"{p}-S2,{p}-C2,2024-05-03,web,USD,SKU-2,toys,1,8,,,,,",
            $"{p}-R3,{p}-C1,2024-05-04,store,EUR,SKU-1,food,1,4,,,,return,{p}-S1",
            $"{p}-R4,{p}-C2,2024-05-04,web,EUR,SKU-2,toys,1,8,,,,return,{p}-S2",
            $"{p}-R5,{p}-C2,2024-05-02,web,USD,SKU-2,toys,1,8,,,,return,{p}-S2",
            $"{p}-R6,{p}-C1,2024-05-05,store,EUR,SKU-1,food,1,3,,,,return,{p}-S1") + "\n";

        var job = await fixture.ImportAsync(ImportKind.Transactions, file);

        Assert.Equal((8, 5, 3), (job.RowsRead, job.RowsStored, job.RowsRejected));
        var errors = await fixture.ErrorsAsync(job.Id);
        Assert.Equal([(6L, "original_transaction_id"), (7L, "currency"), (8L, "occurred_at")], errors.Select(e => (e.Line, e.Field!)).ToArray());
        Assert.Equal(10.00m, await fixture.ScalarAsync<decimal>(
            "select sum(revenue) from transactions where kind = 'return' and external_id like @P", new { P = $"{p}-R%" }));
    }

    /// <summary>A fresh prefix for this test's ids, with its two customers C1 and C2 registered.</summary>
    private async Task<string> NewCustomersAsync(string letter)
    {
        var p = $"{letter}{Guid.NewGuid():N}"[..13];
        await fixture.RegisterCustomersAsync($"{p}-C1", $"{p}-C2");
        return p;
    }

    /// <summary>The external ids of the prefix's transactions, in the order their TransactionsRecorded events were queued.</summary>
    private Task<IReadOnlyList<string>> AnnouncedAsync(string p) => fixture.QueryAsync<string>("""
        select t.value->>'externalId'
        from outbox o, json_array_elements(o.payload::json->'transactions') with ordinality as t(value, n)
        where o.message_type like '%TransactionsRecorded%' and t.value->>'externalId' like @P
        order by o.id, t.n
        """, new { P = $"{p}-%" });
}
