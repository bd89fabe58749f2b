import { ALL_UNITS_LEAD_SHORT, FULFILMENT_LABELS, normaliseTargets } from '@cqtt/domain';
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

/** A task's lead: one unit, or every unit of the commune (leadUnit null). */
export function leadView(t: Pick<TaskRow, 'lead_unit_id' | 'lead_all_units'>, unit: (id: string) => UnitRef) {
  const lead = t.lead_all_units || t.lead_unit_id === null ? null : unit(t.lead_unit_id);
  return { leadUnit: lead, leadAllUnits: lead === null, leadName: lead?.name ?? ALL_UNITS_LEAD_SHORT };
}

/** Whether a unit leads the task: its own unit, or every unit. */
export function isLead(t: Pick<TaskRow, 'lead_unit_id' | 'lead_all_units'>, unitId: string | null): boolean {
  return unitId !== null && (t.lead_all_units || t.lead_unit_id === unitId);
}

/** V. Tổ chức thực hiện, one entry per unit or group, as the plan words it. */
export interface PlanRole {
  heading: string;
  unitId: string | null;
  text: string;
}

export function rolesOf(value: unknown): PlanRole[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((r): r is PlanRole => typeof r === 'object' && r !== null && typeof r.heading === 'string')
    .map((r) => ({
      heading: r.heading,
      unitId: typeof r.unitId === 'string' ? r.unitId : null,
      text: String(r.text ?? ''),
    }));
}

export function taskView(t: TaskRow, unit: (id: string) => UnitRef) {
  return {
    id: t.id,
    planId: t.plan_id,
    number: t.number,
    content: t.content,
    schedule: t.schedule,
    scheduleText: t.schedule_text,
    ...leadView(t, unit),
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
    roles: rolesOf(p.roles),
    targets: normaliseTargets(p.targets),
    signerTitle: p.signer_title,
    signerName: p.signer_name,
    recipients: p.recipients,
    tasks: tasks.map((t) => taskView(t, unit)),
  };
}
