import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RegisterTable } from '../register/table.ts';

/** All SQL of rewards: the register as the kit reads it, and the year's count for the criteria. */

export const rewardTable: RegisterTable<'rewards'> = {
  table: 'rewards',
  noun: 'Đề nghị khen thưởng',
  year: { column: 'year', kind: 'year' },
  // a unit's rewards: those it received and those it proposed
  filters: { unitId: ['unit_id', 'nominating_unit_id'], status: 'status' },
  search: ['nominee_name', 'nominee_position', 'achievements', 'form'],
  order: [
    ['year', 'desc'],
    ['nominee_kind', 'desc'],
    ['nominee_name', 'asc'],
  ],
};

/** The nominee kinds of the rewards decided in a year, by decisions dated up to a day. */
export function awardedKinds(db: Kysely<DB>, communeId: string, year: number, until: string) {
  return db
    .selectFrom('rewards')
    .select(['nominee_kind'])
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .where('status', '=', 'awarded')
    .where('decision_date', '<=', until)
    .execute();
}
