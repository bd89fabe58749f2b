import type { MeasureDefinition } from '../measures/registry.ts';
import { dossierFigures } from './dossiers.ts';
import { counterFigures, questionnaireFigures } from './results.ts';

const yearTo = (year: number, today: string) => (today < `${year}-12-31` ? today : `${year}-12-31`);
const pct = (v: number | null) =>
  v === null ? 'chưa có dữ liệu' : `${(v * 100).toFixed(1).replace('.', ',')}%`;

export const satisfactionMeasures: MeasureDefinition[] = [
  {
    key: 'satisfaction.index',
    name: 'Chỉ số hài lòng (phiếu khảo sát 5 yếu tố)',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const r = await questionnaireFigures(db, communeId, `${year}-01-01`, yearTo(year, today));
      return {
        value: r.overall,
        figures: [
          { label: 'Số phiếu', value: r.responses },
          ...r.elements.map((e) => ({
            label: e.name,
            value: `${pct(e.index)} (${e.satisfied}/${e.answers})`,
          })),
        ],
      };
    },
  },
  {
    key: 'satisfaction.counterIndex',
    name: 'Tỷ lệ hài lòng khi đánh giá tại quầy',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const r = await counterFigures(db, communeId, `${year}-01-01`, yearTo(year, today));
      return {
        value: r.index,
        figures: [
          { label: 'Số lượt đánh giá', value: r.ratings },
          { label: 'Hài lòng, rất hài lòng', value: r.satisfied },
          { label: 'Trong đó không kèm mã hồ sơ', value: r.withoutDossier.ratings },
        ],
      };
    },
  },
  {
    key: 'satisfaction.dossiersOnTimeShare',
    name: 'Tỷ lệ hồ sơ trả kết quả đúng hạn',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const r = await dossierFigures(db, communeId, year, today);
      return {
        value: r.share,
        figures: [
          { label: 'Hồ sơ đã đến hạn hoặc đã trả', value: r.counted },
          { label: 'Đúng hạn', value: r.onTime },
          { label: 'Trễ hạn', value: r.late },
          { label: 'Chưa đến hạn', value: r.pending },
        ],
      };
    },
  },
];
