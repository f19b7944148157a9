-- The days each customer bought on each sales channel: like purchase_days, a batch replayed or arriving late must
-- not count a day twice, so purchases per channel are counted in distinct days, as frequency is.
create table purchase_channel_days (
    customer_id uuid not null,
    channel     text not null,
    day         date not null,
    primary key (customer_id, channel, day)
);

-- Purchases (distinct purchase days) per customer and channel, moved only by days new to purchase_channel_days, in
-- the same statement; a customer's preferred channel is the one with the most.
create table purchase_channels (
    customer_id uuid not null,
    channel     text not null,
    purchases   integer not null,
    primary key (customer_id, channel)
);

-- Each customer's channels most-bought first: portraits read everyone's preferred channel off this index, in order,
-- without sorting.
create index purchase_channels_preference on purchase_channels (customer_id, purchases desc, channel);
