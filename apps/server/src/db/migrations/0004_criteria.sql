-- Criteria, scoring and levels: the city's criteria sets (versioned data), each
-- commune's yearly level registration, its assessment (workflow states, scores
-- per indicator at each stage, every score change kept) and the recognised level.
-- Points are integer hundredths (12.5 points = 1250): sums are exact.

-- A criteria set belongs to the city that issued it; importing a set with the same
-- code makes a new version; a version never changes once stored.
create table criteria_sets (
  city_id uuid not null references cities (id),
  id uuid primary key default gen_random_uuid(),
  code text not null,
  version integer not null check (version > 0),
  name text not null,
  issued_by text not null default '',
  decision text not null default '',
  effective_from date not null,
  definition jsonb not null,                     -- packages/domain criteria/set.ts CriteriaSet
  max_total integer not null check (max_total > 0),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (city_id, code, version)
);

-- The level a commune registers for a year (before 15/02), sent to the city.
create table level_registrations (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  target_level integer not null check (target_level between 1 and 4),
  justification text not null,
  sent_at timestamptz not null default now(),
  sent_by uuid references users (id),
  on_time boolean not null,
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, year)
);

create table assessments (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  criteria_set_id uuid not null references criteria_sets (id),
  status text not null default 'self_scoring' check (
    status in ('self_scoring', 'consolidated', 'reviewed', 'approved', 'submitted', 'recognised')
  ),
  recognised_level integer check (recognised_level between 0 and 4),
  decision_number text,
  decision_date date,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, year)
);

-- Each step of the workflow: the state entered, who and when, and an optional note.
create table assessment_events (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  assessment_id uuid not null,
  action text not null,
  status text not null,
  actor_id uuid references users (id),
  actor_name text not null,
  note text not null default '',
  at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, assessment_id) references assessments (commune_id, id)
);
create index assessment_events_of on assessment_events (commune_id, assessment_id, at);

-- One indicator of one assessment: the unit's self-score, the supervisors' adjustment
-- and the city's appraisal, each with who and when; the measured proposal it came from.
create table assessment_scores (
  commune_id uuid not null,
  assessment_id uuid not null,
  indicator_code text not null,
  self_points integer check (self_points >= 0),
  self_note text not null default '',
  file_ids uuid[] not null default '{}',
  self_by uuid references users (id),
  self_at timestamptz,
  measure_value double precision,
  measure_figures jsonb,
  proposed_points integer,
  review_points integer check (review_points >= 0),
  review_reason text,
  review_by uuid references users (id),
  review_at timestamptz,
  city_points integer check (city_points >= 0),
  city_reason text,
  city_by uuid references users (id),
  city_at timestamptz,
  primary key (commune_id, assessment_id, indicator_code),
  foreign key (commune_id, assessment_id) references assessments (commune_id, id)
);

-- Every score change: who, when, at which stage, the points and why.
create table score_changes (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  assessment_id uuid not null,
  indicator_code text not null,
  stage text not null check (stage in ('self', 'review', 'city')),
  points integer not null,
  note text not null default '',
  actor_id uuid references users (id),
  actor_name text not null,
  at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, assessment_id) references assessments (commune_id, id)
);
create index score_changes_of on score_changes (commune_id, assessment_id, indicator_code, at);
