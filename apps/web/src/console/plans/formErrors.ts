import type { FormInstance } from 'antd';
import { errorMessage, isApiError } from '../../api/client';

type NamePath = string | Array<string | number>;

/** The segments of a validation path ("body.targets.0.level", "/schedule/day"). */
function segmentsOf(path: string): Array<string | number> {
  const segments: Array<string | number> = path
    .split(/[./[\]]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (segments[0] === 'body') segments.shift();
  return segments;
}

/**
 * Put each of the server's Vietnamese validation messages under its field; a message whose
 * field the form does not show goes to the toast with the error itself. `listFields` are
 * Form.List names whose items have fields of their own (targets.0.level).
 */
export function showApiErrors(
  form: FormInstance,
  err: unknown,
  fields: readonly string[],
  toast: (text: string) => void,
  listFields: readonly string[] = [],
): void {
  if (!isApiError(err) || err.fieldErrors.length === 0) {
    toast(errorMessage(err));
    return;
  }
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const loose: string[] = [];
  for (const detail of err.fieldErrors) {
    const segments = segmentsOf(detail.path);
    const first = segments[0];
    let name: NamePath | null = null;
    if (
      typeof first === 'string' &&
      listFields.includes(first) &&
      typeof segments[1] === 'number' &&
      segments[2]
    ) {
      name = [first, segments[1], String(segments[2])];
    } else if (typeof first === 'string' && fields.includes(first)) {
      name = first;
    }
    if (!name) {
      loose.push(detail.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(detail.message);
    byField.set(key, entry);
  }
  if (byField.size > 0) {
    form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
    const first = [...byField.values()][0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  }
  if (loose.length > 0 || byField.size === 0) toast([err.message, ...loose].filter(Boolean).join(' '));
}
