import { foldVietnamese } from '@cqtt/domain/text/fold';

export { foldVietnamese };

/** Whether any field contains the query, ignoring case and Vietnamese diacritics. */
export function matchesSearch(query: string, ...fields: Array<string | null | undefined>): boolean {
  const q = foldVietnamese(query);
  if (!q) return true;
  return fields.some((f) => f && foldVietnamese(f).includes(q));
}
