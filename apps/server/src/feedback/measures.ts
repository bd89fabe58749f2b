import { defineMeasure, mapCells } from '../measures/registry.ts';
import { feedbackFigures } from './figures.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

export const feedbackMeasures = [
  defineMeasure({
    key: 'feedback.answeredOnTimeShare',
    name: 'Tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await feedbackFigures(db, scope), (s) => ({
        value: s.onTimeShare,
        figures: [
          { label: 'Trả lời đúng hạn', value: s.answeredOnTime },
          { label: 'Trả lời quá hạn', value: s.answeredLate },
          { label: 'Chưa trả lời, đã quá hạn', value: s.overdue },
          { label: 'Tỷ lệ', value: pct(s.onTimeShare) },
        ],
      }));
    },
  }),
  defineMeasure({
    key: 'feedback.answerSatisfaction',
    name: 'Tỷ lệ người dân hài lòng với câu trả lời phản ánh, kiến nghị',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await feedbackFigures(db, scope), (s) => {
        const value = s.rated === 0 ? null : s.satisfied / s.rated;
        return {
          value,
          figures: [
            { label: 'Hài lòng', value: s.satisfied },
            { label: 'Chưa hài lòng', value: s.rated - s.satisfied },
            { label: 'Tỷ lệ hài lòng', value: pct(value) },
          ],
        };
      });
    },
  }),
];
