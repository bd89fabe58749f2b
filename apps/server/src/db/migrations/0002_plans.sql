-- Plans and tasks: the commune's plan, its appendix of tasks, each task's
-- yearly occurrence (state kept only once something happens), progress notes
-- with evidence files, difficulties, in-app notifications, reminders and the
-- mail outbox.

create table plans (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  number text not null default '',               -- "25/KH-UBND"; empty until numbered
  title text not null,
  issued_place text not null default '',         -- "Bình Giang"
  issued_on date,
  legal_bases text[] not null default '{}',      -- căn cứ
  purpose text not null default '',
  requirements text not null default '',
  objectives text not null default '',
  content text not null default '',              -- III. Nội dung (free text before the appendix)
  funding text not null default '',              -- IV. Kinh phí
  organization text not null default '',         -- V. Tổ chức thực hiện
  targets jsonb not null default '[]',           -- [{year, level}]
  period_from integer not null check (period_from between 2000 and 2100),
  period_to integer check (period_to is null or period_to between period_from and 2100),
  signer_title text not null default '',         -- "CHỦ TỊCH"
  signer_name text not null default '',
  recipients text[] not null default '{}',       -- nơi nhận
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id)
);

create table plan_tasks (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  plan_id uuid not null,
  number integer not null check (number > 0),    -- STT
  content text not null,
  schedule jsonb not null,                        -- packages/domain plans/schedule.ts
  schedule_text text not null,                    -- as the plan words it
  lead_unit_id uuid not null,
  coordinating_unit_ids uuid[] not null default '{}',
  coordinating_text text not null default '',     -- as the plan words it
  added_on date not null,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, plan_id, number),
  foreign key (commune_id, plan_id) references plans (commune_id, id),
  foreign key (commune_id, lead_unit_id) references units (commune_id, id)
);
create index plan_tasks_lead on plan_tasks (commune_id, lead_unit_id);

-- A task's occurrence in a year, written when it gets progress or is completed.
create table task_years (
  commune_id uuid not null,
  task_id uuid not null,
  year integer not null,
  progress integer not null default 0 check (progress between 0 and 100),
  completed_on date,
  completed_by uuid references users (id),
  updated_at timestamptz not null default now(),
  primary key (commune_id, task_id, year),
  foreign key (commune_id, task_id) references plan_tasks (commune_id, id)
);

create table files (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  name text not null,
  mime text not null,
  size integer not null check (size >= 0),
  sha256 text not null,
  storage_key text not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id)
);

create table progress_notes (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  task_id uuid not null,
  year integer not null,
  unit_id uuid,
  author_id uuid references users (id),
  note text not null,
  progress integer check (progress is null or progress between 0 and 100),
  file_ids uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, task_id) references plan_tasks (commune_id, id)
);
create index progress_notes_task on progress_notes (commune_id, task_id, year, created_at);

-- Vướng mắc, khó khăn that units report against a task, answered by the coordinator.
create table difficulties (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  task_id uuid not null,
  year integer not null,
  unit_id uuid,
  author_id uuid references users (id),
  content text not null,
  answer text,
  answered_by uuid references users (id),
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, task_id) references plan_tasks (commune_id, id)
);

create table notifications (
  commune_id uuid references communes (id),
  id uuid not null default gen_random_uuid() primary key,
  user_id uuid not null references users (id),
  kind text not null,
  title text not null,
  body text not null default '',
  link text not null default '',
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications (user_id, created_at desc);

-- A reminder goes once per occurrence and key ('before_7', 'overdue'): the
-- unique key is what makes two servers send it once.
create table reminders_sent (
  commune_id uuid not null,
  task_id uuid not null,
  year integer not null,
  key text not null,
  sent_at timestamptz not null default now(),
  primary key (commune_id, task_id, year, key)
);

-- Mail waits here until the SMTP server takes it; sent once, retried while it fails.
create table mail_outbox (
  id uuid primary key default gen_random_uuid(),
  commune_id uuid,
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz
);
create index mail_outbox_pending on mail_outbox (next_attempt_at) where sent_at is null;

-- Settings of a commune that the rules read (reminder offsets…).
create table commune_settings (
  commune_id uuid primary key references communes (id),
  reminder_offsets integer[] not null default '{30,7,1}',
  updated_at timestamptz not null default now()
);
