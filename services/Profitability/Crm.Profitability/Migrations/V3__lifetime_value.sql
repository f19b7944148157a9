-- Scoring runs: a lifetime-value fit over the stored transactions, then the scores of every customer.
create table scoring_runs (
    id                    uuid primary key,
    status                text not null,
    trigger               text not null,
    calibration_end       date not null,
    time_unit             text not null,
    horizon_months        integer not null,
    monthly_discount_rate numeric(9, 6) not null,
    currency              char(3) not null,
    customers_total       integer not null default 0,
    customers_scored      integer not null default 0,
    customers_changed     integer not null default 0,
    model                 jsonb,
    error                 text,
    created_at            timestamptz not null,
    started_at            timestamptz,
    finished_at           timestamptz
);

create index scoring_runs_created on scoring_runs (created_at desc);

-- The latest value of each customer; a run publishes CustomerValueUpdated only where it moved.
create table customer_values (
    customer_id            uuid primary key,
    run_id                 uuid not null,
    lifetime_value         numeric(19, 2) not null,
    probability_alive      double precision not null,
    expected_purchases     double precision not null,
    expected_average_spend numeric(19, 2) not null,
    profit                 numeric(19, 2) not null,
    churn_risk             text not null,
    -- The customer's calibration summary in the run's time unit: what the scores were computed from.
    frequency              integer not null,
    recency                double precision not null,
    age                    double precision not null,
    scored_at              timestamptz not null
);
