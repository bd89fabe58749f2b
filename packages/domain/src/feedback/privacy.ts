/**
 * Hides personal data in a text that goes public (a published feedback, its
 * answer): e-mail addresses, phone numbers (9 to 11 digits, with spaces, dots
 * or dashes, with or without +84) and the sender's own name and contact as
 * they gave them. What remains is the matter, not the person.
 */
export const HIDDEN = '***';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// a digit run of 9-11 digits, optionally starting with +84, with separators between digits
const PHONE = /(?:\+84[\s.-]?|\b0)\d(?:[\s.-]?\d){7,9}\b/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function maskPersonalData(
  text: string,
  person: { name?: string; phone?: string; email?: string } = {},
): string {
  let out = text.replace(EMAIL, HIDDEN).replace(PHONE, HIDDEN);
  for (const value of [person.email, person.phone, person.name]) {
    const v = value?.trim();
    if (!v || v.length < 2) continue;
    out = out.replace(new RegExp(escapeRegExp(v), 'giu'), HIDDEN);
  }
  return out;
}
