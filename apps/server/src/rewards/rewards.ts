import type { Reward } from '@cqtt/contract/rewards';
import { can, NOMINEE_KIND_LABELS, REWARD_STATUS_LABELS } from '@cqtt/domain';
import { dayCell } from '../documents/xlsx-table.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRegister } from '../register/define.ts';
import type { XlsxDescription } from '../register/export.ts';
import { loadRefs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { rewardTable } from './store.ts';

/** Nominations for rewards: a unit or Phòng VH-XH proposes, with achievements and evidence. */

type RewardRow = Row<'rewards'>;

async function views(ctx: RequestContext, rows: RewardRow[]): Promise<Reward[]> {
  const refs = await loadRefs(ctx.db, rows, {
    units: true,
    villages: true,
    users: rows.flatMap((r) => [r.nominated_by, r.commented_by, r.decided_by]),
    files: rows.flatMap((r) => r.file_ids),
  });
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    year: r.year,
    nomineeKind: r.nominee_kind,
    nomineeKindLabel: NOMINEE_KIND_LABELS[r.nominee_kind],
    nomineeName: r.nominee_name,
    nomineePosition: r.nominee_position,
    unit: refs.unit(r.unit_id),
    village: refs.village(r.village_id),
    achievements: r.achievements,
    files: refs.files(r.file_ids),
    nominatedBy: refs.user(r.nominated_by),
    nominatingUnit: refs.unit(r.nominating_unit_id),
    status: r.status,
    statusLabel: REWARD_STATUS_LABELS[r.status],
    mttqComment: r.mttq_comment,
    commentedBy: refs.user(r.commented_by),
    form: r.form,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date ? String(r.decision_date).slice(0, 10) : null,
    decisionNote: r.decision_note,
    decidedBy: refs.user(r.decided_by),
  }));
}

interface NominationInput {
  year: number;
  nomineeKind: RewardRow['nominee_kind'];
  nomineeName: string;
  nomineePosition?: string;
  unitId?: string | null;
  villageId?: string | null;
  achievements: string;
  fileIds?: string[];
}

export const rewards = defineRegister<'rewards', Reward, NominationInput>({
  ...rewardTable,
  audit: { entity: 'reward', create: 'rewards.nominate', update: 'rewards.update' },
  fields: {
    year: 'year',
    nomineeKind: 'nominee_kind',
    nomineeName: 'nominee_name',
    nomineePosition: 'nominee_position',
    unitId: 'unit_id',
    villageId: 'village_id',
    achievements: 'achievements',
    fileIds: 'file_ids',
  },
  view: views,
  guard(ctx, _write, before) {
    if (!before) return;
    const actor = ctx.actor!;
    if (!can(actor.roles, 'plans.manage') && before.nominated_by !== actor.userId) {
      throw forbidden('Chỉ người đề nghị hoặc Phòng Văn hóa - Xã hội được sửa đề nghị này.');
    }
    if (before.status !== 'nominated') throw badRequest('Đề nghị đã có quyết định; không sửa được nữa.');
  },
  created: (ctx, communeId) => ({
    nominated_by: ctx.actor!.userId,
    // the proposing unit: the user's own, when the user belongs to this commune
    nominating_unit_id: ctx.actor!.communeId === communeId ? ctx.actor!.unitId : null,
  }),
});

export const rewardsXlsx: XlsxDescription<Reward, { year?: number }> = {
  fileName: (q) => `Khen thưởng${q.year ? ` ${q.year}` : ''}.xlsx`,
  sheetName: (q) => (q.year ? `Năm ${q.year}` : 'Khen thưởng'),
  title: (q) =>
    `DANH SÁCH KHEN THƯỞNG THỰC HIỆN MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN”${q.year ? ` NĂM ${q.year}` : ''}`,
  columns: [
    { header: 'STT', width: 6, center: true },
    { header: 'Cá nhân / tập thể', width: 14 },
    { header: 'Họ tên, tên tập thể', width: 30 },
    { header: 'Chức vụ, đơn vị', width: 28 },
    { header: 'Thành tích', width: 50 },
    { header: 'Ý kiến MTTQ', width: 30 },
    { header: 'Kết quả', width: 18 },
    { header: 'Hình thức', width: 26 },
    { header: 'Số quyết định', width: 16 },
    { header: 'Ngày quyết định', width: 14, numFmt: 'dd/mm/yyyy', center: true },
  ],
  rows: (items) =>
    items.map((r, i) => [
      i + 1,
      r.nomineeKindLabel,
      r.nomineeName,
      [r.nomineePosition, r.unit?.name, r.village?.name].filter(Boolean).join(', '),
      r.achievements,
      r.mttqComment,
      r.statusLabel,
      r.form,
      r.decisionNumber,
      dayCell(r.decisionDate),
    ]),
};
