-- The yearly cycle, closed (issue 12): a task names the work that fulfils it, and its yearly
-- occurrence follows that work; the coordinator may override with a reason.

-- What fulfils the task (packages/domain plans/fulfilment.ts FULFILMENT_KINDS); null: by hand.
alter table plan_tasks add column fulfilment text check (
  fulfilment in (
    'level_registration', 'yearly_plan', 'self_assessment', 'reward_decisions', 'yearly_report',
    'budget_proposal', 'review_report', 'outreach', 'village_assessments', 'service_centre'
  )
);

-- The coordinator's override of a linked occurrence: done on a day, or kept open; with a reason.
alter table task_years
  add column override_state text check (override_state in ('done', 'open')),
  add column override_on date,
  add column override_reason text,
  add column override_by uuid references users (id),
  add column override_at timestamptz,
  add constraint task_years_override check (
    (override_state is null and override_on is null and override_reason is null)
    or (override_state = 'open' and override_on is null and override_reason <> '')
    or (override_state = 'done' and override_on is not null and override_reason <> '')
  );

-- When the assessment was sent to the city (the self-assessment report is due before 12/11).
alter table assessments add column submitted_at timestamptz;
update assessments a
   set submitted_at = (
     select max(e.at) from assessment_events e
      where e.commune_id = a.commune_id and e.assessment_id = a.id and e.action = 'submit'
   )
 where a.status in ('submitted', 'recognised');
