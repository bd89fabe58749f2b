/**
 * One column of a partial update: `{ [column]: value }` when the field was sent, nothing when it
 * was left out (undefined), so a PATCH only touches what it names. null is a value: it clears.
 */
export function columnIfDefined<T>(value: T | undefined, column: string): Record<string, T> {
  return value === undefined ? {} : { [column]: value };
}
