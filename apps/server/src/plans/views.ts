import { FULFILMENT_LABELS, normaliseTargets } from '@cqtt/domain';
import type { Selectable } from 'kysely';
import type { PlansTable, PlanTasksTable } from '../db/schema.ts';

/** How plans and tasks look in the API. */
export type PlanRow = Selectable<PlansTable>;
export type TaskRow = Selectable<PlanTasksTable>;
export type UnitRef = { id: string; code: string; name: string };

export function planSummaryView(
  p: Pick<PlanRow, 'id' | 'number' | 'title' | 'period_from' | 'period_to' | 'issued_on'>,
) {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    issuedOn: p.issued_on,
  };
}

export function unitMap(units: UnitRef[]) {
  const byId = new Map(units.map((u) => [u.id, { id: u.id, code: u.code, name: u.name }]));
  return (id: string) => byId.get(id) ?? { id, code: '', name: '' };
}

export function taskView(t: TaskRow, unit: (id: string) => UnitRef) {
  return {
    id: t.id,
    planId: t.plan_id,
    number: t.number,
    content: t.content,
    schedule: t.schedule,
    scheduleText: t.schedule_text,
    leadUnit: unit(t.lead_unit_id),
    coordinatingUnits: t.coordinating_unit_ids.map(unit),
    coordinatingText: t.coordinating_text,
    addedOn: t.added_on,
    isActive: t.is_active,
    fulfilment: t.fulfilment,
    fulfilmentLabel: t.fulfilment ? FULFILMENT_LABELS[t.fulfilment] : null,
  };
}

export function planView(p: PlanRow, tasks: TaskRow[], unit: (id: string) => UnitRef) {
  return {
    ...planSummaryView(p),
    communeId: p.commune_id,
    issuedPlace: p.issued_place,
    legalBases: p.legal_bases,
    purpose: p.purpose,
    requirements: p.requirements,
    objectives: p.objectives,
    content: p.content,
    funding: p.funding,
    organization: p.organization,
    targets: normaliseTargets(p.targets),
    signerTitle: p.signer_title,
    signerName: p.signer_name,
    recipients: p.recipients,
    tasks: tasks.map((t) => taskView(t, unit)),
  };
}
