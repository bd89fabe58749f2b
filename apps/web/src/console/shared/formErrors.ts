import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';

/** Field name that a validation `path` ("username", "body.username", "/roles/0") points to, if any. */
export function fieldOfPath(path: string, fields: readonly string[]): string | null {
  const segments = path.split(/[./[\]]+/).filter(Boolean);
  if (segments[0] === 'body') segments.shift();
  const first = segments[0];
  return first && fields.includes(first) ? first : null;
}

/**
 * Put the server's validation messages under the matching form fields.
 * Returns true when at least one message was placed on a field.
 */
export function applyApiErrorToForm(form: FormInstance, err: unknown, fields: readonly string[]): boolean {
  if (!isApiError(err)) return false;
  const byField = new Map<string, string[]>();
  for (const detail of err.fieldErrors) {
    const field = fieldOfPath(detail.path, fields);
    if (!field) continue;
    const list = byField.get(field) ?? [];
    list.push(detail.message);
    byField.set(field, list);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}
