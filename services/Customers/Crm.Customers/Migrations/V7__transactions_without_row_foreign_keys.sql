-- Bulk imports write hundreds of thousands of transactions a minute; each foreign key below cost an index look-up and
-- a row lock (FOR KEY SHARE) per inserted row. Both references are resolved and checked by the application before
-- the insert, in the same database transaction:
--   * customer_id: the API takes CustomerLock (which reads and locks the customer row, refusing unknown and erased
--     customers); the importer resolves every customer external id of a batch with one query and rejects unknown and
--     erased ones. Customers are never deleted (erasure anonymises the row and keeps its id), so a checked reference
--     cannot dangle later.
--   * original_id: the API and the importer look the original sale up by its external id (same customer) and store
--     the id they found; transactions are never deleted either.
-- The unique index on external_id stays: idempotent posting and re-imports depend on it.
alter table transactions drop constraint transactions_customer_id_fkey;
alter table transactions drop constraint transactions_original_id_fkey;
