-- The balance is derived, never stored: every ledger entry moves the remaining points of earning batches by the same
-- amount, so the balance is the sum of what the batches have left (available once past the return window, pending
-- before), and batches never going below zero is what keeps a balance from going negative.
alter table points_accounts
    drop column balance,
    add column tier        text,
    add column tier_since  timestamptz,
    add column below_since timestamptz,
    add column birth_date  date;

-- Append-only: what happened to a customer's points and which rule or action did it.
create table ledger_entries (
    id           bigint generated always as identity primary key,
    customer_id  uuid        not null,
    kind         text        not null check (kind in ('earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer')),
    points       bigint      not null check (points <> 0),
    source       text        not null,
    rule_id      uuid,
    rule_version integer,
    reason       text        not null,
    occurred_at  timestamptz not null,
    recorded_at  timestamptz not null
);

create index ledger_entries_customer on ledger_entries (customer_id, id);
create index ledger_entries_occurred on ledger_entries (occurred_at);

-- Points earned together (one transaction, one event, one credit) expire together; spending takes the batch that
-- expires first, so a partial redemption never makes a whole balance expire early.
create table earning_batches (
    id           bigint generated always as identity primary key,
    customer_id  uuid        not null,
    source       text        not null,
    earned_at    timestamptz not null,
    available_at timestamptz not null,
    expires_at   timestamptz not null,
    points       bigint      not null check (points > 0),
    remaining    bigint      not null check (remaining >= 0 and remaining <= points),
    noticed      boolean     not null default false
);

create index earning_batches_customer on earning_batches (customer_id) where remaining > 0;
create index earning_batches_expiry on earning_batches (expires_at) where remaining > 0;

-- Every sale that reached loyalty, once: what it earned and what returns have taken back since. Its categories stay
-- for the what-if simulation of promotions over past transactions.
create table earned_transactions (
    transaction_id  uuid primary key,
    customer_id     uuid           not null,
    occurred_at     timestamptz    not null,
    channel         text           not null,
    net_amount      numeric(19, 4) not null,
    lines           jsonb          not null,
    points_earned   bigint         not null,
    returned_net    numeric(19, 4) not null default 0,
    points_reversed bigint         not null default 0
);

create index earned_transactions_customer on earned_transactions (customer_id, occurred_at);
create index earned_transactions_occurred on earned_transactions (occurred_at);

-- Reversals (a transaction entered in error) and returns, once each, even if they arrive before their sale.
create table transaction_corrections (
    correction_id  uuid primary key,
    transaction_id uuid           not null,
    customer_id    uuid           not null,
    net_amount     numeric(19, 4),
    applied        boolean        not null,
    received_at    timestamptz    not null
);

create index transaction_corrections_transaction on transaction_corrections (transaction_id) where not applied;

-- Per-customer running counts the earn rules read: purchases and spend per period, points per rule per cap period.
create table earning_counters (
    customer_id uuid           not null,
    key         text           not null,
    value       numeric(19, 4) not null,
    primary key (customer_id, key)
);

-- The segments each customer is in, followed from the segmentation service, for earn rules and reward visibility.
create table customer_segments (
    customer_id  uuid not null,
    segment_name text not null,
    primary key (customer_id, segment_name)
);

-- Earn rules: every version kept; the latest version of each rule is the one in force (within its effective dates).
create table earn_rules (
    id         uuid        not null,
    version    integer     not null,
    name       text        not null,
    definition jsonb       not null,
    retired    boolean     not null default false,
    saved_at   timestamptz not null,
    primary key (id, version)
);

-- Event rules award once per business event (a survey response, a referral, a birthday in a year).
create table awarded_events (
    customer_id uuid not null,
    event_key   text not null,
    primary key (customer_id, event_key)
);
