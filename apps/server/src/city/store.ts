import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';

/** All SQL of the city's workspace (the figures themselves come from each capability's figures.ts). */

export function communesInView(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('communes as c')
    .innerJoin('cities as t', 't.id', 'c.city_id')
    .select(['c.id', 'c.code', 'c.name', 'c.kind', 'c.city_id', 't.name as city_name'])
    .where('c.id', 'in', visibleCommuneIds(db, actor))
    .execute();
}

export function findCommuneInView(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('communes as c')
    .innerJoin('cities as t', 't.id', 'c.city_id')
    .select(['c.id', 'c.code', 'c.name', 'c.kind', 'c.city_id', 't.name as city_name'])
    .where('c.id', '=', id)
    .where('c.id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

/** Submitted files on which the city already entered appraisal points. */
export async function appraisedAssessments(db: Kysely<DB>, assessmentIds: readonly string[]) {
  if (assessmentIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('assessment_scores')
    .select('assessment_id')
    .distinct()
    .where('assessment_id', 'in', [...assessmentIds])
    .where('city_points', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.assessment_id));
}

/** The plans' yearly targets (level, and satisfaction when the plan sets one) of the communes. */
export function planTargets(db: Kysely<DB>, communeIds: readonly string[]) {
  if (communeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('plans')
    .select(['commune_id', 'targets', 'period_from'])
    .where('commune_id', 'in', [...communeIds])
    .orderBy('period_from')
    .orderBy('created_at')
    .execute();
}

export function cityYearRow(db: Kysely<DB>, cityId: string, year: number) {
  return db
    .selectFrom('city_years')
    .selectAll()
    .where('city_id', '=', cityId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function cityYearRows(db: Kysely<DB>, cityIds: readonly string[], year: number) {
  if (cityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('city_years')
    .selectAll()
    .where('city_id', 'in', [...cityIds])
    .where('year', '=', year)
    .execute();
}

export function saveCityYear(
  trx: Transaction<DB>,
  row: {
    city_id: string;
    year: number;
    level_targets: string;
    satisfaction_alert: number | null;
    overdue_feedback_alert: number;
    overdue_tasks_alert: number;
    publish_levels: boolean;
    publish_sipas: boolean;
    publish_par_index: boolean;
    publish_satisfaction: boolean;
    updated_by: string;
  },
) {
  const { city_id: _c, year: _y, ...values } = row;
  return trx
    .insertInto('city_years')
    .values({ ...row, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['city_id', 'year']).doUpdateSet({ ...values, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ------------------------------------------------------------------ appraisal rounds

export function roundsOf(db: Kysely<DB>, communeId: string, assessmentId: string) {
  return db
    .selectFrom('assessment_rounds')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('assessment_id', '=', assessmentId)
    .orderBy('round')
    .execute();
}

export async function roundCounts(db: Kysely<DB>, assessmentIds: readonly string[]) {
  if (assessmentIds.length === 0) return new Map<string, { n: number; open: string | null }>();
  const rows = await db
    .selectFrom('assessment_rounds')
    .select([
      'assessment_id',
      sql<number>`count(*)::int`.as('n'),
      sql<string | null>`(array_agg(request order by round desc) filter (where answer is null))[1]`.as(
        'open',
      ),
    ])
    .where('assessment_id', 'in', [...assessmentIds])
    .groupBy('assessment_id')
    .execute();
  return new Map(rows.map((r) => [r.assessment_id, { n: Number(r.n), open: r.open }]));
}

export function filesOf(db: Kysely<DB>, communeId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('files')
    .select(['id', 'name', 'size', 'mime'])
    .where('commune_id', '=', communeId)
    .where('id', 'in', [...ids])
    .execute();
}

/** An assessment the actor may see, with its commune. */
export function findAssessment(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('communes as c', 'c.id', 'a.commune_id')
    .select([
      'a.id',
      'a.commune_id',
      'a.year',
      'a.status',
      'a.submitted_at',
      'c.name as commune_name',
      'c.city_id',
    ])
    .where('a.id', '=', id)
    .where('a.commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

export async function setStatus(
  trx: Transaction<DB>,
  a: { commune_id: string; id: string },
  from: 'submitted' | 'returned',
  to: 'submitted' | 'returned',
  extra: { submitted_at?: Date } = {},
) {
  const r = await trx
    .updateTable('assessments')
    .set({ status: to, updated_at: new Date(), ...extra })
    .where('commune_id', '=', a.commune_id)
    .where('id', '=', a.id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function addEvent(
  trx: Transaction<DB>,
  actor: Actor,
  a: { commune_id: string; id: string },
  action: string,
  status: string,
  note: string,
) {
  return trx
    .insertInto('assessment_events')
    .values({
      commune_id: a.commune_id,
      assessment_id: a.id,
      action,
      status,
      actor_id: actor.userId,
      actor_name: actor.fullName,
      note,
    })
    .execute();
}

// ------------------------------------------------------------------ the appraisal queue

export function appraisalRows(
  db: Kysely<DB>,
  actor: Actor,
  filter: { year?: number; status?: 'submitted' | 'returned' | 'recognised'; kind?: string },
) {
  let q = db
    .selectFrom('assessments as a')
    .innerJoin('communes as c', 'c.id', 'a.commune_id')
    .select([
      'a.id',
      'a.commune_id',
      'a.year',
      'a.status',
      'a.submitted_at',
      'a.criteria_set_id',
      'a.recognised_level',
      'c.code',
      'c.name',
      'c.kind',
    ])
    .where('a.commune_id', 'in', visibleCommuneIds(db, actor))
    .where('a.status', 'in', filter.status ? [filter.status] : ['submitted', 'returned', 'recognised']);
  if (filter.year) q = q.where('a.year', '=', filter.year);
  if (filter.kind) q = q.where('c.kind', '=', filter.kind as 'xa');
  return q.orderBy('a.submitted_at').execute();
}

export function registrationsOf(db: Kysely<DB>, communeIds: readonly string[], years: readonly number[]) {
  if (communeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('level_registrations')
    .select(['commune_id', 'year', 'target_level'])
    .where('commune_id', 'in', [...communeIds])
    .where('year', 'in', [...years])
    .execute();
}

// ------------------------------------------------------------------ the public page

export function communesOfCity(db: Kysely<DB>, cityId: string) {
  return db
    .selectFrom('communes')
    .select(['id', 'code', 'name', 'kind'])
    .where('city_id', '=', cityId)
    .orderBy('name')
    .execute();
}

export function cityByCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('cities')
    .select(['id', 'code', 'name'])
    .where('code', '=', code.toUpperCase())
    .executeTakeFirst();
}

export function publishedYears(db: Kysely<DB>, cityId: string) {
  return db
    .selectFrom('city_years')
    .select('year')
    .where('city_id', '=', cityId)
    .union(
      db
        .selectFrom('assessments as a')
        .innerJoin('communes as c', 'c.id', 'a.commune_id')
        .select('a.year')
        .where('c.city_id', '=', cityId)
        .where('a.status', '=', 'recognised'),
    )
    .execute();
}

export function recognitions(db: Kysely<DB>, communeIds: readonly string[], year: number) {
  if (communeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assessments')
    .select(['commune_id', 'recognised_level', 'decision_number'])
    .where('commune_id', 'in', [...communeIds])
    .where('year', '=', year)
    .where('status', '=', 'recognised')
    .execute();
}
