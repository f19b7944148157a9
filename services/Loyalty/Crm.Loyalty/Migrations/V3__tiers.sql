-- The tier policy (levels, qualification, downgrade), every version kept; the latest is in force.
create table tier_policies (
    version  integer primary key,
    policy   jsonb       not null,
    saved_at timestamptz not null
);

-- The privileges matrix: what each tier gets (earn multiplier, service level, free shipping, priority line, ...).
create table tier_privileges (
    tier    text not null,
    benefit text not null,
    value   text not null,
    primary key (tier, benefit)
);
