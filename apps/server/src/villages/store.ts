import type { Kysely } from 'kysely';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import type { RegisterTable } from '../register/table.ts';

/** All SQL of villages' assessments: the register, the heads, the year's table and its counts. */

export const assessmentTable: RegisterTable<'village_assessments'> = {
  table: 'village_assessments',
  noun: 'Kết quả đánh giá thôn',
  year: { column: 'year', kind: 'year' },
  filters: { villageId: 'village_id' },
  order: [['year', 'desc']],
};

/** The village a user heads in a commune, or null. */
export async function headedVillage(db: Kysely<DB>, communeId: string, userId: string) {
  const row = await db
    .selectFrom('village_heads')
    .select('village_id')
    .where('commune_id', '=', communeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.village_id ?? null;
}

/** A village's assessment of a year, if entered. */
export function assessmentOf(db: Kysely<DB>, communeId: string, villageId: string, year: number) {
  return db
    .selectFrom('village_assessments')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('village_id', '=', villageId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/**
 * The active villages a year's table lists: by name, or by what their assessment of the year
 * says; "thon van hoa" also finds the villages recognised that year.
 */
export function tableVillages(
  db: Kysely<DB>,
  communeId: string,
  filter: { year: number; villageId?: string; folded: string },
) {
  let q = db
    .selectFrom('villages as v')
    .select(['v.id', 'v.name', 'v.households'])
    .where('v.commune_id', '=', communeId)
    .where('v.is_active', '=', true);
  if (filter.villageId) q = q.where('v.id', '=', filter.villageId);
  const needle = filter.folded;
  if (needle) {
    const pattern = containsPattern(needle);
    const meansTheTitle = 'thon van hoa'.includes(needle) || needle.includes('thon van hoa');
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('v.name')), 'like', pattern),
        eb.exists(
          eb
            .selectFrom('village_assessments as a')
            .select('a.id')
            .whereRef('a.commune_id', '=', 'v.commune_id')
            .whereRef('a.village_id', '=', 'v.id')
            .where('a.year', '=', filter.year)
            .where((sub) =>
              sub.or([
                sub(foldSql(sub.ref('a.note')), 'like', pattern),
                sub(foldSql(sub.ref('a.review_note')), 'like', pattern),
                ...(meansTheTitle ? [sub('a.title_achieved', '=', true)] : []),
              ]),
            ),
        ),
      ]),
    );
  }
  return q.orderBy('v.name').execute();
}

/** Every assessment of a commune's year. */
export function yearAssessments(db: Kysely<DB>, communeId: string, year: number) {
  return db
    .selectFrom('village_assessments')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .execute();
}

/** The commune's active villages. */
export async function activeVillages(db: Kysely<DB>, communeId: string) {
  const row = await db
    .selectFrom('villages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commune_id', '=', communeId)
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The villages recognised "Thôn văn hóa" for a year, by reviews made up to a moment. */
export async function recognisedVillages(db: Kysely<DB>, communeId: string, year: number, until: Date) {
  const row = await db
    .selectFrom('village_assessments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .where('title_achieved', '=', true)
    .where('reviewed_at', '<=', until)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
