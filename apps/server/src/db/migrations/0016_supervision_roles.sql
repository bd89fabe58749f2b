-- The rest the plan names (issue 12, decision 0028): Ban Xây dựng Đảng's own role, kinds of
-- units (the socio-political organisations are units), villages that report difficulties, and
-- the register of MTTQ's (and Ban XDĐ's) supervision and social critique with the commune's answers.

-- Ban Xây dựng Đảng follows, checks and scores like the Front's supervisors, as itself.
alter table users drop constraint if exists users_roles_check;
alter table users add constraint users_roles_check check (
  cardinality(roles) > 0
  and roles <@ array['admin', 'leader', 'coordinator', 'focal', 'supervisor', 'party', 'village', 'city', 'national']::text[]
);

-- office: cơ quan, đơn vị của UBND; front: Ủy ban MTTQ; organisation: tổ chức chính trị - xã hội
-- (Hội Phụ nữ, Đoàn Thanh niên, Hội Nông dân, Hội Cựu chiến binh); party: cơ quan của Đảng (Ban XDĐ).
alter table units add column kind text not null default 'office'
  check (kind in ('office', 'front', 'organisation', 'party'));
update units set kind = 'front' where code = 'MTTQ';
update units set kind = 'party' where code = 'BXDD';

-- A village (its head) reports a difficulty like a unit; one reporter at most.
alter table difficulties add column village_id uuid;
alter table difficulties add constraint difficulties_village_fk
  foreign key (commune_id, village_id) references villages (commune_id, id);
alter table difficulties add constraint difficulties_one_reporter check (unit_id is null or village_id is null);

alter table feedback_items drop constraint if exists feedback_items_source_check;
alter table feedback_items add constraint feedback_items_source_check
  check (source in ('web', 'open311', 'unit', 'village'));
alter table feedback_items add column village_id uuid;
alter table feedback_items add constraint feedback_items_village_fk
  foreign key (commune_id, village_id) references villages (commune_id, id);

-- Giám sát, phản biện xã hội: an entry kept by the body that supervised (MTTQ or Ban XDĐ), with
-- its findings; the commune (Phòng VH-XH or a leader) answers it.
create table supervision_entries (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  body text not null check (body in ('front', 'party')),
  kind text not null check (kind in ('supervision', 'critique')),
  year integer not null check (year between 2000 and 2100),
  subject text not null,
  held_on date not null,
  unit_id uuid,
  findings text not null default '',
  recommendations text not null default '',
  file_ids uuid[] not null default '{}',
  answer text not null default '',
  answered_on date,
  answered_by uuid references users (id),
  answer_file_ids uuid[] not null default '{}',
  -- the list's filter "đã trả lời / chưa trả lời"
  answered boolean generated always as (answered_on is not null) stored,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, unit_id) references units (commune_id, id),
  check ((answer = '') = (answered_on is null))
);
create index supervision_entries_year on supervision_entries (commune_id, year, held_on);
