-- What each batch lost to expiry. A return takes its sale's spent points back from the member's other batches, but
-- not its expired ones: those are gone already. Batches that expired before this migration show none.
alter table earning_batches add column expired bigint not null default 0;

-- A return of an old sale finds its batch among its member's expired ones (remaining 0, so not in
-- earning_batches_customer). Batches are written with 0 expired: earning never touches this index.
create index earning_batches_expired on earning_batches (customer_id) where expired > 0;
