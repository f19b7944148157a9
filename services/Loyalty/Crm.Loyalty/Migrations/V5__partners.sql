-- Alliance partners: members earn and pay with points at them, each at its own rates, and each pays us per point
-- issued on its behalf. The signing key is the raw HMAC key behind the partner's "whsec_" secret; it has to be kept
-- as is (not hashed) to check signatures, and the API never shows it after creation or rotation.
create table partners (
    id             uuid           primary key,
    name           text           not null,
    earn_rate      numeric(14, 4) not null check (earn_rate > 0),
    burn_rate      numeric(14, 4) not null check (burn_rate > 0),
    cost_per_point numeric(14, 6) not null check (cost_per_point >= 0),
    currency       text           not null check (currency ~ '^[A-Z]{3}$'),
    signing_key    bytea          not null,
    active         boolean        not null default true,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null
);

-- "Café Nord" and "café nord" are the same partner to the people running the programme.
create unique index partners_name on partners (lower(name));

-- Every transaction a partner posted, once per partner's own id: what it did to the member's points, what the
-- partner was charged per point then (a later price change does not rewrite a past settlement), and the balance it
-- answered, so a retried delivery gets the very same answer.
create table partner_transactions (
    partner_id      uuid           not null references partners (id),
    transaction_id  text           not null,
    customer_id     uuid           not null,
    kind            text           not null check (kind in ('earn', 'burn')),
    amount          numeric(19, 4) not null check (amount > 0),
    points          bigint         not null check (points >= 0),
    cost_per_point  numeric(14, 6) not null,
    available_after bigint         not null,
    occurred_at     timestamptz    not null,
    received_at     timestamptz    not null,
    primary key (partner_id, transaction_id)
);

create index partner_transactions_settlement on partner_transactions (partner_id, occurred_at);
create index partner_transactions_customer on partner_transactions (customer_id);
