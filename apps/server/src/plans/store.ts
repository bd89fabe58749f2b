import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';

export function listPlans(db: Kysely<DB>, communeId: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'period_from', 'period_to', 'issued_on'])
    .where('commune_id', '=', communeId)
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export function findPlan(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

export function findTask(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', (j) =>
      j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
    )
    .selectAll('t')
    .select(['p.period_from', 'p.period_to'])
    .where('t.id', '=', id)
    .where('t.commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

export function tasksOfPlan(db: Kysely<DB>, communeId: string, planId: string) {
  return db
    .selectFrom('plan_tasks')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();
}

export function unitsOf(db: Kysely<DB>, communeId: string) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', '=', communeId).execute();
}

/** State, note counts and open difficulties of a set of tasks in a year. */
export async function yearFacts(db: Kysely<DB>, communeId: string, taskIds: string[], year: number) {
  if (taskIds.length === 0) return { states: [], notes: [], difficulties: [], overriders: [] };
  const [states, notes, difficulties] = await Promise.all([
    db
      .selectFrom('task_years')
      .selectAll()
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .where('task_id', 'in', taskIds)
      .execute(),
    db
      .selectFrom('progress_notes')
      .select(['task_id', sql<number>`count(*)::int`.as('n')])
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .where('task_id', 'in', taskIds)
      .groupBy('task_id')
      .execute(),
    db
      .selectFrom('difficulties')
      .select(['task_id', sql<number>`count(*)::int`.as('n')])
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .where('answer', 'is', null)
      .where('task_id', 'in', taskIds)
      .groupBy('task_id')
      .execute(),
  ]);
  const overriderIds = [...new Set(states.flatMap((s) => (s.override_by ? [s.override_by] : [])))];
  const overriders = overriderIds.length
    ? await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', overriderIds).execute()
    : [];
  return { states, notes, difficulties, overriders };
}
