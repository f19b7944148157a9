-- Each segment's newest known name, for the P&L roll-up by segment. A segment can be renamed without any customer
-- entering or leaving it (SegmentRevised), so the name cannot come from the membership rows; the name of the highest
-- version seen wins, whatever order revisions and membership changes arrive in. Version 0: known only from memberships.
create table segment_names (
    segment_id uuid    primary key,
    name       text    not null,
    version    integer not null
);

insert into segment_names (segment_id, name, version)
select distinct on (segment_id) segment_id, segment_name, 0
from segment_memberships
order by segment_id, changed_at desc;
