-- A return entered in error is reversed like any transaction: it gives back what it took, to the batches it took it
-- from, and its sale counts that share again. So a return keeps what it took from its sale and from which batches.
-- Returns applied before this migration kept neither: reversing one of them gives nothing back.
alter table transaction_corrections
    add column returned_net    numeric(19, 4),
    add column points_reversed bigint,
    add column reversed        boolean not null default false;

create table correction_debits (
    correction_id uuid   not null,
    batch_id      bigint not null,
    points        bigint not null,
    primary key (correction_id, batch_id)
);

-- A reversed sale stays out: its reversal took all it had left, so reversing one of its returns afterwards gives
-- nothing back.
alter table earned_transactions add column reversed boolean not null default false;
