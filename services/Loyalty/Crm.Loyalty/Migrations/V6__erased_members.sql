-- Members erased, so that a sale or event about them arriving late (imports travel in their own stream, erasure in
-- the customer's) does not open a new account and give points to someone who is gone.
create table erased_members (
    customer_id uuid        primary key,
    erased_at   timestamptz not null
);
