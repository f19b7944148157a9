-- What profitability knows of each customer, from the customers service's events.
create table customers (
    customer_id        uuid primary key,
    acquisition_source text,
    registered_at      timestamptz not null
);

-- One row per recorded transaction, with the amounts its lines carried. Returns are stored with negative amounts
-- (they take revenue and product cost back), so a P&L is a plain sum. Costs that depend on the cost model are not
-- stored: they are applied when a P&L is read, so a changed model changes every affected P&L at once.
create table transaction_facts (
    transaction_id uuid primary key,
    customer_id    uuid not null,
    occurred_at    timestamptz not null,
    channel        text not null,
    currency       char(3) not null,
    kind           text not null,
    revenue        numeric(19, 4) not null,
    discounts      numeric(19, 4) not null,
    allowances     numeric(19, 4) not null,
    net_amount     numeric(19, 4) not null,
    product_cost   numeric(19, 4) not null,
    reversed       boolean not null default false,
    recorded_at    timestamptz not null default clock_timestamp()
);

create index transaction_facts_customer on transaction_facts (customer_id, occurred_at);
create index transaction_facts_occurred on transaction_facts (occurred_at);

-- A reversal may arrive before the transaction it cancels (an import's batches and a single reversal travel in
-- different streams); it is kept so the transaction is stored as reversed whenever it comes.
create table transaction_reversals (
    transaction_id uuid primary key,
    reversed_at    timestamptz not null
);

create table interaction_facts (
    interaction_id uuid primary key,
    customer_id    uuid not null,
    occurred_at    timestamptz not null,
    channel        text not null,
    type           text not null,
    cost_to_serve  numeric(19, 4),
    currency       char(3),
    recorded_at    timestamptz not null default clock_timestamp()
);

create index interaction_facts_customer on interaction_facts (customer_id, occurred_at);
create index interaction_facts_occurred on interaction_facts (occurred_at);
