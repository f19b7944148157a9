-- The path every earned sale takes, made cheaper per row; measured with pg_stat_statements and perf during
-- `loyalty --drain 1` (docs/benchmarks.md, issue 7).

-- PointsEarnedBatch events carry up to a thousand credits each. Nothing queries inside payloads (the relay reads them
-- whole, as text), so they are stored as json, as the customers and segmentation services store their bulk events:
-- no parsing into jsonb on insert, no printing back on every relay read, and lz4 instead of pglz to compress them.
alter table outbox alter column payload type json using payload::json;

-- A sale's lines are kept only for the what-if simulation, which reads them back whole.
alter table earned_transactions alter column lines type json using lines::json;

-- lz4 compresses (TOAST) several times faster than the default pglz; PostgreSQL builds without lz4 keep pglz.
do $$
begin
    if exists (select from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table outbox alter column payload set compression lz4;
    end if;
end
$$;

-- Counter keys are compared as their dates ("earned|d:2026-11-05" and after): tiers sum a window of them by key
-- range. Under a language's collation punctuation is skipped at first and such ranges go wrong, so the keys compare
-- byte by byte, as the service's own code compares them, whatever collation the database was created with.
alter table earning_counters alter column key type text collate "C";
