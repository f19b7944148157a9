-- Bulk imports: one row per uploaded file, with its progress; the file itself is spooled on the importing host.
create table import_jobs (
    id            uuid        primary key,
    kind          text        not null,
    format        text        not null,
    status        text        not null,
    file_name     text,
    file_bytes    bigint      not null,
    file_sha256   text        not null,
    -- The host whose spool holds the file: only that host can run the job, and only it knows when it was cut short.
    host          text        not null,
    rows_read     bigint      not null default 0,
    rows_stored   bigint      not null default 0,
    rows_skipped  bigint      not null default 0,
    rows_rejected bigint      not null default 0,
    error         text,
    created_at    timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz
);

create index import_jobs_unfinished on import_jobs (host) where status in ('queued', 'running');

-- What was wrong with a row, by its line in the file; a line can have several problems (seq orders them).
create table import_errors (
    job_id  uuid    not null references import_jobs (id) on delete cascade,
    line    bigint  not null,
    seq     bigint  not null,
    field   text,
    message text    not null,
    primary key (job_id, line, seq)
);
