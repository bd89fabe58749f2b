import { excerpt } from '@cqtt/domain';

/**
 * The fields a saved record names itself by, best first: what a person reading the log
 * recognises ("Thôn Ngọc Quán", "Nguyễn Văn An", the task's content) instead of an id.
 */
const NAME_FIELDS = [
  'name',
  'title',
  'full_name',
  'fullName',
  'username',
  'content',
  'matter',
  'subject',
  'summary',
  'tracking_code',
  'trackingCode',
  'code',
  'indicatorCode',
  'setCode',
] as const;

/**
 * What an audit row's object is called: the name the record gave itself in its snapshot
 * after the change (or before it, for a removal), shortened to one line of 120 letters; null
 * when the snapshot holds no name (a status change, a login).
 */
export function auditObjectName(before: unknown, after: unknown): string | null {
  for (const snapshot of [after, before]) {
    if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) continue;
    const record = snapshot as Record<string, unknown>;
    for (const field of NAME_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') return excerpt(value, 120);
    }
  }
  return null;
}
