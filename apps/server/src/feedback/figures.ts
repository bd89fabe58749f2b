import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Cells, cellKey, cellsOf, type FigureScope, yearSpan } from '../measures/registry.ts';

/** A commune's citizens' feedback of a year (items received in the year, up to today). */
export interface FeedbackCell {
  /** Feedback items received (complaints and denunciations go to their own channel: not counted). */
  received: number;
  /** Answered: published, rated, or refused with a reason. */
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Not answered and past the deadline today. */
  overdue: number;
  /** answeredOnTime / (answered + overdue): items still within their deadline are not decided yet. */
  onTimeShare: number | null;
  /** Answers the citizen rated (by today), and those rated "satisfied". */
  rated: number;
  satisfied: number;
}

const ANSWERED = sql`status in ('published', 'rated', 'rejected')`;
const OPEN = sql`status in ('received', 'accepted', 'assigned', 'drafted', 'approved')`;

/**
 * The feedback figures of every commune and year of the scope, in one grouped query: the
 * commune's own figures (GET /api/feedback/stats, its public page, the measures) are the same
 * function on a set of one.
 */
export async function feedbackFigures(db: Kysely<DB>, scope: FigureScope): Promise<Cells<FeedbackCell>> {
  const span = yearSpan(scope);
  const { today } = scope;
  const rows =
    scope.communeIds.length === 0
      ? []
      : await db
          .selectFrom('feedback_items')
          .select([
            'commune_id',
            sql<number>`extract(year from received_on)::int`.as('year'),
            sql<number>`count(*)::int`.as('received'),
            sql<number>`(count(*) filter (where ${ANSWERED} and answered_on <= deadline))::int`.as('on_time'),
            sql<number>`(count(*) filter (where ${ANSWERED} and answered_on > deadline))::int`.as('late'),
            sql<number>`(count(*) filter (where ${ANSWERED}))::int`.as('answered'),
            sql<number>`(count(*) filter (where ${OPEN} and deadline < ${today}))::int`.as('overdue'),
            sql<number>`(count(*) filter (where rating is not null and (rated_at at time zone 'Asia/Ho_Chi_Minh')::date <= ${today}))::int`.as(
              'rated',
            ),
            sql<number>`(count(*) filter (where rating = 'satisfied' and (rated_at at time zone 'Asia/Ho_Chi_Minh')::date <= ${today}))::int`.as(
              'satisfied',
            ),
          ])
          .where('commune_id', 'in', [...scope.communeIds])
          .where('kind', '=', 'feedback')
          .where('received_on', '>=', span.from)
          .where('received_on', '<=', span.to)
          .where('received_on', '<=', today)
          .groupBy(['commune_id', sql`extract(year from received_on)`])
          .execute();
  const byCell = new Map(rows.map((r) => [cellKey(r.commune_id, Number(r.year)), r]));
  return cellsOf(scope, (communeId, year) => {
    const r = byCell.get(cellKey(communeId, year));
    const onTime = Number(r?.on_time ?? 0);
    const late = Number(r?.late ?? 0);
    const overdue = Number(r?.overdue ?? 0);
    const decided = onTime + late + overdue;
    return {
      received: Number(r?.received ?? 0),
      answered: Number(r?.answered ?? 0),
      answeredOnTime: onTime,
      answeredLate: late,
      overdue,
      onTimeShare: decided === 0 ? null : onTime / decided,
      rated: Number(r?.rated ?? 0),
      satisfied: Number(r?.satisfied ?? 0),
    };
  });
}
