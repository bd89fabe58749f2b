-- A rating sent late by an offline kiosk or phone counts on the day it was given (decision 0029):
-- rated_on stays the day it counts on; given_on keeps the day it was given when that is before the
-- day it arrived (created_at), and counted_on_arrival why it nevertheless counts on its arrival day
-- (the year it was given was already sent to the city, or the device's clock was not believable).
alter table ratings
  add column given_on date,
  add column counted_on_arrival text check (counted_on_arrival in ('closed', 'too-old')),
  add constraint ratings_given_before check (given_on is null or given_on <= rated_on),
  add constraint ratings_counted_on_arrival_given check (counted_on_arrival is null or given_on is not null);
