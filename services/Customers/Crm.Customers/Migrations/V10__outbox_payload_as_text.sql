-- Outbox payloads are stored as text. Only the relay reads them, whole, as text; nothing queries inside them. As json,
-- PostgreSQL lexed every payload on insert only to check that it is JSON, which it always is (the shared outbox
-- serializes it): about 3 % of the machine during a bulk import of transactions (docs/benchmarks.md, issue 4). The
-- shared outbox code sends payloads typed as this column.
alter table outbox alter column payload type text using payload::text;

-- Changing the type drops the column's compression setting: lz4 again where PostgreSQL has it.
do $$
begin
    if exists (select from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table outbox alter column payload set compression lz4;
    end if;
end
$$;
