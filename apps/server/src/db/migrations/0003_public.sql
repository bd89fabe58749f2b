-- Counters for limits on public (no-account) routes: fixed windows per bucket and subject
-- (a client address, a device id). Kept in the database so every app server shares them.
create table rate_limits (
  bucket text not null,
  subject text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, subject, window_start)
);
create index rate_limits_window_idx on rate_limits (window_start);
