import {
  SUPERVISION_BODIES,
  SUPERVISION_BODY_LABELS,
  SUPERVISION_KIND_LABELS,
  SUPERVISION_KINDS,
} from '@cqtt/domain/supervision/supervision';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { registerEndpoints } from './register.ts';
import {
  communeId,
  day,
  FileRef,
  fileIds,
  idParams,
  optionalText,
  searchQuery,
  text,
  UnitRef,
  UserRef,
  yearField,
  yearQuery,
} from './shared.ts';

/**
 * Giám sát, phản biện xã hội: MTTQ's (and Ban Xây dựng Đảng's) entries on the plan's work, each
 * with its findings and recommendations, answered by the commune (Phòng VH-XH or a leader).
 */

export { SUPERVISION_BODIES, SUPERVISION_BODY_LABELS, SUPERVISION_KIND_LABELS, SUPERVISION_KINDS };

export const SupervisionEntry = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  /** Who supervised: front (Ủy ban MTTQ xã) or party (Ban Xây dựng Đảng). */
  body: z.enum(SUPERVISION_BODIES),
  bodyLabel: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  kindLabel: z.string(),
  year: z.number(),
  subject: z.string(),
  heldOn: z.string(),
  /** The unit supervised, when one. */
  unit: UnitRef.nullable(),
  findings: z.string(),
  recommendations: z.string(),
  files: z.array(FileRef),
  /** The commune's answer; empty until answered. */
  answer: z.string(),
  answeredOn: z.string().nullable(),
  answeredBy: UserRef.nullable(),
  answerFiles: z.array(FileRef),
  createdBy: UserRef.nullable(),
});
export type SupervisionEntry = z.output<typeof SupervisionEntry>;

const fields = {
  kind: z.enum(SUPERVISION_KINDS),
  year: yearField,
  subject: text(500),
  heldOn: day,
  unitId: z.uuid().nullable().optional(),
  findings: text(20_000),
  recommendations: optionalText(20_000).optional(),
  fileIds: fileIds(30).optional(),
};

const filter = {
  communeId,
  year: yearQuery.optional(),
  kind: z.enum(SUPERVISION_KINDS).optional(),
  body: z.enum(SUPERVISION_BODIES).optional(),
  unitId: z.uuid().optional(),
  answered: z.enum(['true', 'false']).optional(),
  q: searchQuery,
};

const register = registerEndpoints(['list', 'exportXlsx', 'create', 'get', 'update', 'remove'], {
  url: '/api/supervision-entries',
  tag: 'supervision',
  item: SupervisionEntry,
  filter,
  fields,
  write: { permission: 'supervision.record' },
  summary: {
    list: 'Giám sát, phản biện xã hội của MTTQ và Ban Xây dựng Đảng; lọc theo năm, loại, đơn vị, đã trả lời; tìm không cần dấu',
    exportXlsx: 'Tải danh sách giám sát, phản biện (theo bộ lọc) dạng Excel (XLSX)',
    create: 'Ghi một cuộc giám sát hoặc ý kiến phản biện xã hội (MTTQ; Ban XDĐ ghi của mình)',
    get: 'Một cuộc giám sát, phản biện',
    update: 'Sửa nội dung giám sát, phản biện (của cơ quan mình)',
    remove: 'Xóa một mục ghi nhầm (chưa được trả lời)',
  },
  example: {
    create: {
      kind: 'supervision',
      year: 2026,
      subject: 'Giám sát việc niêm yết thủ tục hành chính tại bộ phận một cửa',
      heldOn: '2026-06-18',
      findings: 'Niêm yết đầy đủ; 2 thủ tục chưa cập nhật phí, lệ phí mới.',
      recommendations: 'Cập nhật ngay các thủ tục còn thiếu.',
    },
    update: { recommendations: 'Cập nhật trong tháng 7/2026.' },
  },
});

export const supervision = {
  ...register,
  answer: endpoint({
    method: 'POST',
    url: '/api/supervision-entries/:id/answer',
    tag: 'supervision',
    summary: 'Xã trả lời kết quả giám sát, phản biện (Phòng Văn hóa - Xã hội, lãnh đạo UBND)',
    access: { permission: 'supervision.answer' },
    params: idParams,
    body: z.strictObject({
      answer: text(20_000),
      answeredOn: day.optional(),
      fileIds: fileIds(30).optional(),
    }),
    example: {
      answer: 'Trung tâm Phục vụ HCC đã cập nhật 2 thủ tục ngày 25/6/2026.',
      answeredOn: '2026-06-25',
    },
    response: SupervisionEntry,
  }),
};
