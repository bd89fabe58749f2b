import type { Actor } from '../http/route.ts';

/** Who handles items of the whole commune (and so sees the sender's contact). */
const HANDLERS = ['admin', 'coordinator', 'leader'] as const;

export function handlesAll(actor: Actor): boolean {
  return !!actor.communeId && actor.roles.some((r) => (HANDLERS as readonly string[]).includes(r));
}

/** Sees the whole queue of the commune(s) it reads: handlers, supervisors (MTTQ, Ban XDĐ), the city. */
export function seesWholeQueue(actor: Actor): boolean {
  return (
    handlesAll(actor) ||
    actor.roles.includes('supervisor') ||
    actor.roles.includes('party') ||
    actor.roles.includes('city')
  );
}

/**
 * Personal data (name, phone, e-mail of the sender) only for those handling the
 * item: the coordinator, the leaders, the administrator of the commune, and the
 * unit the item is assigned to. Supervisors and the city see the matter, not the person.
 */
export function seesPersonalData(
  actor: Actor,
  item: { commune_id: string; unit_id: string | null },
): boolean {
  if (actor.communeId !== item.commune_id) return false;
  if (handlesAll(actor)) return true;
  return actor.roles.includes('focal') && !!actor.unitId && actor.unitId === item.unit_id;
}

/** Sees the item at all. */
export function seesItem(actor: Actor, item: { commune_id: string; unit_id: string | null }): boolean {
  if (seesWholeQueue(actor)) return true;
  return actor.roles.includes('focal') && !!actor.unitId && actor.unitId === item.unit_id;
}
