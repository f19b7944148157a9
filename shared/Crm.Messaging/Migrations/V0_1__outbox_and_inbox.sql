-- Events waiting to be published. Rows are written in the same transaction as the state change that caused them
-- and marked sent by the relay once the broker has confirmed them.
create table outbox (
    id            bigint generated always as identity primary key,
    message_id    uuid        not null unique,
    message_type  text        not null,
    partition_key text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz
);

create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_sent_at on outbox (sent_at) where sent_at is not null;

-- Messages a consumer has already applied; a redelivery finds its row and changes nothing.
create table inbox (
    message_id   uuid        not null,
    consumer     text        not null,
    processed_at timestamptz not null default now(),
    primary key (message_id, consumer)
);

create index inbox_processed_at on inbox (processed_at);
