-- The business's ids are keys, not words: they are only ever compared for equality (look-ups, uniqueness), never
-- sorted for a reader. Under the cluster's C.UTF-8 locale PostgreSQL 15 compares text through strcoll; with the "C"
-- collation a comparison is a memcmp. An import compares external ids in the unique indexes for every row it adds
-- and every id it looks up.
alter table customers alter column external_id type text collate "C";
alter table transactions alter column external_id type text collate "C";
alter table interactions alter column external_id type text collate "C";
