create table transactions (
    id           uuid          primary key,
    external_id  text          not null unique,
    customer_id  uuid          not null references customers (id),
    kind         text          not null,
    original_id  uuid          references transactions (id),
    occurred_at  timestamptz   not null,
    channel      text          not null,
    currency     text          not null,
    revenue      numeric(16,2) not null,
    discounts    numeric(16,2) not null,
    allowances   numeric(16,2) not null,
    net_amount   numeric(16,2) not null,
    product_cost numeric(16,2) not null,
    line_count   integer       not null,
    -- A hash of what was posted, so a retry with the same id is told apart from a different transaction reusing it.
    fingerprint  text          not null,
    import_id    uuid,
    recorded_at  timestamptz   not null,
    reversed_at  timestamptz,
    reversal_reason text
);

create index transactions_customer on transactions (customer_id, occurred_at);
create index transactions_original on transactions (original_id) where original_id is not null;

-- No foreign key to transactions: lines are written in the same transaction as their header by one writer, and the
-- check would cost a lookup per line during bulk imports.
create table transaction_lines (
    transaction_id uuid          not null,
    line_no        integer       not null,
    sku            text          not null,
    category       text          not null,
    quantity       numeric(12,3) not null,
    unit_price     numeric(16,4) not null,
    discount       numeric(16,2) not null,
    allowance      numeric(16,2) not null,
    unit_cost      numeric(16,4) not null,
    primary key (transaction_id, line_no)
);
