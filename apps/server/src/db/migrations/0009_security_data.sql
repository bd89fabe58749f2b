-- Security round two (issue 14): where a rating came from, which counter tablets the commune
-- registered, the ratings refused by a limit, and bursts of ratings voided by the staff.

-- Tablets the service centre registered for its counters: the tablet sends the key it was given
-- (only its sha256 is kept) and its ratings are limited per tablet, not per network address.
create table rating_kiosks (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  counter_id uuid,
  name text not null,
  key_hash text not null unique,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  primary key (commune_id, id),
  unique (id),
  foreign key (commune_id, counter_id) references service_counters (commune_id, id)
);

-- A burst of ratings the staff voided, with the reason: its ratings are hidden (so no figure and
-- no day tally counts them) and point to it.
create table rating_voids (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  source_kind text not null check (source_kind in ('address', 'kiosk')),
  source text not null,
  from_at timestamptz not null,
  to_at timestamptz not null,
  reason text not null,
  ratings integer not null check (ratings >= 0),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  check (from_at < to_at)
);

-- Where each rating came from (the client address, the device id the page keeps, the registered
-- tablet), the dossier code a citizen gave that matched no dossier of the commune, and the
-- burst it was voided with.
alter table ratings
  add column source_ip text,
  add column device_id text,
  add column kiosk_id uuid,
  add column claimed_dossier_code text,
  add column void_id uuid;
alter table ratings
  add constraint ratings_kiosk foreign key (commune_id, kiosk_id) references rating_kiosks (commune_id, id),
  add constraint ratings_void foreign key (commune_id, void_id) references rating_voids (commune_id, id),
  add constraint ratings_void_hidden check (void_id is null or hidden_at is not null);
create index ratings_by_source on ratings (commune_id, source_ip, created_at) where source_ip is not null;
create index ratings_by_kiosk on ratings (commune_id, kiosk_id, created_at) where kiosk_id is not null;

-- Ratings refused by a limit, per commune, hour and source: what the dashboard shows as a flood.
create table rating_refusals (
  commune_id uuid not null references communes (id),
  hour timestamptz not null,
  source_kind text not null check (source_kind in ('address', 'kiosk')),
  source text not null,
  bucket text not null,
  refused integer not null check (refused > 0),
  primary key (commune_id, hour, source_kind, source, bucket)
);
