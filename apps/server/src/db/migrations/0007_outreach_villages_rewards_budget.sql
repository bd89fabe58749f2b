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

-- Outreach (tuyên truyền): the library of legal and guiding documents the plan
-- names, the activities units log, and the good examples (gương điển hình)
-- the service centre records.
create table outreach_documents (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  number text not null default '',               -- "5049/QĐ-UBND"
  issued_on date,
  issuer text not null default '',               -- "UBND thành phố Hải Phòng"
  title text not null,
  summary text not null default '',
  file_id uuid,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, file_id) references files (commune_id, id)
);

create table outreach_activities (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('conference', 'loudspeaker', 'website', 'zalo', 'facebook', 'banner', 'performance', 'village_board')),
  title text not null,
  held_on date not null,
  place text not null default '',
  village_id uuid,
  unit_id uuid,                                   -- the organising unit
  audience integer check (audience is null or audience >= 0),
  content text not null default '',
  document_ids uuid[] not null default '{}',      -- outreach_documents it spread
  file_ids uuid[] not null default '{}',          -- photos, files
  links text[] not null default '{}',
  is_public boolean not null default false,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, village_id) references villages (commune_id, id),
  foreign key (commune_id, unit_id) references units (commune_id, id)
);
create index outreach_activities_year on outreach_activities (commune_id, held_on);

create table good_examples (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('good', 'shortcoming')),
  year integer not null check (year between 2000 and 2100),
  subject text not null,                          -- the unit, person or village concerned
  unit_id uuid,
  village_id uuid,
  title text not null,
  content text not null default '',
  file_ids uuid[] not null default '{}',
  links text[] not null default '{}',
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, unit_id) references units (commune_id, id),
  foreign key (commune_id, village_id) references villages (commune_id, id)
);

-- Villages (thôn): who heads each village in the system, and each village's yearly
-- assessment for the cultural title with the model's items integrated (plan, task 2).
create table village_heads (
  commune_id uuid not null,
  user_id uuid not null references users (id),
  village_id uuid not null,
  primary key (commune_id, user_id),
  foreign key (commune_id, village_id) references villages (commune_id, id)
);

create table village_assessments (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  village_id uuid not null,
  year integer not null check (year between 2000 and 2100),
  households integer not null check (households >= 0),
  cultural_families integer not null check (cultural_families >= 0 and cultural_families <= households),
  model_items text[] not null default '{}',       -- keys of packages/domain villages VILLAGE_MODEL_ITEMS met
  propose_title boolean not null default false,   -- the village asks for "Thôn văn hóa"
  note text not null default '',
  file_ids uuid[] not null default '{}',
  status text not null default 'draft' check (status in ('draft', 'submitted', 'reviewed')),
  title_achieved boolean,                         -- Phòng VH-XH's review
  review_note text not null default '',
  reviewed_by uuid references users (id),
  reviewed_at timestamptz,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, village_id, year),
  foreign key (commune_id, village_id) references villages (commune_id, id)
);

-- Rewards (khen thưởng): nominations with achievements and evidence, MTTQ's
-- comment, the leader's decision (form, number, date).
create table rewards (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  nominee_kind text not null check (nominee_kind in ('individual', 'collective')),
  nominee_name text not null,
  nominee_position text not null default '',      -- chức vụ, đơn vị công tác
  unit_id uuid,                                   -- the nominee's unit, if any
  village_id uuid,
  achievements text not null,
  file_ids uuid[] not null default '{}',
  nominated_by uuid references users (id),
  nominating_unit_id uuid,
  status text not null default 'nominated' check (status in ('nominated', 'awarded', 'declined')),
  mttq_comment text not null default '',
  commented_by uuid references users (id),
  commented_at timestamptz,
  form text not null default '',
  decision_number text not null default '',
  decision_date date,
  decision_note text not null default '',
  decided_by uuid references users (id),
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, unit_id) references units (commune_id, id),
  foreign key (commune_id, village_id) references villages (commune_id, id),
  foreign key (commune_id, nominating_unit_id) references units (commune_id, id)
);
create index rewards_year on rewards (commune_id, year);
