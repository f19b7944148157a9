-- A member's running counts (purchases, targeted spend and capped points per period for the earn rules; points earned
-- and spend per day for the tiers' window) move onto the account as one json object. Every batch locks and reads the
-- account anyway, so the counts come with that read, and a batch writes each member's counts back as one row update.
-- As a row per key, a sale inserted four or more rows with their index entries, and reading a member meant reading
-- every day they ever bought on (docs/benchmarks.md, issue 7).
alter table points_accounts add column counters json not null default '{}';

update points_accounts a set counters = c.counters
from (select customer_id, json_object_agg(key, value) as counters from earning_counters group by customer_id) as c
where a.customer_id = c.customer_id;

drop table earning_counters;

-- Room on each page for the next version of a row: an account is rewritten with every batch that touches its member,
-- and an update that stays on its page needs no new index entry (a heap-only tuple).
alter table points_accounts set (fillfactor = 70);

do $$
begin
    if exists (select from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table points_accounts alter column counters set compression lz4;
    end if;
end
$$;
