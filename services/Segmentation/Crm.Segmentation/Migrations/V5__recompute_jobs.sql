-- Full recomputes (jobs): measure the population's cut points, then evaluate every segment over every customer.
-- Progress is written in the same transaction as each page's membership changes, so it counts what is committed.
create table recompute_jobs (
    id                  uuid primary key,
    status              text not null,
    trigger             text not null,
    phase               text,
    customers_total     integer not null default 0,
    customers_done      integer not null default 0,
    segments_evaluated  integer not null default 0,
    memberships_entered bigint not null default 0,
    memberships_left    bigint not null default 0,
    error               text,
    requested_at        timestamptz not null,
    started_at          timestamptz,
    measured_at         timestamptz,
    finished_at         timestamptz
);

-- At most one job waits or runs at a time, across replicas: a second request finds the first instead of queueing.
create unique index recompute_jobs_one_at_a_time on recompute_jobs ((true)) where status in ('queued', 'running');
