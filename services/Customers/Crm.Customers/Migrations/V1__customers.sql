create table customers (
    id          uuid        primary key,
    external_id text        not null unique,
    name        text        not null,
    email       text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
