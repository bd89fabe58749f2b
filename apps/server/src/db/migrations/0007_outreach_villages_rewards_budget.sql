-- Outreach, villages, rewards and budget (issue 7).

-- Budget (kinh phí): a commune's yearly estimate (dự toán) by line, drafted by a
-- unit (Phòng Kinh tế), approved by the leader, then spending against each line.
-- Amounts are whole đồng (bigint).
create table budget_estimates (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  unit_id uuid,                                   -- the drafting unit
  title text not null,
  note text not null default '',
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved')),
  submitted_by uuid references users (id),
  submitted_at timestamptz,
  decided_by uuid references users (id),
  decided_at timestamptz,
  decision_note text not null default '',
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, year),
  foreign key (commune_id, unit_id) references units (commune_id, id)
);

create table budget_lines (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  estimate_id uuid not null,
  number integer not null check (number > 0),
  content text not null,
  amount bigint not null check (amount >= 0),
  source text not null check (source in ('commune', 'city', 'other')),
  approved_amount bigint check (approved_amount is null or approved_amount >= 0),
  note text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, estimate_id) references budget_estimates (commune_id, id)
);
create index budget_lines_estimate on budget_lines (commune_id, estimate_id, number);

create table budget_spendings (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  line_id uuid not null,
  spent_on date not null,
  amount bigint not null check (amount > 0),
  content text not null,
  over_reason text,                               -- required when it goes over the approved line
  file_ids uuid[] not null default '{}',
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, line_id) references budget_lines (commune_id, id)
);
create index budget_spendings_line on budget_spendings (commune_id, line_id, spent_on);
