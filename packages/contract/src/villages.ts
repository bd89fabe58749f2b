import { VILLAGE_MODEL_ITEM_KEYS } from '@cqtt/domain/villages/villages';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { registerEndpoints } from './register.ts';
import {
  communeId,
  FileRef,
  fileIds,
  idParams,
  NamedRef,
  optionalText,
  searchQuery,
  UserRef,
  yearField,
  yearQuery,
} from './shared.ts';

/**
 * Villages (thôn): each village's yearly assessment towards the "Thôn văn hóa" title; the
 * village head enters his village's figures, Phòng VH-XH reviews. (The list of villages itself
 * is the commune's, in org.)
 */

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'reviewed'] as const;

export const Assessment = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  village: NamedRef,
  year: z.number(),
  households: z.number(),
  culturalFamilies: z.number(),
  culturalFamilyShare: z.number().nullable(),
  modelItems: z.array(z.string()),
  meetsTitle: z.boolean(),
  proposeTitle: z.boolean(),
  note: z.string(),
  files: z.array(FileRef),
  status: z.enum(ASSESSMENT_STATUSES),
  titleAchieved: z.boolean().nullable(),
  reviewNote: z.string(),
  reviewedBy: UserRef.nullable(),
  reviewedAt: z.string().nullable(),
});
export type Assessment = z.output<typeof Assessment>;

export const YearTable = z.object({
  year: z.number(),
  activeVillages: z.number(),
  recognised: z.number(),
  cultureTitleShare: z.number().nullable(),
  villages: z.array(
    z.object({
      village: NamedRef,
      assessment: Assessment.nullable(),
      /** The caller may enter or edit this village's results (Phòng VH-XH: all; a village head: his own). */
      mayEnter: z.boolean(),
    }),
  ),
});
export type YearTable = z.output<typeof YearTable>;

const count = (name: string) =>
  z.number().int(`${name} phải là số nguyên.`).min(0, `${name} không được âm.`).max(1_000_000);
const fields = {
  households: count('Số hộ'),
  culturalFamilies: count('Số gia đình văn hóa'),
  modelItems: z
    .array(z.string().max(50))
    .max(VILLAGE_MODEL_ITEM_KEYS.length * 2)
    .optional(),
  proposeTitle: z.boolean().optional(),
  note: optionalText(5000).optional(),
  fileIds: fileIds(30).optional(),
};
/**
 * The year's table answers every active village of the commune whole (a commune has tens of
 * villages): it is the year's table, not a register that grows.
 */
const tableFilter = {
  communeId,
  year: yearQuery.optional(),
  villageId: z.uuid().optional(),
  q: searchQuery,
};

const register = registerEndpoints(['exportXlsx', 'create', 'get', 'update'], {
  url: '/api/village-assessments',
  tag: 'villages',
  item: Assessment,
  filter: tableFilter,
  fields: { villageId: z.uuid(), year: yearField, ...fields },
  updateFields: fields,
  write: { permission: 'villages.assess' },
  summary: {
    exportXlsx: 'Tải bảng kết quả các thôn trong năm dạng Excel (XLSX)',
    create: 'Nhập kết quả năm của một thôn (trưởng thôn: chỉ thôn mình)',
    get: 'Một kết quả đánh giá thôn',
    update: 'Sửa kết quả của thôn (trước khi Phòng VH-XH xem xét)',
  },
  example: {
    create: {
      villageId: '00000000-0000-4000-8000-000000000000',
      year: 2026,
      households: 412,
      culturalFamilies: 360,
      modelItems: ['democracy', 'outreach'],
    },
    update: { culturalFamilies: 370, proposeTitle: true },
  },
});

export const assessments = {
  ...register,
  yearTable: endpoint({
    method: 'GET',
    url: '/api/village-assessments',
    tag: 'villages',
    summary:
      'Bảng kết quả bình xét danh hiệu văn hóa của các thôn trong năm (mặc định năm nay); tìm không cần dấu',
    access: 'user',
    query: z.strictObject(tableFilter),
    response: YearTable,
  }),
  submit: endpoint({
    method: 'POST',
    url: '/api/village-assessments/:id/submit',
    tag: 'villages',
    summary: 'Trưởng thôn gửi kết quả cho Phòng Văn hóa - Xã hội',
    access: { permission: 'villages.assess' },
    params: idParams,
    response: Assessment,
  }),
  review: endpoint({
    method: 'POST',
    url: '/api/village-assessments/:id/review',
    tag: 'villages',
    summary: 'Phòng VH-XH xem xét, quyết định thôn đạt hay chưa đạt danh hiệu “Thôn văn hóa”',
    access: { permission: 'villages.review' },
    params: idParams,
    body: z.strictObject({ titleAchieved: z.boolean(), note: optionalText(2000).optional() }),
    example: { titleAchieved: true, note: 'Đủ điều kiện' },
    response: Assessment,
  }),
};
