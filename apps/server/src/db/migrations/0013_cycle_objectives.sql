-- The official SIPAS and PAR INDEX results of each commune and year, as the city publishes them,
-- entered by the city with the decision they come from. Values are percentages in hundredths
-- (83.94% = 8394).
create table official_indices (
  city_id uuid not null references cities (id),
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  year integer not null check (year between 2000 and 2100),
  index_kind text not null check (index_kind in ('sipas', 'par_index')),
  value integer not null check (value between 0 and 10000),
  rank integer check (rank > 0),                             -- rank among the city's communes, when published
  decision text not null,                                    -- "Quyết định số 123/QĐ-UBND ngày 20/3/2027 …"
  decision_date date,
  note text not null default '',
  entered_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, year, index_kind)
);
create index official_indices_city on official_indices (city_id, year);
