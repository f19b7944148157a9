-- The cost model, versioned and effective-dated: version v applies from its effective_from until the next version's.
-- A newer version with the same effective_from supersedes an older one entirely.
create table cost_models (
    version        integer primary key,
    effective_from timestamptz not null,
    admin_basis    text not null check (admin_basis in ('none', 'perCustomerMonth', 'perTransaction', 'shareOfRevenue')),
    admin_amount   numeric(19, 6) not null check (admin_amount >= 0),
    note           text,
    created_at     timestamptz not null
);

create table channel_costs (
    version         integer not null references cost_models on delete cascade,
    channel         text not null,
    per_transaction numeric(19, 4) not null check (per_transaction >= 0),
    per_contact     numeric(19, 4) not null check (per_contact >= 0),
    primary key (version, channel)
);

create table service_costs (
    version          integer not null references cost_models on delete cascade,
    interaction_type text not null,
    cost             numeric(19, 4) not null check (cost >= 0),
    primary key (version, interaction_type)
);

create view cost_model_periods as
select version, admin_basis, admin_amount, effective_from,
       lead(effective_from, 1, 'infinity') over (order by effective_from, version) as effective_to
from cost_models;
