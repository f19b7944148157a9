-- The path every sale takes (facts, then memberships, then the outbox), made cheaper per row; measured with
-- pg_stat_statements during `membership --rate 2000` (docs/benchmarks.md).

-- Segments are never deleted (a changed rule is a new version, a retired segment keeps its row), so the cascades
-- never ran, while the key checks behind them ran once per membership row written: ~106,000 look-ups of the
-- segments table in 20 s, about a third of the time spent inserting memberships and their log. The segment ids
-- written always come from the segment catalog read in the same transaction.
alter table segment_members drop constraint if exists segment_members_segment_id_fkey;
alter table membership_changes drop constraint if exists membership_changes_segment_id_fkey;

-- Facts are updated in place with every sale; room left on each page lets PostgreSQL keep the new row version on the
-- same page (a heap-only update: no primary-key entry to add, less to vacuum).
alter table customer_facts set (fillfactor = 80);

-- SegmentMembershipsChanged events carry up to a thousand changes each. Nothing queries inside payloads (the relay
-- reads them whole, as text), so they are stored as json, as the customers service stores its bulk events: no
-- parsing into jsonb on insert and printing back on read.
alter table outbox alter column payload type json using payload::json;
