-- What of a sale's points its corrections took from the balance (their unexpired share), apart from what they took off
-- the sale (points_reversed): a return reversed gives back its own share, so the sale's next return can take it again.
-- Before this migration a sale's first points_reversed points counted as the ones taken; kept so for those rows.
alter table earned_transactions add column points_taken bigint not null default 0;
update earned_transactions set points_taken = points_reversed where points_reversed > 0;

alter table transaction_corrections add column points_taken bigint;
update transaction_corrections set points_taken = points_reversed where points_reversed is not null;
