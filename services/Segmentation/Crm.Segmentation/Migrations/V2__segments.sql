-- Segments: a versioned rule over the customer facts, with who owns it and how its customers are to be managed.
-- The current version lives in segments; every version, the current one included, in segment_versions.
create table segments (
    id          uuid primary key,
    name        text not null unique,
    version     integer not null,
    description text,
    owner       text not null,
    advisor     text not null,
    strategy    jsonb not null,
    rule        jsonb not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table segment_versions (
    segment_id uuid not null references segments on delete cascade,
    version    integer not null,
    rule       jsonb not null,
    strategy   jsonb not null,
    saved_at   timestamptz not null,
    primary key (segment_id, version)
);
