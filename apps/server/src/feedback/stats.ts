import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { feedbackMeasures } from './measures.ts';

/**
 * A year's feedback figures: items by kind and status, those overdue now, and the measured shares
 * (answered on time, satisfied with the answer). GET /api/feedback/stats and the yearly report
 * both read them here.
 */
export async function feedbackStats(db: Kysely<DB>, communeId: string, year: number, today: string) {
  const measures = await Promise.all(
    feedbackMeasures.map(async (m) => ({
      key: m.key,
      name: m.name,
      ...(await m.compute(db, { communeId, year, today })),
    })),
  );
  const byStatus = await db
    .selectFrom('feedback_items')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('commune_id', '=', communeId)
    .where('received_on', '>=', `${year}-01-01`)
    .where('received_on', '<=', `${year}-12-31`)
    .groupBy(['kind', 'status'])
    .execute();
  const overdue = await db
    .selectFrom('feedback_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commune_id', '=', communeId)
    .where('status', 'in', ['received', 'accepted', 'assigned', 'drafted', 'approved'])
    .where('deadline', '<', today)
    .executeTakeFirstOrThrow();
  return {
    year,
    byStatus: byStatus.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.n) })),
    overdue: Number(overdue.n),
    measures,
  };
}
