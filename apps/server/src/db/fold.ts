import { type Expression, type RawBuilder, sql } from 'kysely';

// Every Vietnamese letter with a mark, and the plain letter it folds to.
const GROUPS: Record<string, string> = {
  a: 'àáạảãâầấậẩẫăằắặẳẵ',
  e: 'èéẹẻẽêềếệểễ',
  i: 'ìíịỉĩ',
  o: 'òóọỏõôồốộổỗơờớợởỡ',
  u: 'ùúụủũưừứựửữ',
  y: 'ỳýỵỷỹ',
  d: 'đ',
};
const FROM = Object.values(GROUPS).join('');
const TO = Object.entries(GROUPS)
  .map(([plain, marked]) => plain.repeat([...marked].length))
  .join('');

/**
 * SQL that folds Vietnamese text like foldVietnamese() in the domain package,
 * with plain translate() so it runs the same on PostgreSQL and PGlite (no
 * unaccent extension needed). Input is expected in NFC, as browsers send it.
 */
export function foldSql(expression: Expression<string | null> | RawBuilder<string>): RawBuilder<string> {
  return sql<string>`translate(lower(${expression}), ${FROM}, ${TO})`;
}

/** A LIKE pattern matching the folded needle anywhere, with LIKE's wildcards escaped. */
export function containsPattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
