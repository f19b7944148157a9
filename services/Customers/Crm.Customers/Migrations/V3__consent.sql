-- Every change as it was told to us: the audit trail.
create table consent_changes (
    id          bigint generated always as identity primary key,
    customer_id uuid        not null references customers (id),
    channel     text        not null,
    purpose     text        not null,
    granted     boolean     not null,
    basis       text        not null,
    source      text        not null,
    changed_at  timestamptz not null,
    recorded_at timestamptz not null
);

create index consent_changes_customer on consent_changes (customer_id, channel, purpose, changed_at);

-- The latest change per channel and purpose, which answers "may I contact this customer now?".
create table consents (
    customer_id uuid        not null references customers (id),
    channel     text        not null,
    purpose     text        not null,
    granted     boolean     not null,
    basis       text        not null,
    source      text        not null,
    changed_at  timestamptz not null,
    primary key (customer_id, channel, purpose)
);
