import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFoundForCitizens } from '../http/errors.ts';
import type { Actor } from '../http/route.ts';
import type { RegisterTable } from '../register/table.ts';
import { visibleCommuneIds } from './scope.ts';

export function listCommunes(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('communes as c')
    .where('c.id', 'in', visibleCommuneIds(db, actor))
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.kind',
      'c.city_id',
      sql<number>`(select count(*)::int from units u where u.commune_id = c.id and u.is_active)`.as(
        'unit_count',
      ),
      sql<number>`(select count(*)::int from villages v where v.commune_id = c.id and v.is_active)`.as(
        'village_count',
      ),
      sql<number>`(select count(*)::int from users s where s.commune_id = c.id and s.is_active)`.as(
        'user_count',
      ),
    ])
    .orderBy('c.name')
    .execute();
}

export function findCommune(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('communes as c')
    .innerJoin('cities as t', 't.id', 'c.city_id')
    .where('c.id', '=', id)
    .where('c.id', 'in', visibleCommuneIds(db, actor))
    .select(['c.id', 'c.code', 'c.name', 'c.kind', 'c.city_id', 't.code as city_code', 't.name as city_name'])
    .executeTakeFirst();
}

/** The commune's name, for the title of a document or a table. */
export async function communeName(db: Kysely<DB>, communeId: string): Promise<string> {
  const row = await db
    .selectFrom('communes')
    .select('name')
    .where('id', '=', communeId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/** The commune a public address names (`HP-BINHGIANG`, any case), or a Vietnamese 404. */
export async function findCommuneByCode(db: Kysely<DB>, code: string) {
  const commune = await db
    .selectFrom('communes')
    .innerJoin('cities', 'cities.id', 'communes.city_id')
    .select([
      'communes.id',
      'communes.code',
      'communes.name',
      'communes.kind',
      'cities.code as cityCode',
      'cities.name as cityName',
    ])
    .where('communes.code', '=', code.toUpperCase())
    .executeTakeFirst();
  // asked by the citizens' pages and feeds: the citizens' wording
  if (!commune) throw notFoundForCitizens('Xã, phường, đặc khu không tồn tại.');
  return commune;
}

export const unitTable: RegisterTable<'units'> = {
  table: 'units',
  noun: 'Đơn vị',
  search: ['code', 'name', 'description'],
  order: [['code', 'asc']],
};

export const villageTable: RegisterTable<'villages'> = {
  table: 'villages',
  noun: 'Thôn',
  search: ['name', 'head_name'],
  order: [['name', 'asc']],
};

/** Whether a unit code is taken in a commune. */
export async function unitCodeTaken(db: Kysely<DB>, communeId: string, code: string) {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('code', '=', code)
    .executeTakeFirst();
  return Boolean(row);
}
