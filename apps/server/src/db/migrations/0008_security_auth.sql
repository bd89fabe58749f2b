-- Security round two (issue 14): throttles that count before they check, tokens with an owner,
-- scopes and an expiry, service accounts, and audit rows that say which token made them.
-- PostgreSQL 15 features at most.

-- Login and password-check throttle. One row per subject: 'account:<username>' or
-- 'address:<client address>'. An attempt takes a slot atomically (insert … on conflict do update
-- … where hits < limit) BEFORE the password is checked, so parallel attempts cannot pass the
-- limit; a success gives its slot back (auth/throttle.ts).
create table auth_throttle (
  key text primary key,
  hits integer not null check (hits >= 0),
  first_at timestamptz not null,
  last_at timestamptz not null
);
create index auth_throttle_last on auth_throttle (last_at);

-- A service account: an integration (the one-stop system…) an administrator creates explicitly.
-- It cannot sign in (no usable password) and acts only through its tokens.
alter table users add column is_service boolean not null default false;

-- Tokens carry scopes ('read', or named capabilities: permissions of the domain's table) and an
-- expiry; a revoked token says why ('manual', 'password_changed', 'password_reset', 'migration').
alter table api_tokens add column scopes text[] not null default array['read']::text[]
  check (cardinality(scopes) > 0);
alter table api_tokens add column expires_at timestamptz;
alter table api_tokens add column revoked_reason text;
-- Tokens made before scopes existed act with all of their owner's rights, and some were made
-- for another person: none is kept. Integrations get new tokens with scopes (docs/operations.md).
update api_tokens set revoked_at = now(), revoked_reason = 'migration' where revoked_at is null;
update api_tokens set expires_at = revoked_at where expires_at is null;
alter table api_tokens alter column expires_at set not null;
alter table api_tokens alter column expires_at set default now() + interval '90 days';

-- Every audit row made through a token names it.
alter table audit_log add column token_id uuid;
create index audit_log_token on audit_log (token_id) where token_id is not null;
