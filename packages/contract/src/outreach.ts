import { GOOD_EXAMPLE_KINDS, OUTREACH_KIND_LABELS, OUTREACH_KINDS } from '@cqtt/domain/outreach/outreach';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { registerEndpoints } from './register.ts';
import {
  communeCodeParams,
  communeId,
  day,
  FileRef,
  fileIds,
  links,
  NamedRef,
  optionalText,
  searchQuery,
  text,
  UnitRef,
  UserRef,
  yearField,
  yearQuery,
} from './shared.ts';

/**
 * Outreach (tuyên truyền): the activities units, MTTQ and village heads hold, their coverage
 * of the villages, the library of documents they spread, and the good examples.
 */

const kind = z.enum(
  OUTREACH_KINDS,
  `Hình thức tuyên truyền phải là: ${Object.values(OUTREACH_KIND_LABELS).join(', ')}.`,
);

export const Activity = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  kind,
  kindLabel: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  village: NamedRef.nullable(),
  unit: UnitRef.nullable(),
  audience: z.number().nullable(),
  content: z.string(),
  documents: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string() })),
  files: z.array(FileRef),
  links: z.array(z.string()),
  isPublic: z.boolean(),
  createdBy: UserRef.nullable(),
});
export type Activity = z.output<typeof Activity>;

export const LibraryDocument = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  number: z.string(),
  issuedOn: z.string().nullable(),
  issuer: z.string(),
  title: z.string(),
  summary: z.string(),
  file: FileRef.nullable(),
});
export type LibraryDocument = z.output<typeof LibraryDocument>;

export const GoodExample = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  kind: z.enum(GOOD_EXAMPLE_KINDS),
  kindLabel: z.string(),
  year: z.number(),
  subject: z.string(),
  unit: UnitRef.nullable(),
  village: NamedRef.nullable(),
  title: z.string(),
  content: z.string(),
  files: z.array(FileRef),
  links: z.array(z.string()),
});
export type GoodExample = z.output<typeof GoodExample>;

export const Coverage = z.object({
  year: z.number(),
  villages: z.array(
    z.object({
      villageId: z.uuid(),
      name: z.string(),
      activities: z.number(),
      audience: z.number(),
      kinds: z.array(kind),
    }),
  ),
  channels: z.array(z.object({ kind, label: z.string(), activities: z.number(), audience: z.number() })),
  activeVillages: z.number(),
  coveredVillages: z.number(),
  share: z.number().nullable(),
  activities: z.number(),
  audience: z.number(),
});
export type Coverage = z.output<typeof Coverage>;

const ConductItem = z.object({ key: z.string(), label: z.string() });

/**
 * The commune's wording of “4 xin, 4 luôn, 5 không”: what its pano, citizens' pages, rating form,
 * figures and documents say. Each item keeps its key (what a rating stores) whatever its words.
 */
export const ConductCode = z.object({
  title: z.string(),
  xin: z.array(ConductItem),
  luon: z.array(ConductItem),
  khong: z.array(ConductItem),
  /** True while the commune keeps the default wording. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type ConductCode = z.output<typeof ConductCode>;

export const PublicOutreach = z.object({
  slogans: ConductCode.pick({ title: true, xin: true, luon: true, khong: true }),
  activities: z.array(
    z.object({
      id: z.uuid(),
      kindLabel: z.string(),
      title: z.string(),
      heldOn: z.string(),
      place: z.string(),
      audience: z.number().nullable(),
    }),
  ),
});
export type PublicOutreach = z.output<typeof PublicOutreach>;

// ------------------------------------------------------------------ activities

const activityFields = {
  kind,
  title: text(500),
  heldOn: day,
  place: optionalText(500).optional(),
  villageId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  audience: z
    .number()
    .int('Số người tham dự phải là số nguyên.')
    .min(0, 'Số người tham dự không được âm.')
    .max(10_000_000)
    .nullable()
    .optional(),
  content: optionalText(20_000).optional(),
  documentIds: z.array(z.uuid()).max(50).optional(),
  fileIds: fileIds(30).optional(),
  links: links.optional(),
  isPublic: z.boolean().optional(),
};
const activityFilter = {
  communeId,
  year: yearQuery.optional(),
  unitId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  kind: kind.optional(),
  q: searchQuery,
};

export const activities = registerEndpoints(['list', 'exportXlsx', 'create', 'get', 'update', 'remove'], {
  url: '/api/outreach-activities',
  tag: 'outreach',
  item: Activity,
  filter: activityFilter,
  fields: activityFields,
  write: { permission: 'outreach.record' },
  summary: {
    list: 'Hoạt động tuyên truyền; lọc theo năm, đơn vị, thôn, hình thức; tìm không cần dấu',
    exportXlsx: 'Tải danh sách hoạt động tuyên truyền (theo bộ lọc) dạng Excel (XLSX)',
    create:
      'Ghi một hoạt động tuyên truyền (hình thức, ngày, địa điểm hoặc thôn, số người, văn bản, minh chứng)',
    get: 'Một hoạt động tuyên truyền',
    update: 'Sửa một hoạt động tuyên truyền (người ghi, đơn vị tổ chức, Phòng VH-XH)',
    remove: 'Xóa một hoạt động tuyên truyền ghi nhầm',
  },
  example: {
    create: {
      kind: 'conference',
      title: 'Hội nghị quán triệt mô hình “Chính quyền thân thiện”',
      heldOn: '2026-03-12',
      place: 'Hội trường UBND xã',
      audience: 120,
    },
    update: { audience: 150, isPublic: true },
  },
});

export const coverage = endpoint({
  method: 'GET',
  url: '/api/outreach-coverage',
  tag: 'outreach',
  summary: 'Độ phủ tuyên truyền trong năm (mặc định năm nay): theo thôn và theo hình thức',
  access: 'user',
  query: z.strictObject({ communeId, year: yearQuery.optional() }),
  response: Coverage,
});

// ------------------------------------------------------------------ conduct code

const wordingItem = z.string().trim().min(2, 'Mỗi nội dung phải có ít nhất 2 ký tự.').max(200);

export const conduct = {
  get: endpoint({
    method: 'GET',
    url: '/api/conduct-code',
    tag: 'outreach',
    summary: 'Nội dung “4 xin, 4 luôn, 5 không” của xã (mặc định theo văn hóa công vụ nếu xã chưa sửa)',
    access: 'user',
    query: z.strictObject({ communeId }),
    response: ConductCode,
  }),
  update: endpoint({
    method: 'PUT',
    url: '/api/conduct-code',
    tag: 'outreach',
    summary:
      'Sửa lời văn “4 xin, 4 luôn, 5 không” của xã (Phòng Văn hóa - Xã hội); mỗi nội dung giữ vị trí của nó',
    access: { permission: 'outreach.manage' },
    body: z.strictObject({
      communeId,
      xin: z.array(wordingItem).max(10),
      luon: z.array(wordingItem).max(10),
      khong: z.array(wordingItem).max(10),
    }),
    example: {
      xin: ['Xin chào', 'Xin lỗi', 'Xin cảm ơn', 'Xin phép'],
      luon: ['Luôn mỉm cười', 'Luôn nhẹ nhàng', 'Luôn thấu hiểu', 'Luôn giúp đỡ'],
      khong: [
        'Không phân biệt đối xử, thờ ơ, vô cảm',
        'Không gây khó khăn, phiền hà, vòi vĩnh',
        'Không làm việc riêng khi người dân chờ',
        'Không hách dịch, cửa quyền, gợi ý dịch vụ không cần thiết',
        'Không hẹn miệng, không chậm tiếp nhận, trả kết quả',
      ],
    },
    response: ConductCode,
  }),
  reset: endpoint({
    method: 'DELETE',
    url: '/api/conduct-code',
    tag: 'outreach',
    summary: 'Trở về lời văn mặc định của “4 xin, 4 luôn, 5 không”',
    access: { permission: 'outreach.manage' },
    query: z.strictObject({ communeId }),
    response: ConductCode,
  }),
  public: endpoint({
    method: 'GET',
    url: '/api/public/communes/:communeCode/conduct-code',
    tag: 'outreach',
    summary: '“4 xin, 4 luôn, 5 không” theo lời văn của xã (phiếu đánh giá cán bộ)',
    access: 'public',
    params: communeCodeParams,
    response: ConductCode,
  }),
};

// ------------------------------------------------------------------ library

const documentFields = {
  number: optionalText(100).optional(),
  issuedOn: day.nullable().optional(),
  issuer: optionalText(300).optional(),
  title: text(1000),
  summary: optionalText(10_000).optional(),
  fileId: z.uuid().nullable().optional(),
};

export const library = registerEndpoints(['list', 'create', 'get', 'update', 'remove'], {
  url: '/api/outreach-documents',
  tag: 'outreach',
  item: LibraryDocument,
  filter: { communeId, year: yearQuery.optional(), q: searchQuery },
  fields: documentFields,
  write: { permission: 'outreach.manage' },
  summary: {
    list: 'Thư viện văn bản pháp lý, hướng dẫn về mô hình; tìm không cần dấu',
    create: 'Thêm văn bản vào thư viện (số, ngày, cơ quan ban hành, trích yếu, tệp)',
    get: 'Một văn bản của thư viện',
    update: 'Sửa một văn bản của thư viện',
    remove: 'Xóa một văn bản chưa được hoạt động nào dẫn chiếu',
  },
  example: {
    create: {
      number: '5049/QĐ-UBND',
      issuedOn: '2025-12-11',
      issuer: 'UBND thành phố Hải Phòng',
      title:
        'Ban hành Bộ tiêu chí, Bảng thang điểm và quy trình xét công nhận “Chính quyền thân thiện” cấp xã',
    },
    update: { summary: 'Trích yếu đã sửa' },
  },
});

// ------------------------------------------------------------------ good examples

const exampleFields = {
  kind: z.enum(GOOD_EXAMPLE_KINDS),
  year: yearField,
  subject: text(500),
  unitId: z.uuid().nullable().optional(),
  villageId: z.uuid().nullable().optional(),
  title: text(500),
  content: optionalText(20_000).optional(),
  fileIds: fileIds(30).optional(),
  links: links.optional(),
};
const exampleFilter = {
  communeId,
  year: yearQuery.optional(),
  unitId: z.uuid().optional(),
  kind: z.enum(GOOD_EXAMPLE_KINDS).optional(),
  q: searchQuery,
};

export const examples = registerEndpoints(['list', 'exportXlsx', 'create', 'update', 'remove'], {
  url: '/api/good-examples',
  tag: 'outreach',
  item: GoodExample,
  filter: exampleFilter,
  fields: exampleFields,
  write: { permission: 'outreach.examples' },
  summary: {
    list: 'Gương điển hình, cách làm hay và đơn vị thực hiện chưa nghiêm túc; lọc, tìm không cần dấu',
    exportXlsx: 'Tải danh sách gương điển hình (theo bộ lọc) dạng Excel (XLSX)',
    create: 'Ghi nhận một gương điển hình hoặc một đơn vị thực hiện chưa nghiêm túc, kèm minh chứng',
    update: 'Sửa một gương điển hình',
    remove: 'Xóa một gương điển hình ghi nhầm',
  },
  example: {
    create: {
      kind: 'good',
      year: 2026,
      subject: 'Trung tâm Phục vụ hành chính công',
      title: 'Nhắn tin Zalo báo trước ngày trả kết quả cho người dân',
    },
    update: { content: 'Bổ sung minh chứng' },
  },
});

// ------------------------------------------------------------------ citizens' page

export const publicOutreach = endpoint({
  method: 'GET',
  url: '/api/public/communes/:communeCode/outreach',
  tag: 'outreach',
  summary:
    'Khẩu hiệu “4 xin, 4 luôn, 5 không” và các hoạt động tuyên truyền được công khai của xã (không có dữ liệu cá nhân)',
  access: 'public',
  params: communeCodeParams,
  response: PublicOutreach,
});
