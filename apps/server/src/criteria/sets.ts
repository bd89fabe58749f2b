import {
  type CriteriaSet,
  type CriteriaSetInput,
  levelsOf,
  maxTotal,
  toInterchange,
  validateCriteriaSet,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { MEASURES } from '../measures/index.ts';

/** The city's criteria sets: imported, versioned by code, never changed once stored. */

export function measureKeys(): string[] {
  return MEASURES.map((m) => m.key);
}

function isoDay(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

export async function importSet(ctx: RequestContext, input: CriteriaSetInput) {
  const actor = ctx.actor!;
  const { problems, set } = validateCriteriaSet(input, measureKeys());
  if (!set) {
    throw badRequest(
      `Bộ tiêu chí có ${problems.length} lỗi, chưa lưu gì: ${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join(' ')}${problems.length > 5 ? ' …' : ''}`,
      problems,
    );
  }
  return storeSet(ctx.db, ctx, actor, set);
}

export async function storeSet(db: Kysely<DB>, ctx: RequestContext, actor: Actor, set: CriteriaSet) {
  return audited({ ...ctx, db }, async (trx) => {
    const last = await trx
      .selectFrom('criteria_sets')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('city_id', '=', actor.cityId)
      .where('code', '=', set.code)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await trx
      .insertInto('criteria_sets')
      .values({
        city_id: actor.cityId,
        code: set.code,
        version,
        name: set.name,
        issued_by: set.issuedBy,
        decision: set.decision,
        effective_from: set.effectiveFrom,
        definition: JSON.stringify(set),
        max_total: maxTotal(set),
        created_by: actor.userId,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    return {
      result: { id: row.id, code: set.code, version: row.version },
      audit: {
        action: 'criteria_sets.import',
        entityType: 'criteria_set',
        entityId: row.id,
        communeId: null,
        cityId: actor.cityId,
        after: { code: set.code, version: row.version, name: set.name },
      },
    };
  });
}

export async function listSets(db: Kysely<DB>, actor: Actor) {
  const rows = await db
    .selectFrom('criteria_sets')
    .select([
      'id',
      'code',
      'version',
      'name',
      'issued_by',
      'decision',
      'effective_from',
      'max_total',
      'definition',
      'created_at',
    ])
    .where('city_id', '=', actor.cityId)
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    version: r.version,
    name: r.name,
    issuedBy: r.issued_by,
    decision: r.decision,
    effectiveFrom: isoDay(r.effective_from),
    maxTotal: r.max_total / 100,
    levelCount: levelsOf(r.definition).length,
    deductions: r.definition.groups.flatMap((g) => g.criteria).filter((c) => c.deduction).length,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * The set in effect for a year in a city: the latest to take effect by the year's end, the last
 * imported among those of the same date; undefined when the city has none yet.
 */
export async function setInEffect(db: Kysely<DB>, cityId: string, year: number) {
  const row = await db
    .selectFrom('criteria_sets')
    .select(['code', 'version', 'definition'])
    .where('city_id', '=', cityId)
    .where('effective_from', '<=', `${year}-12-31`)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row;
}

/** A set of the actor's city; another city's answers 404. */
export async function findSet(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db
    .selectFrom('criteria_sets')
    .selectAll()
    .where('id', '=', id)
    .where('city_id', '=', actor.cityId)
    .executeTakeFirst();
  if (!row) throw notFound('Bộ tiêu chí');
  return row;
}

export async function getSet(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await findSet(db, actor, id);
  return {
    id: row.id,
    version: row.version,
    maxTotal: row.max_total / 100,
    createdAt: new Date(row.created_at).toISOString(),
    ...toInterchange(row.definition),
  };
}
