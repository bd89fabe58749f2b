import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The levels the criteria sets in effect define, one list per city and year (the set in effect is
 * the latest to take effect by the year's end, as criteria/sets.ts setInEffect): one query for all
 * the cities in view, never one per commune.
 */
export async function definedLevels(
  db: Kysely<DB>,
  cityIds: readonly string[],
  years: readonly number[],
): Promise<number[][]> {
  if (cityIds.length === 0 || years.length === 0) return [];
  const last = Math.max(...years);
  const rows = await db
    .selectFrom('criteria_sets')
    .select(['city_id', 'effective_from', 'definition'])
    .where('city_id', 'in', [...cityIds])
    .where('effective_from', '<=', `${last}-12-31`)
    .orderBy('effective_from', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('version', 'desc')
    .execute();
  const out: number[][] = [];
  for (const cityId of new Set(cityIds))
    for (const year of years) {
      const set = rows.find((r) => r.city_id === cityId && String(r.effective_from) <= `${year}-12-31`);
      if (set) out.push(set.definition.levels.map((l) => l.level));
    }
  return out;
}
