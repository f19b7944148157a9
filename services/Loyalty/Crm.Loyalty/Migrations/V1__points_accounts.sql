-- One points account per customer, opened when the customers service registers the customer.
create table points_accounts (
    customer_id uuid        primary key,
    opened_at   timestamptz not null,
    balance     bigint      not null default 0 check (balance >= 0)
);
