-- What the probe consumers did: deliberately no unique key, so an effect applied twice shows up as two rows.
create table effects (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null,
    customer_id uuid        not null,
    sequence    int         not null,
    applied_at  timestamptz not null default now()
);
