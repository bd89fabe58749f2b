-- Citizen satisfaction: the service centre's counters, the officials who staff them and the
-- procedures it handles; versioned questionnaires; one-tap ratings at the counter and
-- questionnaire responses (never edited, only hidden with a reason); dossiers imported from
-- the one-stop system; and exact day-by-day tallies of ratings for fast yearly figures.

create table service_counters (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  number integer not null check (number between 1 and 999),   -- "Quầy số 3"
  name text not null,                                          -- "Tư pháp - Hộ tịch"
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, number)
);

create table service_officials (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  full_name text not null,
  title text not null default '',                              -- "Công chức Tư pháp - Hộ tịch"
  user_id uuid references users (id),                          -- her account, to see her own figures
  counter_id uuid,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, counter_id) references service_counters (commune_id, id)
);
create unique index service_officials_user on service_officials (commune_id, user_id) where user_id is not null;

create table procedures (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  code text not null,                                          -- "1.001612" (national code)
  name text not null,
  field text not null default '',                              -- lĩnh vực: "Hộ tịch"
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, code)
);

create table questionnaires (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  version integer not null check (version > 0),
  title text not null,
  elements jsonb not null,                                     -- [{key, name, questions: [{key, text}]}]
  is_active boolean not null default false,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, version)
);
create unique index questionnaires_one_active on questionnaires (commune_id) where is_active;

create table ratings (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  client_id uuid not null,                                     -- made by the phone or kiosk: retries are idempotent
  counter_id uuid,
  official_id uuid,
  procedure_code text,
  dossier_code text,
  score smallint not null check (score between 1 and 5),
  conduct_done text[] not null default '{}',
  conduct_breaches text[] not null default '{}',
  comment text not null default '',
  channel text not null check (channel in ('qr', 'kiosk', 'web')),
  created_at timestamptz not null default now(),
  rated_on date not null,                                      -- the day in Asia/Ho_Chi_Minh
  hidden_at timestamptz,
  hidden_by uuid references users (id),
  hidden_reason text,
  answer text,
  answered_by uuid references users (id),
  answered_at timestamptz,
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, client_id),
  foreign key (commune_id, counter_id) references service_counters (commune_id, id),
  foreign key (commune_id, official_id) references service_officials (commune_id, id),
  check ((hidden_at is null) = (hidden_reason is null))
);
-- One rating per dossier code: a constraint, not read-then-write.
create unique index ratings_one_per_dossier on ratings (commune_id, dossier_code) where dossier_code is not null;
create index ratings_by_day on ratings (commune_id, rated_on) include (score, dossier_code) where hidden_at is null;

-- Exact tallies of visible ratings per day and score for days that can no longer change
-- (ratings are dated by the server; hiding one adjusts its day). sealed_through is the last
-- day folded in; later days are counted live.
create table rating_days (
  commune_id uuid not null references communes (id),
  rated_on date not null,
  score smallint not null,
  with_dossier boolean not null,
  n integer not null,
  primary key (commune_id, rated_on, score, with_dossier)
);
create table rating_seals (
  commune_id uuid primary key references communes (id),
  sealed_through date not null
);

create table survey_responses (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  questionnaire_id uuid not null,
  client_id uuid not null,
  dossier_code text,
  answers jsonb not null,                                      -- {questionKey: 1..5}
  created_at timestamptz not null default now(),
  responded_on date not null,
  hidden_at timestamptz,
  hidden_by uuid references users (id),
  hidden_reason text,
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, client_id),
  foreign key (commune_id, questionnaire_id) references questionnaires (commune_id, id)
);
create unique index survey_one_per_dossier on survey_responses (commune_id, questionnaire_id, dossier_code)
  where dossier_code is not null;

-- One row per answered question, for counting by element.
create table survey_answers (
  commune_id uuid not null,
  response_id uuid not null,
  element_key text not null,
  question_key text not null,
  score smallint not null check (score between 1 and 5),
  responded_on date not null,
  primary key (commune_id, response_id, question_key),
  foreign key (commune_id, response_id) references survey_responses (commune_id, id)
);
create index survey_answers_by_day on survey_answers (commune_id, responded_on);

create table dossiers (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  code text not null,
  procedure_code text not null default '',
  received_on date,
  due_on date,
  returned_on date,
  status text not null check (status in ('received', 'processing', 'returned', 'cancelled')),
  imported_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, code)
);
