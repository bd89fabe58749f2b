import type { YearTable } from '@cqtt/contract/villages';
import { can, cultureTitleShare, foldVietnamese, VILLAGE_MODEL_ITEMS, vietnamDate } from '@cqtt/domain';
import type { FastifyReply } from 'fastify';
import { tableXlsx } from '../documents/xlsx-table.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { sendDocument } from '../register/export.ts';
import { views } from './assessments.ts';
import { activeVillages, headedVillage, tableVillages, yearAssessments } from './store.ts';

/** The year's table of a commune: every active village, its assessment if any, and who may enter it. */

export interface TableQuery {
  communeId?: string;
  year?: number;
  villageId?: string;
  q?: string;
}

const thisYear = () => Number(vietnamDate(new Date()).slice(0, 4));

export async function yearTable(ctx: RequestContext, query: TableQuery): Promise<YearTable> {
  const year = query.year ?? thisYear();
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
  const folded = query.q ? foldVietnamese(query.q.trim()) : '';
  const [list, rows, active] = await Promise.all([
    tableVillages(ctx.db, communeId, { year, villageId: query.villageId, folded }),
    yearAssessments(ctx.db, communeId, year),
    activeVillages(ctx.db, communeId),
  ]);
  const assessed = new Map((await views(ctx, rows)).map((a) => [a.village.id, a]));
  const recognised = rows.filter((r) => r.title_achieved === true).length;
  // Phòng VH-XH enters any village's results, a village head only his own
  const actor = ctx.actor!;
  const reviewer = can(actor.roles, 'villages.review');
  const headed =
    !reviewer && can(actor.roles, 'villages.assess') && actor.communeId
      ? await headedVillage(ctx.db, actor.communeId, actor.userId)
      : null;
  return {
    year,
    activeVillages: active,
    recognised,
    cultureTitleShare: cultureTitleShare(active, recognised),
    villages: list.map((v) => ({
      village: { id: v.id, name: v.name },
      assessment: assessed.get(v.id) ?? null,
      mayEnter: reviewer || headed === v.id,
    })),
  };
}

/** The year's table as the XLSX the commune files. */
export async function yearTableXlsx(ctx: RequestContext, query: TableQuery, reply: FastifyReply) {
  const table = await yearTable(ctx, query);
  const y = table.year;
  const bytes = await tableXlsx({
    sheetName: `Năm ${y}`,
    title: `KẾT QUẢ BÌNH XÉT DANH HIỆU VĂN HÓA CÁC THÔN NĂM ${y}`,
    subtitle: `Gắn với tiêu chí mô hình “Chính quyền thân thiện”. ${table.recognised}/${table.activeVillages} thôn đạt danh hiệu “Thôn văn hóa”.`,
    columns: [
      { header: 'STT', width: 6, center: true },
      { header: 'Thôn', width: 24 },
      { header: 'Tổng số hộ', width: 12, numFmt: '#,##0' },
      { header: 'Gia đình văn hóa', width: 14, numFmt: '#,##0' },
      { header: 'Tỷ lệ (%)', width: 10, numFmt: '0.0' },
      ...VILLAGE_MODEL_ITEMS.map((i) => ({ header: i.label, width: 22, center: true })),
      { header: 'Đề nghị công nhận', width: 12, center: true },
      { header: 'Kết quả', width: 20 },
      { header: 'Ghi chú', width: 30 },
    ],
    rows: table.villages.map(({ village, assessment: a }, i) =>
      a
        ? [
            i + 1,
            village.name,
            a.households,
            a.culturalFamilies,
            a.culturalFamilyShare === null ? null : Math.round(a.culturalFamilyShare * 1000) / 10,
            ...VILLAGE_MODEL_ITEMS.map((m) => (a.modelItems.includes(m.key) ? 'Đạt' : 'Chưa đạt')),
            a.proposeTitle ? 'Có' : '',
            a.titleAchieved === null ? 'Chưa xem xét' : a.titleAchieved ? 'Thôn văn hóa' : 'Chưa đạt',
            [a.note, a.reviewNote].filter(Boolean).join(' — '),
          ]
        : [i + 1, village.name, null, null, null, ...VILLAGE_MODEL_ITEMS.map(() => ''), '', 'Chưa nhập', ''],
    ),
  });
  return sendDocument(reply, 'xlsx', `Danh hiệu văn hóa thôn ${y}.xlsx`, bytes);
}
