import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { day, page, pageQuery } from './shared.ts';

/**
 * Every kind of record the log names (audit_log.entity_type): the console offers them all in
 * its filter, each with its Vietnamese name (i18n audit.entities). A test keeps the list
 * complete against the server's sources.
 */
export const AUDIT_ENTITY_TYPES = [
  'api_token',
  'assessment',
  'budget_estimate',
  'budget_line',
  'budget_spending',
  'city',
  'city_year',
  'commune',
  'criteria_set',
  'database',
  'difficulty',
  'document',
  'dossier',
  'dossier_import',
  'feedback_category',
  'feedback_item',
  'file',
  'good_example',
  'level_registration',
  'notification',
  'official_index',
  'outreach_activity',
  'outreach_document',
  'plan',
  'procedure',
  'progress_note',
  'questionnaire',
  'rating',
  'rating_kiosk',
  'rating_void',
  'reward',
  'service_counter',
  'service_official',
  'supervision_entry',
  'survey_response',
  'task',
  'task_year',
  'unit',
  'user',
  'village',
  'village_assessment',
] as const;

/** One change of the audit log: who, when, through which token, what it was before and after. */
export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** What the record is called in its snapshot (a village's name, a task's content), if it says. */
  objectName: z.string().nullable(),
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
