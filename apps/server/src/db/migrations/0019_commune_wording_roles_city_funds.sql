-- Issue 12: the commune's own wording of "4 xin, 4 luôn, 5 không", section V of the plan as
-- each unit's role, a task led by all the commune's units, and the city's decision on the budget
-- lines it funds (decision 0030).

-- {xin: [4], luon: [4], khong: [5]}; null = the default wording (packages/domain conduct.ts).
alter table commune_settings add column conduct_wording jsonb;
alter table commune_settings add column conduct_updated_by uuid references users (id);

-- V. Tổ chức thực hiện, one entry per unit or group as the plan words it:
-- [{heading, unitId | null, text}]; empty = the free text `organization`, or one line per lead.
alter table plans add column roles jsonb not null default '[]';

-- "Các phòng, ban, cơ quan, đơn vị thuộc UBND xã": a task led by every unit has no lead unit.
alter table plan_tasks alter column lead_unit_id drop not null;
alter table plan_tasks add column lead_all_units boolean not null default false;
alter table plan_tasks add constraint plan_tasks_one_lead
  check ((lead_unit_id is null) = lead_all_units);

-- A line the city budget funds: proposed by the commune's tờ trình (issued), then approved (with
-- the amount) or refused (with the reason) by a city account. Null for the other sources.
alter table budget_lines add column city_status text
  check (city_status in ('proposed', 'approved', 'refused'));
alter table budget_lines add column proposal_document_id uuid;
alter table budget_lines add constraint budget_lines_proposal
  foreign key (commune_id, proposal_document_id) references documents (commune_id, id);
alter table budget_lines add column city_decided_by uuid references users (id);
alter table budget_lines add column city_decided_at timestamptz;
alter table budget_lines add column city_reason text not null default '';
alter table budget_lines add constraint budget_lines_city_status
  check (city_status is null or source = 'city');
create index budget_lines_city_status on budget_lines (city_status, commune_id) where city_status is not null;
