import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Whether the city has received a commune's satisfaction figures of a year (decision 0029): the
 * self-assessment of that year was sent to the city (its measures include the year's
 * satisfaction), or the commune issued its yearly report of that year, its self-assessment report,
 * or a review report (sơ kết, tổng kết) of that year or a later one, which covers it.
 */
export async function yearSentToCity(db: Kysely<DB>, communeId: string, year: number): Promise<boolean> {
  const [assessment, document] = await Promise.all([
    db
      .selectFrom('assessments')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('year', '=', year)
      .where('status', 'in', ['submitted', 'recognised'])
      .executeTakeFirst(),
    db
      .selectFrom('documents')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('status', '=', 'issued')
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', 'in', ['yearly-report', 'self-assessment-report']), eb('year', '=', year)]),
          eb.and([eb('kind', '=', 'review-report'), eb('year', '>=', year)]),
        ]),
      )
      .limit(1)
      .executeTakeFirst(),
  ]);
  return assessment !== undefined || document !== undefined;
}
