import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { day, page, pageQuery } from './shared.ts';

/** One change of the audit log: who, when, through which token, what it was before and after. */
export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  communeId: z.uuid().nullable(),
  /** The city whose data it is (for the data a city shares, communeId is null). */
  cityId: z.uuid().nullable(),
  /** The API token the change was made through, if any. */
  token: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.output<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  /** 'city': only the rows of the data the city shares (criteria sets, days off…). */
  scope: z.enum(['city']).optional(),
  /** A city administrator narrows to one commune. */
  communeId: z.uuid().optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(80).optional(),
  /** First day, in Vietnam time. */
  from: day.optional(),
  /** Last day (inclusive), in Vietnam time. */
  to: day.optional(),
  ...pageQuery,
});

export const audit = {
  list: endpoint({
    method: 'GET',
    url: '/api/audit',
    tag: 'audit',
    summary:
      'Nhật ký thay đổi: ai, khi nào, thay đổi gì (trước và sau), qua mã truy cập nào; của xã mình, hoặc (cấp thành phố) của dữ liệu chung thành phố',
    access: { permission: 'audit.read' },
    query: AuditQuery,
    response: page(AuditEntry),
  }),
};
