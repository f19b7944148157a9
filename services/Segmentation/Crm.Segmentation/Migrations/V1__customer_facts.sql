-- What segmentation knows of each customer, kept current from the other services' events: the facts segment
-- rules read. RFM scores and value tiers are not stored: they are placed against the population's cut points
-- (table breakpoints) when read, so they are always today's.
create table customer_facts (
    customer_id        uuid primary key,
    acquisition_source text,
    country            text,
    customer_since     date,
    attributes         jsonb,
    first_purchase     date,
    last_purchase      date,
    purchase_days      integer not null default 0,
    revenue            numeric(19, 4) not null default 0,
    lifetime_value     numeric(19, 2),
    probability_alive  double precision,
    profit             numeric(19, 2),
    churn_risk         text,
    profit_band        text,
    updated_at         timestamptz not null
);

-- Distinct purchase days per customer: frequency counts days, and a batch replayed or arriving late must not count
-- a day twice.
create table purchase_days (
    customer_id uuid not null,
    day         date not null,
    primary key (customer_id, day)
);

-- The latest consent per channel and purpose; an older change arriving late does not override a newer one.
create table consents (
    customer_id uuid not null,
    channel     text not null,
    purpose     text not null,
    granted     boolean not null,
    changed_at  timestamptz not null,
    primary key (customer_id, channel, purpose)
);

-- Population cut points (RFM quintiles, lifetime-value deciles), measured by a full recompute; customers are scored
-- against them when read.
create table breakpoints (
    name        text primary key,
    cuts        double precision[] not null,
    computed_at timestamptz not null
);
