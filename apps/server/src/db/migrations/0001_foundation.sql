-- Foundation: the city, its communes, their units and villages, users,
-- sessions, login attempts, API tokens and the audit log.
-- PostgreSQL 15 features at most (PGlite is 18, production may be 15).

create table cities (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);

-- The tenant: every commune-owned row carries commune_id, first in its key.
create table communes (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null references cities (id),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('xa', 'phuong', 'dac_khu')),
  created_at timestamptz not null default now()
);
create index communes_city on communes (city_id);

create table units (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  code text not null check (code ~ '^[A-Z0-9_]{1,20}$'),
  name text not null,
  description text not null default '',
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, code)
);

create table villages (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  name text not null,
  head_name text not null default '',
  households integer check (households is null or households >= 0),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id)
);
create unique index villages_commune_name on villages (commune_id, lower(name));

-- A user belongs to one city; a commune user also to one commune (and usually
-- one unit of it); a city user (Sở Nội vụ, deployment administrator) has no commune.
create table users (
  id uuid primary key default gen_random_uuid(),
  city_id uuid not null references cities (id),
  commune_id uuid references communes (id),
  unit_id uuid,
  username text not null check (username ~ '^[a-z0-9._-]{3,50}$'),
  full_name text not null,
  email text,
  phone text,
  password_hash text not null,
  roles text[] not null check (
    cardinality(roles) > 0
    and roles <@ array['admin', 'leader', 'coordinator', 'focal', 'supervisor', 'village', 'city']::text[]
  ),
  is_active boolean not null default true,
  is_demo boolean not null default false,
  must_change_password boolean not null default false,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- the unit must be a unit of the same commune
  foreign key (commune_id, unit_id) references units (commune_id, id),
  check (unit_id is null or commune_id is not null)
);
create unique index users_username on users (username);
create index users_commune on users (commune_id);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id),
  csrf_token text not null,
  ip text not null default '',
  user_agent text not null default '',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

create table login_attempts (
  id bigint generated always as identity primary key,
  username text not null,
  ip text not null,
  success boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_username on login_attempts (username, at);
create index login_attempts_ip on login_attempts (ip, at);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  name text not null,
  token_hash text not null unique,
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references users (id)
);
create index api_tokens_user on api_tokens (user_id);

-- Every change made through the application: who, when, what, before, after.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text not null,
  city_id uuid,
  commune_id uuid,
  action text not null,
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  request_id text,
  ip text
);
create index audit_log_commune on audit_log (commune_id, at desc);
create index audit_log_city on audit_log (city_id, at desc);
create index audit_log_entity on audit_log (entity_type, entity_id);

-- Append-only: no role, the application's included, may change or remove a row.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
