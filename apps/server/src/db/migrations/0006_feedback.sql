-- Citizens' feedback (phản ánh, kiến nghị) and units' difficulties (vướng mắc) in one
-- queue: categories with their deadline in working days, public holidays per city or
-- commune, the items with their history, attachments, and reminders sent.

-- Days off that deadlines skip (besides Saturdays and Sundays): a city's list applies to
-- all its communes; a commune may add its own.
create table holidays (
  id uuid primary key default gen_random_uuid(),
  city_id uuid references cities (id),
  commune_id uuid references communes (id),
  day date not null,
  name text not null default '',
  check ((city_id is null) <> (commune_id is null))
);
create unique index holidays_city_day on holidays (city_id, day) where city_id is not null;
create unique index holidays_commune_day on holidays (commune_id, day) where commune_id is not null;

create table feedback_categories (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  code text not null check (code ~ '^[a-z0-9_-]{1,40}$'),
  name text not null,
  description text not null default '',
  deadline_days integer not null check (deadline_days between 0 and 90),
  sort_order integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, code)
);

create table feedback_items (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  -- 'feedback' from a citizen (tracking code, may be public); 'difficulty' from a unit
  -- (internal, never public, no tracking code)
  kind text not null check (kind in ('feedback', 'difficulty')),
  tracking_code text unique,
  source text not null check (source in ('web', 'open311', 'unit')),
  category_id uuid,
  content text not null,
  address text not null default '',
  lat numeric(9, 6) check (lat is null or lat between -90 and 90),
  lng numeric(9, 6) check (lng is null or lng between -180 and 180),
  -- personal data: shown only to those handling the item
  name text not null default '',
  phone text not null default '',
  email text not null default '',
  allow_publish boolean not null default false,
  status text not null check (
    status in ('received', 'accepted', 'rejected', 'merged', 'routed_out', 'assigned', 'drafted',
               'approved', 'published', 'rated')
  ),
  received_on date not null,
  deadline date not null,
  unit_id uuid,
  merged_into_id uuid,
  decision_note text not null default '',       -- reason of a rejection, note of a routing out
  answer text not null default '',
  answered_on date,                               -- the day the answer (or refusal) went out
  rating text check (rating in ('satisfied', 'unsatisfied')),
  rated_at timestamptz,
  difficulty_id uuid unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  check ((kind = 'feedback') = (tracking_code is not null)),
  check (kind = 'feedback' or (allow_publish = false and name = '' and phone = '' and email = '')),
  foreign key (commune_id, category_id) references feedback_categories (commune_id, id),
  foreign key (commune_id, unit_id) references units (commune_id, id),
  foreign key (commune_id, merged_into_id) references feedback_items (commune_id, id),
  foreign key (commune_id, difficulty_id) references difficulties (commune_id, id)
);
create index feedback_items_queue on feedback_items (commune_id, status, deadline);
create index feedback_items_unit on feedback_items (commune_id, unit_id);
create index feedback_items_received on feedback_items (commune_id, received_on);

-- Every step, who and when: the status history a citizen sees (without the who) and the
-- queue shows in full.
create table feedback_events (
  commune_id uuid not null,
  id uuid not null default gen_random_uuid(),
  item_id uuid not null,
  action text not null,
  status text not null,
  note text not null default '',
  actor_id uuid references users (id),
  at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, item_id) references feedback_items (commune_id, id)
);
create index feedback_events_item on feedback_events (commune_id, item_id, at);

create table feedback_files (
  commune_id uuid not null,
  item_id uuid not null,
  file_id uuid not null,
  primary key (commune_id, item_id, file_id),
  foreign key (commune_id, item_id) references feedback_items (commune_id, id),
  foreign key (commune_id, file_id) references files (commune_id, id)
);

-- A reminder goes once per item and key ('before_1', 'overdue').
create table feedback_reminders_sent (
  commune_id uuid not null,
  item_id uuid not null,
  key text not null,
  sent_at timestamptz not null default now(),
  primary key (commune_id, item_id, key)
);

-- Difficulties reported before this migration join the queue as internal items.
insert into feedback_items (commune_id, kind, source, content, status, received_on, deadline,
                            unit_id, answer, answered_on, difficulty_id, created_at, updated_at)
select d.commune_id, 'difficulty', 'unit', d.content,
       case when d.answer is null then 'received' else 'published' end,
       (d.created_at at time zone 'Asia/Ho_Chi_Minh')::date,
       (d.created_at at time zone 'Asia/Ho_Chi_Minh')::date + 14,
       d.unit_id, coalesce(d.answer, ''),
       (d.answered_at at time zone 'Asia/Ho_Chi_Minh')::date, d.id, d.created_at, now()
from difficulties d;
