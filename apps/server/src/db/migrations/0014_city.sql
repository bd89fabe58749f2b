-- The city's workspace (issue 13): the appraisal rounds of a returned file, the city's targets and
-- alert thresholds per year, what the city publishes, and the official SIPAS / PAR INDEX results.

-- When the assessment was (last) sent to the city. 0011_cycle_fulfilment adds the same column:
-- `if not exists` lets the two land in either order.
alter table assessments add column if not exists submitted_at timestamptz;
update assessments a
   set submitted_at = (
     select max(e.at) from assessment_events e
      where e.commune_id = a.commune_id and e.assessment_id = a.id and e.action in ('submit', 'resubmit')
   )
 where a.status in ('submitted', 'recognised') and a.submitted_at is null;

-- A submitted file the city sends back for more material is 'returned' until the commune resubmits.
alter table assessments drop constraint if exists assessments_status_check;
alter table assessments add constraint assessments_status_check check (
  status in ('self_scoring', 'consolidated', 'reviewed', 'approved', 'submitted', 'returned', 'recognised')
);

-- Every round of "return for more material": the city's written request, the commune's answer with
-- its evidence files, the resubmission. Rows are never deleted: the history keeps every round.
create table assessment_rounds (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  assessment_id uuid not null,
  round integer not null check (round > 0),
  request text not null check (request <> ''),
  requested_by uuid references users (id),
  requested_by_name text not null,
  requested_at timestamptz not null default now(),
  answer text check (answer is null or answer <> ''),
  file_ids uuid[] not null default '{}',
  answered_by uuid references users (id),
  answered_by_name text,
  answered_at timestamptz,
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, assessment_id, round),
  foreign key (commune_id, assessment_id) references assessments (commune_id, id),
  check ((answer is null) = (answered_at is null))
);

-- The official SIPAS and PAR INDEX results per commune and year (hundredths of a percent).
-- 0013_cycle_objectives creates the same table: `if not exists` lets the two land in either order.
create table if not exists official_indices (
  city_id uuid not null references cities (id),
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  index_kind text not null check (index_kind in ('sipas', 'par_index')),
  value integer not null check (value between 0 and 10000),
  rank integer check (rank > 0),
  decision text not null,
  decision_date date,
  note text not null default '',
  entered_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, year, index_kind)
);
create index if not exists official_indices_city on official_indices (city_id, year);

-- The city's year: the share of its communes it aims to have at each level (hundredths of a
-- percent, 0..10000), the thresholds its alerts use, and what its public page shows.
create table city_years (
  city_id uuid not null references cities (id),
  year integer not null check (year between 2000 and 2100),
  level_targets jsonb not null default '{}',           -- {"3": 10000} : 100% at level 3 or above
  satisfaction_alert integer check (satisfaction_alert between 0 and 10000),
  overdue_feedback_alert integer check (overdue_feedback_alert >= 0),
  overdue_tasks_alert integer check (overdue_tasks_alert >= 0),
  publish_levels boolean not null default true,
  publish_sipas boolean not null default false,
  publish_par_index boolean not null default false,
  publish_satisfaction boolean not null default false,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  primary key (city_id, year)
);

-- A national account (role `national`, the ministry) reads every city's communes.
alter table users drop constraint if exists users_roles_check;
alter table users add constraint users_roles_check check (
  cardinality(roles) > 0
  and roles <@ array['admin', 'leader', 'coordinator', 'focal', 'supervisor', 'village', 'city', 'national']::text[]
);
