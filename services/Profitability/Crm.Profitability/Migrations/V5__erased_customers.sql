-- Customers erased, so that an import batch naming them arriving late (imports travel in their own stream, erasure
-- in the customer's) does not bring back their source, interactions, sales or segments.
create table erased_customers (
    customer_id uuid        primary key,
    erased_at   timestamptz not null
);
