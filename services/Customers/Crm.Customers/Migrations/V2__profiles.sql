-- The managed list behind "where did you hear about us"; free text goes beside it on the profile.
create table acquisition_sources (
    code   text primary key,
    label  text not null,
    active boolean not null default true
);

insert into acquisition_sources (code, label) values
    ('search', 'Search engine'),
    ('social', 'Social media'),
    ('referral', 'Friend or family'),
    ('advertising', 'Advertising'),
    ('email', 'Email'),
    ('store', 'In a store'),
    ('partner', 'Partner'),
    ('event', 'Event'),
    ('other', 'Other');

alter table customers
    add column phone              text,
    add column postal_address     jsonb,
    add column birth_date         date,
    add column household_size     integer,
    add column country            text,
    add column region             text,
    add column acquisition_source text references acquisition_sources (code),
    add column acquisition_note   text,
    add column attributes         jsonb not null default '{}',
    add column customer_since     date,
    add column version            integer not null default 1,
    add column erased_at          timestamptz;

update customers set customer_since = created_at::date;
alter table customers alter column customer_since set not null;

create extension if not exists pg_trgm;

create index customers_created on customers (created_at, id);
create index customers_acquisition on customers (acquisition_source, id);
create index customers_attributes on customers using gin (attributes jsonb_path_ops);
create index customers_name_trgm on customers using gin (lower(name) gin_trgm_ops);
create index customers_email_trgm on customers using gin (lower(email) gin_trgm_ops);
