-- Clustering jobs: k-means over standardised behavioural features for each k in a range, the best k by silhouette,
-- and the chosen clusters' profiles. Results are json, not jsonb: kept as written, so features stay in the order asked
-- for and each number reads back to the same double (a cluster saved as a segment places customers by them).
create table clusterings (
    id              uuid primary key,
    status          text not null,
    phase           text not null,
    features        text[] not null,
    k_min           integer not null,
    k_max           integer not null,
    seed            integer not null,
    k_fitted        integer not null default 0,
    customers       json,
    chosen_k        integer,
    scores          json not null default '[]',
    standardisation json,
    clusters        json,
    error           text,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz
);
