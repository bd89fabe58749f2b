import { sql } from 'kysely';
import type { MeasureDefinition } from '../measures/registry.ts';
import { answeredOnTimeShare } from './public-view.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

export const feedbackMeasures: MeasureDefinition[] = [
  {
    key: 'feedback.answeredOnTimeShare',
    name: 'Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const s = await answeredOnTimeShare(db, communeId, year, today);
      return {
        value: s.value,
        figures: [
          { label: 'Trả lời đúng hạn', value: s.onTime },
          { label: 'Trả lời quá hạn', value: s.late },
          { label: 'Chưa trả lời, đã quá hạn', value: s.overdue },
          { label: 'Tỷ lệ', value: pct(s.value) },
        ],
      };
    },
  },
  {
    key: 'feedback.answerSatisfaction',
    name: 'Tỷ lệ người dân hài lòng với câu trả lời phản ánh, kiến nghị',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const row = await db
        .selectFrom('feedback_items')
        .where('commune_id', '=', communeId)
        .where('kind', '=', 'feedback')
        .where('rating', 'is not', null)
        .where('received_on', '>=', `${year}-01-01`)
        .where('received_on', '<=', `${year}-12-31`)
        .where(sql<boolean>`(rated_at at time zone 'Asia/Ho_Chi_Minh')::date <= ${today}`)
        .select([
          sql<number>`count(*) filter (where rating = 'satisfied')`.as('satisfied'),
          sql<number>`count(*)`.as('rated'),
        ])
        .executeTakeFirstOrThrow();
      const rated = Number(row.rated);
      const satisfied = Number(row.satisfied);
      const value = rated === 0 ? null : satisfied / rated;
      return {
        value,
        figures: [
          { label: 'Hài lòng', value: satisfied },
          { label: 'Chưa hài lòng', value: rated - satisfied },
          { label: 'Tỷ lệ hài lòng', value: pct(value) },
        ],
      };
    },
  },
];
