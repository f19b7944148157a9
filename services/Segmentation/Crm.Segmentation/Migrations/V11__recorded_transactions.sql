-- Each transaction counted in the facts, with what it added, so that a reversal (TransactionReversed names only the
-- transaction) takes out exactly that, and a transaction delivered twice counts once. A reversal arriving before its
-- transaction (they travel in different streams) leaves a row marked reversed with nothing recorded, and the
-- transaction adds nothing when it comes. Transactions counted before this table existed are not in it: a reversal of
-- one of them changes nothing.
create table recorded_transactions (
    transaction_id uuid primary key,
    customer_id    uuid not null,
    day            date,
    channel        text,
    kind           text,
    amount         numeric(19, 4),
    reversed       boolean not null default false
);

-- Erasure deletes a customer's rows, and a reversed sale asks whether another sale stands on its day.
create index recorded_transactions_customer on recorded_transactions (customer_id);
