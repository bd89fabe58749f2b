import { NOMINEE_KINDS, REWARD_STATUSES } from '@cqtt/domain/rewards/rewards';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { registerEndpoints } from './register.ts';
import {
  communeId,
  day,
  FileRef,
  fileIds,
  idParams,
  NamedRef,
  optionalText,
  searchQuery,
  text,
  UnitRef,
  UserRef,
  yearField,
  yearQuery,
} from './shared.ts';

/** Rewards (khen thưởng): units nominate, MTTQ comments, the chairman decides. */

export const Reward = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  year: z.number(),
  nomineeKind: z.enum(NOMINEE_KINDS),
  nomineeKindLabel: z.string(),
  nomineeName: z.string(),
  nomineePosition: z.string(),
  unit: UnitRef.nullable(),
  village: NamedRef.nullable(),
  achievements: z.string(),
  files: z.array(FileRef),
  nominatedBy: UserRef.nullable(),
  nominatingUnit: UnitRef.nullable(),
  status: z.enum(REWARD_STATUSES),
  statusLabel: z.string(),
  mttqComment: z.string(),
  commentedBy: UserRef.nullable(),
  form: z.string(),
  decisionNumber: z.string(),
  decisionDate: z.string().nullable(),
  decisionNote: z.string(),
  decidedBy: UserRef.nullable(),
});
export type Reward = z.output<typeof Reward>;

const fields = {
  year: yearField,
  nomineeKind: z.enum(NOMINEE_KINDS),
  nomineeName: text(300),
  nomineePosition: optionalText(300).optional(),
  unitId: z.uuid().nullable().optional(),
  villageId: z.uuid().nullable().optional(),
  achievements: text(20_000),
  fileIds: fileIds(30).optional(),
};
const filter = {
  communeId,
  year: yearQuery.optional(),
  unitId: z.uuid().optional(),
  status: z.enum(REWARD_STATUSES).optional(),
  q: searchQuery,
};

const nominations = registerEndpoints(['list', 'exportXlsx', 'create', 'get', 'update'], {
  url: '/api/rewards',
  tag: 'rewards',
  item: Reward,
  filter,
  fields,
  write: { permission: 'rewards.nominate' },
  summary: {
    list: 'Đề nghị và kết quả khen thưởng; lọc theo năm, đơn vị, trạng thái; tìm không cần dấu',
    exportXlsx: 'Tải danh sách khen thưởng của năm (theo bộ lọc) dạng Excel (XLSX)',
    create: 'Đề nghị khen thưởng một cá nhân hoặc tập thể, kèm thành tích và minh chứng',
    get: 'Một đề nghị khen thưởng',
    update: 'Sửa đề nghị khen thưởng chưa có quyết định',
  },
  example: {
    create: {
      year: 2026,
      nomineeKind: 'individual',
      nomineeName: 'Phạm Văn Đức',
      nomineePosition: 'Công chức Trung tâm Phục vụ hành chính công',
      achievements: 'Tiếp nhận 1.200 hồ sơ, không có hồ sơ trễ hạn; được người dân đánh giá hài lòng 98%.',
    },
    update: { achievements: 'Bổ sung thành tích' },
  },
});

export const rewards = {
  ...nominations,
  comment: endpoint({
    method: 'POST',
    url: '/api/rewards/:id/comment',
    tag: 'rewards',
    summary: 'Ủy ban MTTQ xã cho ý kiến về đề nghị khen thưởng',
    access: { permission: 'rewards.comment' },
    params: idParams,
    body: z.strictObject({ comment: text(5000) }),
    example: { comment: 'Nhất trí đề nghị khen thưởng.' },
    response: Reward,
  }),
  decide: endpoint({
    method: 'POST',
    url: '/api/rewards/:id/decide',
    tag: 'rewards',
    summary: 'Lãnh đạo quyết định: hình thức, số và ngày quyết định; hoặc không khen thưởng kèm lý do',
    access: { permission: 'rewards.decide' },
    params: idParams,
    body: z.strictObject({
      award: z.boolean(),
      form: optionalText(300).optional(),
      decisionNumber: optionalText(50).optional(),
      decisionDate: day.optional(),
      note: optionalText(2000).optional(),
    }),
    example: {
      award: true,
      form: 'Giấy khen của Chủ tịch UBND xã',
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2026-11-20',
    },
    response: Reward,
  }),
  decisionDocx: endpoint({
    method: 'GET',
    url: '/api/rewards/:id/decision.docx',
    tag: 'rewards',
    summary: 'Tải quyết định khen thưởng dạng Word (DOCX) theo thể thức Nghị định 30/2020/NĐ-CP',
    access: 'user',
    params: idParams,
    status: 200,
    file: true,
  }),
};
