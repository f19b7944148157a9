-- Which segments each customer is in, followed from the segmentation service, for the P&L roll-up by segment.
-- One row per customer and segment ever seen: a change applies only if it is newer than the one already kept, so
-- changes that arrive out of order (a recompute batch and a single customer's update travel separately) settle on
-- the latest.
create table segment_memberships (
    customer_id  uuid not null,
    segment_id   uuid not null,
    segment_name text not null,
    is_member    boolean not null,
    changed_at   timestamptz not null,
    primary key (customer_id, segment_id)
);

create index segment_memberships_members on segment_memberships (segment_id) include (customer_id) where is_member;
