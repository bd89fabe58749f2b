import { cellKey, cellsOf, defineMeasure } from '../measures/registry.ts';

/** criteria.registrationOnTime: the year's level registration was sent by 15/02 (1) or not (0). */
export const registrationOnTime = defineMeasure({
  key: 'criteria.registrationOnTime',
  name: 'Đăng ký mức độ gửi thành phố trước ngày 15/02',
  kind: 'boolean',
  async computeSet(db, scope) {
    const rows = await db
      .selectFrom('level_registrations')
      .select(['commune_id', 'year', 'sent_at', 'on_time', 'target_level'])
      .where('commune_id', 'in', [...scope.communeIds])
      .where('year', 'in', [...scope.years])
      .execute();
    const byCell = new Map(rows.map((r) => [cellKey(r.commune_id, r.year), r]));
    return cellsOf(scope, (communeId, year) => {
      const row = byCell.get(cellKey(communeId, year));
      if (!row) return { value: 0, figures: [{ label: 'Đăng ký mức độ', value: 'Chưa đăng ký' }] };
      return {
        value: row.on_time ? 1 : 0,
        figures: [
          { label: 'Mức đăng ký', value: row.target_level },
          { label: 'Gửi lúc', value: new Date(row.sent_at).toISOString() },
          { label: 'Đúng hạn (trước 15/02)', value: row.on_time ? 'Có' : 'Không' },
        ],
      };
    });
  },
});

export const criteriaMeasures = [registrationOnTime];
