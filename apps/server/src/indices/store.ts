import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { visibleCommuneIds } from '../org/scope.ts';

/**
 * The one store of the official SIPAS and PAR INDEX results (decision 0031): every read and write
 * of official_indices goes through here, whoever shows them (the indices page, the city's
 * workspace and its public page, a commune's public results).
 */

export type IndexKind = 'sipas' | 'par_index';

export interface IndexRow {
  city_id: string;
  commune_id: string;
  year: number;
  index_kind: IndexKind;
  /** Hundredths of a percent. */
  value: number;
  rank: number | null;
  decision: string;
  decision_date: string | null;
  note: string;
  entered_by: string | null;
}

/** The rows of the given communes (a subquery of the ones the caller sees), newest year first. */
export function listRows(
  db: Kysely<DB>,
  communes: ReturnType<typeof visibleCommuneIds>,
  filter: { communeId?: string; year?: number; kind?: IndexKind; id?: string },
) {
  let q = db
    .selectFrom('official_indices as i')
    .innerJoin('communes as c', 'c.id', 'i.commune_id')
    .leftJoin('users as u', 'u.id', 'i.entered_by')
    .selectAll('i')
    .select(['c.code as commune_code', 'c.name as commune_name', 'u.full_name as entered_by_name'])
    .where('i.commune_id', 'in', communes);
  if (filter.id) q = q.where('i.id', '=', filter.id);
  if (filter.communeId) q = q.where('i.commune_id', '=', filter.communeId);
  if (filter.year) q = q.where('i.year', '=', filter.year);
  if (filter.kind) q = q.where('i.index_kind', '=', filter.kind);
  return q.orderBy('i.year', 'desc').orderBy('c.name').orderBy('i.index_kind').execute();
}

/** The results of a set of communes and years, in one statement (the city's figures, decision 0025). */
export function forCommunes(db: Kysely<DB>, communeIds: readonly string[], years?: readonly number[]) {
  if (communeIds.length === 0 || years?.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('official_indices')
    .select(['commune_id', 'year', 'index_kind', 'value', 'rank', 'decision', 'decision_date'])
    .where('commune_id', 'in', [...communeIds]);
  if (years) q = q.where('year', 'in', [...years]);
  return q.orderBy('year', 'desc').orderBy('index_kind').execute();
}

export function findByKey(db: Kysely<DB>, key: { communeId: string; year: number; kind: IndexKind }) {
  return db
    .selectFrom('official_indices')
    .selectAll()
    .where('commune_id', '=', key.communeId)
    .where('year', '=', key.year)
    .where('index_kind', '=', key.kind)
    .executeTakeFirst();
}

export function findInCity(db: Kysely<DB>, id: string, cityId: string) {
  return db
    .selectFrom('official_indices')
    .selectAll()
    .where('id', '=', id)
    .where('city_id', '=', cityId)
    .executeTakeFirst();
}

/** Enters a result, or replaces the one of the same commune, year and index. */
export function upsert(trx: Transaction<DB>, row: IndexRow) {
  const values = {
    value: row.value,
    rank: row.rank,
    decision: row.decision,
    decision_date: row.decision_date,
    note: row.note,
    entered_by: row.entered_by,
    updated_at: new Date(),
  };
  return trx
    .insertInto('official_indices')
    .values({ ...row, updated_at: values.updated_at })
    .onConflict((oc) => oc.columns(['commune_id', 'year', 'index_kind']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function remove(trx: Transaction<DB>, communeId: string, id: string) {
  return trx
    .deleteFrom('official_indices')
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .execute();
}

/** The communes of a city by code (the import's lookup, the template's rows). */
export function communesOfCity(db: Kysely<DB>, cityId: string) {
  return db
    .selectFrom('communes')
    .select(['id', 'code', 'name', 'city_id'])
    .where('city_id', '=', cityId)
    .orderBy('name')
    .execute();
}

export function communeOfCity(db: Kysely<DB>, id: string, cityId: string) {
  return db
    .selectFrom('communes')
    .select(['id', 'city_id'])
    .where('id', '=', id)
    .where('city_id', '=', cityId)
    .executeTakeFirst();
}
