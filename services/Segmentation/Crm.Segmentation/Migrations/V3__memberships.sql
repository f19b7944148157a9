-- Who is in which segment now, and every entry and exit with its reason (the membership change log).
create table segment_members (
    segment_id  uuid not null references segments on delete cascade,
    customer_id uuid not null,
    since       timestamptz not null,
    primary key (segment_id, customer_id)
);

create index segment_members_customer on segment_members (customer_id);

create table membership_changes (
    id          bigint generated always as identity primary key,
    segment_id  uuid not null references segments on delete cascade,
    customer_id uuid not null,
    version     integer not null,
    change      text not null,
    reason      text not null,
    changed_at  timestamptz not null
);

create index membership_changes_segment on membership_changes (segment_id, id);
