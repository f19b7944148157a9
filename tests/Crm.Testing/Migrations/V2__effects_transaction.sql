-- Which database transaction applied each effect: batch consumers promise a bound on how much one transaction takes on.
alter table effects add column applied_in xid8 not null default pg_current_xact_id();
