-- Customers erased, so that an event about them arriving late (imports, value runs and loyalty tiers travel in their
-- own streams, erasure in the customer's) does not bring back their facts, consents, purchases or memberships.
create table erased_customers (
    customer_id uuid        primary key,
    erased_at   timestamptz not null
);
