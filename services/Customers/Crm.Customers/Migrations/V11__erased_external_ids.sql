-- Erasure replaces a customer's external id, so an import of a file exported before the erasure would have created
-- the person again, with the consents it granted then. The SHA-256 of the id they had is kept instead (not the id
-- itself): enough for imports to refuse it, without holding the business's key of an erased person.
alter table customers add column erased_key bytea;
create index customers_erased_key on customers (erased_key) where erased_key is not null;
