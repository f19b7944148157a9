-- Segments are followed by id, with the name of the newest version seen, so that a renamed segment's members,
-- rewards and earn rules follow it. Earn rules and rewards name segments; the members' rows carry the current name.
create table segments (
    segment_id uuid    primary key,
    name       text    not null,
    -- The segment's version in the segmentation service; 0 for a stand-in (below) not yet matched to its segment.
    version    integer not null
);

-- Members followed before this migration are known by name only. Each name stands in for its segment under an id
-- made from the name (version 0), until the first event naming that segment gives its rows the real id.
alter table customer_segments add column segment_id uuid;
update customer_segments set segment_id = md5(segment_name)::uuid;
insert into segments (segment_id, name, version) select distinct md5(segment_name)::uuid, segment_name, 0 from customer_segments;
alter table customer_segments
    alter column segment_id set not null,
    drop constraint customer_segments_pkey,
    add primary key (customer_id, segment_id);
create index customer_segments_segment on customer_segments (segment_id);
