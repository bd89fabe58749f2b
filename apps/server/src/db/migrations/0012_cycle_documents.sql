-- Official documents issued from the data, and the commune's register of issued documents
-- (sổ đăng ký văn bản đi). Numbers run per commune, year of issue and symbol, from 1, without
-- gaps: the next number comes from the counter row, incremented under its row lock in the
-- transaction that issues the document, so a failed issue gives its number back.

create table documents (
  commune_id uuid not null references communes (id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (
    kind in ('plan', 'registration-letter', 'self-assessment-report', 'yearly-report',
             'review-report', 'budget-proposal')
  ),
  year integer not null check (year between 2000 and 2100),  -- the year the document is about
  status text not null default 'draft' check (status in ('draft', 'issued')),
  symbol text not null,                                       -- ký hiệu: KH-UBND, BC-UBND, TTr-UBND…
  subject text not null,                                      -- trích yếu
  record_id uuid,                                             -- the plan, assessment or estimate it documents
  sections jsonb not null default '{}',                       -- narrative parts people write, by key
  recipients text[] not null default '{}',                    -- nơi nhận
  replaces_id uuid,                                           -- a correction names the document it replaces
  register_year integer,                                      -- year of issue: the register the number is in
  number integer check (number > 0),
  issued_on date,
  signer_name text,
  signer_title text,
  file_id uuid,                                               -- the frozen DOCX
  sha256 text,
  issued_by uuid references users (id),
  issued_at timestamptz,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (commune_id, id),
  unique (id),
  unique (commune_id, register_year, symbol, number),
  foreign key (commune_id, file_id) references files (commune_id, id),
  foreign key (commune_id, replaces_id) references documents (commune_id, id),
  check (
    (status = 'draft' and number is null and issued_on is null and file_id is null and sha256 is null
       and register_year is null)
    or (status = 'issued' and number is not null and issued_on is not null and file_id is not null
       and sha256 is not null and register_year is not null and signer_name <> '' and signer_title <> '')
  )
);
create index documents_of_year on documents (commune_id, year, kind);
create index documents_register on documents (commune_id, register_year, issued_on);

-- An issued document is frozen: no update changes it, no delete removes it.
create function documents_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'issued' then
    raise exception 'văn bản % đã ban hành, không được sửa hoặc xóa', old.id using errcode = '55000';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger documents_frozen before update or delete on documents
  for each row execute function documents_frozen();

create table document_counters (
  commune_id uuid not null references communes (id),
  register_year integer not null check (register_year between 2000 and 2100),
  symbol text not null,
  last_number integer not null check (last_number >= 0),
  primary key (commune_id, register_year, symbol)
);
