-- The rewards catalogue. Stock is what is left to reserve (null: unlimited); a reservation takes one, a cancellation
-- gives it back, and the check keeps two members from taking the last one twice. Visibility lists are null for "all".
create table rewards (
    id                  uuid        primary key,
    name                text        not null,
    description         text,
    cost_points         bigint      not null check (cost_points > 0),
    stock               integer     check (stock >= 0),
    per_customer_limit  integer     check (per_customer_limit > 0),
    visible_to_tiers    text[],
    visible_to_segments text[],
    active              boolean     not null default true,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

-- "Coffee" and "coffee" are the same reward to the people running the catalogue.
create unique index rewards_name on rewards (lower(name));

-- A member's redemption of a reward: reserved (points and stock held), then confirmed or cancelled. The client's key
-- makes a retried reservation find the first one instead of making a second.
create table redemptions (
    id          uuid        primary key,
    customer_id uuid        not null,
    reward_id   uuid        not null references rewards (id),
    points      bigint      not null check (points > 0),
    status      text        not null check (status in ('reserved', 'confirmed', 'cancelled')),
    client_key  text        not null,
    reserved_at timestamptz not null,
    settled_at  timestamptz,
    unique (customer_id, client_key)
);

create index redemptions_customer on redemptions (customer_id, id);
-- The per-customer limit counts what a member holds or has of a reward.
create index redemptions_held on redemptions (customer_id, reward_id) where status <> 'cancelled';
create index redemptions_settled on redemptions (settled_at) where status = 'confirmed';

-- What a reservation took from which earning batch, so a cancellation gives back exactly that, expiry dates and all.
create table redemption_debits (
    redemption_id uuid   not null references redemptions (id),
    batch_id      bigint not null,
    points        bigint not null check (points > 0),
    primary key (redemption_id, batch_id)
);
