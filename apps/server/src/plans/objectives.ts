import { targetFor, type YearTarget } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The year's targets of the commune's plan that holds the year (the latest such plan): the level,
 * whether to raise it, the satisfaction and feedback targets. Null when no plan sets any.
 */
export async function targetOfYear(
  db: Kysely<DB>,
  communeId: string,
  year: number,
): Promise<YearTarget | null> {
  const plans = await db
    .selectFrom('plans')
    .select('targets')
    .where('commune_id', '=', communeId)
    .where('period_from', '<=', year)
    .where((eb) => eb.or([eb('period_to', 'is', null), eb('period_to', '>=', year)]))
    .orderBy('period_from', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  for (const p of plans) {
    const t = targetFor(p.targets, year);
    if (t) return t;
  }
  return null;
}
