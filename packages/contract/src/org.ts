import { COMMUNE_KINDS, UNIT_KINDS } from '@cqtt/domain/org/roles';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { communeId, communeQuery, idParams, optionalText, text } from './shared.ts';

/** The commune and its reference lists: units (cơ quan, đơn vị) and villages (thôn). */

export const Commune = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(COMMUNE_KINDS),
  cityId: z.uuid(),
});
export const CommuneSummary = Commune.extend({
  unitCount: z.number(),
  villageCount: z.number(),
  userCount: z.number(),
});
export type CommuneSummary = z.output<typeof CommuneSummary>;
export const CommuneDetail = Commune.extend({
  city: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
});
export type CommuneDetail = z.output<typeof CommuneDetail>;

export const Unit = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** office, front (MTTQ), organisation (Hội Phụ nữ, Đoàn Thanh niên…), party (Ban XDĐ). */
  kind: z.enum(UNIT_KINDS),
  description: z.string(),
  isActive: z.boolean(),
});
export type Unit = z.output<typeof Unit>;

export const Village = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  name: z.string(),
  headName: z.string(),
  households: z.number().int().nullable(),
  isActive: z.boolean(),
});
export type Village = z.output<typeof Village>;

const households = z.number().int().min(0).max(1_000_000).nullable();
const unitCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_]{1,20}$/, 'Mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, tối đa 20 ký tự.');

export const communes = {
  list: endpoint({
    method: 'GET',
    url: '/api/communes',
    tag: 'org',
    summary: 'Các xã, phường, đặc khu người dùng được xem (cán bộ xã: xã của mình; Sở Nội vụ: cả thành phố)',
    access: 'user',
    response: z.array(CommuneSummary),
  }),
  get: endpoint({
    method: 'GET',
    url: '/api/communes/:id',
    tag: 'org',
    summary: 'Thông tin một xã, phường, đặc khu',
    access: 'user',
    params: idParams,
    response: CommuneDetail,
  }),
};

/** Reference lists answer whole: a commune has tens of units and villages, and pickers need them all. */
export const units = {
  list: endpoint({
    method: 'GET',
    url: '/api/units',
    tag: 'org',
    summary: 'Các cơ quan, đơn vị của xã',
    access: 'user',
    query: communeQuery,
    response: z.array(Unit),
  }),
  create: endpoint({
    method: 'POST',
    url: '/api/units',
    tag: 'org',
    summary: 'Thêm cơ quan, đơn vị',
    access: { permission: 'org.manage' },
    body: z.strictObject({
      communeId,
      code: unitCode,
      name: text(200),
      kind: z.enum(UNIT_KINDS).optional(),
      description: optionalText(1000).optional(),
    }),
    response: Unit,
    status: 201,
    example: {
      code: 'HPN',
      name: 'Hội Liên hiệp Phụ nữ xã',
      kind: 'organisation',
      description: 'Phối hợp tuyên truyền',
    },
  }),
  update: endpoint({
    method: 'PATCH',
    url: '/api/units/:id',
    tag: 'org',
    summary: 'Sửa hoặc ngừng sử dụng cơ quan, đơn vị',
    access: { permission: 'org.manage' },
    params: idParams,
    body: z.strictObject({
      name: text(200).optional(),
      kind: z.enum(UNIT_KINDS).optional(),
      description: optionalText(1000).optional(),
      isActive: z.boolean().optional(),
    }),
    response: Unit,
    example: { name: 'Phòng Văn hóa - Xã hội', description: 'Đầu mối tổng hợp' },
  }),
};

export const villages = {
  list: endpoint({
    method: 'GET',
    url: '/api/villages',
    tag: 'org',
    summary: 'Các thôn của xã',
    access: 'user',
    query: communeQuery,
    response: z.array(Village),
  }),
  create: endpoint({
    method: 'POST',
    url: '/api/villages',
    tag: 'org',
    summary: 'Thêm thôn',
    access: { permission: 'org.manage' },
    body: z.strictObject({
      communeId,
      name: text(200),
      headName: optionalText(200).optional(),
      households: households.optional(),
    }),
    response: Village,
    status: 201,
    example: { name: 'Thôn Đông Lâm', headName: 'Nguyễn Văn An', households: 320 },
  }),
  update: endpoint({
    method: 'PATCH',
    url: '/api/villages/:id',
    tag: 'org',
    summary: 'Sửa hoặc ngừng sử dụng thôn',
    access: { permission: 'org.manage' },
    params: idParams,
    body: z.strictObject({
      name: text(200).optional(),
      headName: optionalText(200).optional(),
      households: households.optional(),
      isActive: z.boolean().optional(),
    }),
    response: Village,
    example: { headName: 'Trần Thị Bích', households: 330 },
  }),
};
