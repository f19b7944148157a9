create table interactions (
    id            uuid          primary key,
    external_id   text          not null unique,
    customer_id   uuid          not null references customers (id),
    occurred_at   timestamptz   not null,
    channel       text          not null,
    type          text          not null,
    cost_to_serve numeric(12,4),
    currency      text,
    import_id     uuid,
    recorded_at   timestamptz   not null
);

create index interactions_customer on interactions (customer_id, occurred_at);
