import type { Kysely } from 'kysely';
import { type DemoCommunes, demoUserId } from '../capability.ts';
import type { DB } from '../db/schema.ts';

/** Hải Phòng published Bình Giang's SIPAS 2026 (91,24 %, 7th of the city) on 25/11/2026. */
export async function seedIndicesDemo(db: Kysely<DB>, communes: DemoCommunes) {
  const binhgiang = communes.binhgiang!;
  await db
    .insertInto('official_indices')
    .values({
      city_id: binhgiang.cityId,
      commune_id: binhgiang.id,
      year: 2026,
      index_kind: 'sipas',
      value: 9124,
      rank: 7,
      decision: 'Quyết định số 3120/QĐ-UBND ngày 25/11/2026 của Ủy ban nhân dân thành phố',
      decision_date: '2026-11-25',
      entered_by: await demoUserId(db, 'snv.haiphong'),
      updated_at: new Date('2026-11-25T08:00:00Z'),
    })
    .execute();
}
