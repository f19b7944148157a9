-- This service's outbox carries the bulk imports' TransactionsRecorded events: about 250 MB of JSON per million
-- imported lines. As jsonb, PostgreSQL parsed every payload into its binary form on insert and printed it back to
-- text for the relay, and compressed it with pglz: measured on 100 events of 540 KB, insert 2.4 s and read 0.7 s as
-- jsonb, 0.7 s and 0.26 s as json with lz4 — about 8 s of database CPU saved per million lines, which an import on
-- two cores shares with everything else. Nothing queries inside payloads (only the relay reads them, whole, as text),
-- so they are stored as json: checked to be valid JSON, kept as sent. The shared outbox code writes and reads either
-- type; the other services keep jsonb (their events are small).
alter table outbox alter column payload type json using payload::json;

-- lz4 compresses (TOAST) several times faster than the default pglz; PostgreSQL builds without lz4 keep pglz.
do $$
begin
    if exists (select from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table outbox alter column payload set compression lz4;
    end if;
end
$$;
