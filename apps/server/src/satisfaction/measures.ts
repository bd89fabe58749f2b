import { defineMeasure, mapCells } from '../measures/registry.ts';
import { dossierFiguresFor } from './dossiers.ts';
import { satisfactionFigures } from './figures.ts';

const pct = (v: number | null) =>
  v === null ? 'chưa có dữ liệu' : `${(v * 100).toFixed(1).replace('.', ',')}%`;

export const satisfactionMeasures = [
  defineMeasure({
    key: 'satisfaction.index',
    name: 'Chỉ số hài lòng (phiếu khảo sát 5 yếu tố)',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await satisfactionFigures(db, scope), ({ questionnaire: r }) => ({
        value: r.overall,
        figures: [
          { label: 'Số phiếu', value: r.responses },
          ...r.elements.map((e) => ({
            label: e.name,
            value: `${pct(e.index)} (${e.satisfied}/${e.answers})`,
          })),
        ],
      }));
    },
  }),
  defineMeasure({
    key: 'satisfaction.counterIndex',
    name: 'Tỷ lệ hài lòng khi đánh giá tại quầy',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await satisfactionFigures(db, scope), ({ counter: r }) => ({
        value: r.index,
        figures: [
          { label: 'Số lượt đánh giá', value: r.ratings },
          { label: 'Hài lòng, rất hài lòng', value: r.satisfied },
          { label: 'Trong đó không kèm mã hồ sơ', value: r.withoutDossier.ratings },
        ],
      }));
    },
  }),
  defineMeasure({
    key: 'satisfaction.dossiersOnTimeShare',
    name: 'Tỷ lệ hồ sơ trả kết quả đúng hạn',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await dossierFiguresFor(db, scope), (r) => ({
        value: r.share,
        figures: [
          { label: 'Hồ sơ đã đến hạn hoặc đã trả', value: r.counted },
          { label: 'Đúng hạn', value: r.onTime },
          { label: 'Trễ hạn', value: r.late },
          { label: 'Chưa đến hạn', value: r.pending },
        ],
      }));
    },
  }),
];
