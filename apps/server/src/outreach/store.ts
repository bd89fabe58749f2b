import { vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { yearRange } from '../org/refs.ts';
import type { RegisterTable } from '../register/table.ts';

/** All SQL of outreach: its three registers as the kit reads them, and the queries of its own. */

export const activityTable: RegisterTable<'outreach_activities'> = {
  table: 'outreach_activities',
  noun: 'Hoạt động tuyên truyền',
  year: { column: 'held_on', kind: 'date' },
  filters: { unitId: 'unit_id', villageId: 'village_id', kind: 'kind' },
  search: ['title', 'place', 'content'],
  // "thon ke sat" finds the activities held in Thôn Kẻ Sặt
  searchAlso: (eb, pattern) => [
    eb.exists(
      eb
        .selectFrom('villages as v')
        .select('v.id')
        .whereRef('v.commune_id', '=', 'r.commune_id')
        .whereRef('v.id', '=', 'r.village_id')
        .where((sub) => sub(foldSql(sub.ref('v.name')), 'like', pattern)),
    ),
  ],
  order: [
    ['held_on', 'desc'],
    ['created_at', 'desc'],
  ],
};

export const documentTable: RegisterTable<'outreach_documents'> = {
  table: 'outreach_documents',
  noun: 'Văn bản',
  year: { column: 'issued_on', kind: 'date' },
  search: ['title', 'number', 'issuer', 'summary'],
  order: [
    ['issued_on', 'desc'],
    ['title', 'asc'],
  ],
};

export const exampleTable: RegisterTable<'good_examples'> = {
  table: 'good_examples',
  noun: 'Gương điển hình',
  year: { column: 'year', kind: 'year' },
  filters: { unitId: 'unit_id', kind: 'kind' },
  search: ['title', 'subject', 'content'],
  order: [
    ['year', 'desc'],
    ['created_at', 'desc'],
  ],
};

/** The library's documents of the commune among `ids` (to check them, or to show them). */
export function documentsOf(db: Kysely<DB>, communeIds: readonly string[], ids?: readonly string[]) {
  if (communeIds.length === 0 || ids?.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('outreach_documents')
    .select(['id', 'commune_id', 'number', 'title'])
    .where('commune_id', 'in', communeIds);
  if (ids) q = q.where('id', 'in', ids);
  return q.execute();
}

/** How many activities point to a document of the library. */
export async function activitiesCiting(db: Kysely<DB>, communeId: string, documentId: string) {
  const row = await db
    .selectFrom('outreach_activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commune_id', '=', communeId)
    .where((eb) => eb(eb.val(documentId), '=', eb.fn.any('document_ids')))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The code of a user's unit (the service centre records good examples). */
export async function unitCode(db: Kysely<DB>, unitId: string | null) {
  if (!unitId) return undefined;
  const unit = await db.selectFrom('units').select('code').where('id', '=', unitId).executeTakeFirst();
  return unit?.code;
}

/** A year's activities (up to a day) and the commune's active villages: what coverage counts. */
export function coverageRows(db: Kysely<DB>, communeId: string, year: number, until?: string) {
  const [from, to] = yearRange(year);
  let q = db
    .selectFrom('outreach_activities')
    .select(['kind', 'village_id', 'audience'])
    .where('commune_id', '=', communeId)
    .where('held_on', '>=', from)
    .where('held_on', '<', to);
  if (until) q = q.where('held_on', '<=', until);
  return Promise.all([
    q.execute(),
    db
      .selectFrom('villages')
      .select(['id', 'name'])
      .where('commune_id', '=', communeId)
      .where('is_active', '=', true)
      .orderBy('name')
      .execute(),
  ]);
}

/** The six latest public activities already held, for the citizens' page. */
export function publicActivities(db: Kysely<DB>, communeId: string) {
  return db
    .selectFrom('outreach_activities as a')
    .leftJoin('villages as v', (j) =>
      j.onRef('v.commune_id', '=', 'a.commune_id').onRef('v.id', '=', 'a.village_id'),
    )
    .select(['a.id', 'a.kind', 'a.title', 'a.held_on', 'a.place', 'a.audience', 'v.name as village'])
    .where('a.commune_id', '=', communeId)
    .where('a.is_public', '=', true)
    .where('a.held_on', '<=', vietnamDate(new Date()))
    .orderBy('a.held_on', 'desc')
    .limit(6)
    .execute();
}
