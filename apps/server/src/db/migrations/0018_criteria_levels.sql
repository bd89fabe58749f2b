-- A criteria set defines as many levels as the city's decision does (up to 10, MAX_LEVEL in
-- packages/domain): the registered and the recognised level are checked against the set by the
-- server, the database only keeps them within that bound.
alter table level_registrations drop constraint level_registrations_target_level_check;
alter table level_registrations
  add constraint level_registrations_target_level_check check (target_level between 1 and 10);
alter table assessments drop constraint assessments_recognised_level_check;
alter table assessments
  add constraint assessments_recognised_level_check check (recognised_level between 0 and 10);
