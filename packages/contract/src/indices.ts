import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { idParams, optionalText, text, yearQuery } from './shared.ts';

/**
 * The official SIPAS and PAR INDEX results of the city's communes, year by year, with the decision
 * they come from (decision 0031: this capability alone writes them). A city-level account enters
 * one, corrects or deletes it, or imports a whole year from an XLSX (all rows or none); every
 * commune reads its own, a city its communes', a national account all.
 */

export const INDEX_KINDS = ['sipas', 'par_index'] as const;

export const OfficialIndex = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  year: z.number(),
  kind: z.enum(INDEX_KINDS),
  kindLabel: z.string(),
  /** Percent, two decimals at most. */
  value: z.number(),
  rank: z.number().nullable(),
  decision: z.string(),
  decisionDate: z.string().nullable(),
  note: z.string(),
  enteredBy: z.string(),
  updatedAt: z.string(),
});
export type OfficialIndex = z.output<typeof OfficialIndex>;

export const list = endpoint({
  method: 'GET',
  url: '/api/official-indices',
  tag: 'indices',
  summary: 'Kết quả chính thức SIPAS, PAR INDEX: của xã mình, hoặc của các xã trong thành phố',
  access: 'user',
  query: z.strictObject({
    communeId: z.uuid().optional(),
    year: yearQuery.optional(),
    kind: z.enum(INDEX_KINDS).optional(),
  }),
  response: z.array(OfficialIndex),
});

export const save = endpoint({
  method: 'PUT',
  url: '/api/official-indices',
  tag: 'indices',
  summary:
    'Sở Nội vụ nhập (hoặc sửa) kết quả chính thức SIPAS, PAR INDEX của một xã trong một năm, kèm quyết định công bố',
  access: { permission: 'indices.manage' },
  body: z.strictObject({
    communeId: z.uuid(),
    year: z.number().int().min(2000).max(2100),
    kind: z.enum(INDEX_KINDS),
    value: z.number().min(0, 'Chỉ số từ 0 đến 100.').max(100, 'Chỉ số từ 0 đến 100.'),
    rank: z.number().int().min(1).max(10_000).nullable().optional(),
    decision: text(500),
    decisionDate: z.iso.date().nullable().optional(),
    note: optionalText(2000).optional(),
  }),
  example: {
    communeId: '00000000-0000-4000-8000-000000000000',
    year: 2025,
    kind: 'sipas',
    value: 86.45,
    decision: 'Quyết định số 512/QĐ-UBND ngày 20/3/2026 của Ủy ban nhân dân thành phố',
    decisionDate: '2026-03-20',
  },
  response: OfficialIndex,
});

export const remove = endpoint({
  method: 'DELETE',
  url: '/api/official-indices/:id',
  tag: 'indices',
  summary: 'Sở Nội vụ xóa một kết quả chỉ số nhập nhầm',
  access: { permission: 'indices.manage' },
  params: idParams,
  status: 204,
});

export const template = endpoint({
  method: 'GET',
  url: '/api/official-indices/template.xlsx',
  tag: 'indices',
  summary: 'Mẫu XLSX để nhập kết quả SIPAS, PAR INDEX (mỗi xã một dòng, mã xã điền sẵn)',
  access: { permission: 'indices.manage' },
  query: z.strictObject({ year: yearQuery }),
  status: 200,
  file: true,
});

export const importXlsx = endpoint({
  method: 'POST',
  url: '/api/official-indices/import.xlsx',
  tag: 'indices',
  summary: 'Nhập kết quả SIPAS, PAR INDEX từ tệp XLSX: tất cả hoặc không dòng nào; mọi dòng lỗi được liệt kê',
  access: { permission: 'indices.manage' },
  multipart: true,
  status: 200,
  response: z.object({ year: z.number(), saved: z.number() }),
});
