/**
 * Personal data in a text that goes public (a published feedback and its answer, an Open311
 * feed, an outreach activity): the one rule every public surface masks by.
 *
 * Hidden:
 * - e-mail addresses;
 * - phone numbers however Vietnamese people write them: 0912345678, 0912 345 678,
 *   0912.345.678, 0912-345-678, (0225) 3123 456, +84 912 345 678, +84912345678, 84912345679,
 *   0084 912 345 678, (+84) 912 345 678, +84 (0) 912 345 678; landlines of 11 digits; any
 *   number written with a leading "+" (8 to 15 digits);
 * - identity numbers: the 9 digits of the old CMND and the 12 of the CCCD, written together or
 *   in groups;
 * - names: the sender's own name, contact phone and e-mail as they gave them (any letter case,
 *   with or without diacritics), and a full name introduced as one ("ông Nguyễn Văn An",
 *   "bà Trần Thị B", "tôi là Đinh Công Tráng", "họ tên: Lê Văn Cường").
 *
 * Kept: dates (15/10/2026, 29.11.2026, 2026-11-29), times, house numbers, amounts written with
 * thousand separators (120.000.000 đồng), codes glued to letters (H25-260102-0001), numbers of
 * other lengths. When in doubt the rule hides: a public page that shows "***" for an amount
 * written without separators costs less than one that shows a citizen's phone.
 */
export const HIDDEN = '***';

export interface PersonOfText {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

export type PersonalDataKind = 'email' | 'phone' | 'id_number' | 'name';

export interface PersonalDataSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Digit groups with the separators people put between them: one space, dot or dash, " - ",
// or a parenthesis with its spaces; optionally opened by "+", "(+" or "(".
const NUMBER_RUN = /(?:\(\s?)?\+?\d+(?:(?:\s?[()]\s?|\s-\s|[ \u00a0.-])\d+)*/g;

// Written forms that look like numbers but are not a person's: dates and times.
const DATE_OR_TIME =
  /(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[:h]\d{2})(?!\d)/g;

const LETTER = /\p{L}/u;

/** Words that introduce a person's full name. */
const INTRODUCERS = [
  'ông',
  'bà',
  'anh',
  'chị',
  'cô',
  'chú',
  'bác',
  'cụ',
  'em',
  'cháu',
  'tôi là',
  'tôi tên là',
  'tên tôi là',
  'tên là',
  'họ tên',
  'họ và tên',
  'người gửi',
];
const either = (word: string) => `[${word[0]!.toUpperCase()}${word[0]!}]${word.slice(1)}`;
const NAME_WORD = '\\p{Lu}\\p{Ll}*';
const INTRODUCED_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${INTRODUCERS.map(either).join('|').replaceAll(' ', '\\s+')})\\s*:?\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){1,4})(?![\\p{L}\\p{N}])`,
  'gu',
);

interface Group {
  start: number;
  end: number;
  digits: string;
  /** the separator written before this group ('' for the first) */
  before: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  const re = /\d+/g;
  let last = -1;
  for (let m = re.exec(run); m; m = re.exec(run)) {
    groups.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      digits: m[0],
      before: last < 0 ? '' : run.slice(last, m.index),
    });
    last = m.index + m[0].length;
  }
  return groups;
}

/** 120.000.000 or 1,250,000: a first group of 1 to 3 digits, then groups of exactly 3. */
function isAmount(groups: Group[]): boolean {
  if (groups.length < 2) return false;
  const [first, ...rest] = groups;
  if (first!.digits.length > 3 || first!.digits.startsWith('0')) return false;
  const sep = rest[0]!.before;
  if (sep !== '.' && sep !== ',') return false;
  return rest.every((g) => g.digits.length === 3 && g.before === sep);
}

function numberKind(groups: Group[], plus: boolean, glued: boolean): PersonalDataKind | null {
  const digits = groups.map((g) => g.digits).join('');
  const n = digits.length;
  if (plus) return n >= 8 && n <= 15 ? 'phone' : null;
  if (digits.startsWith('0084') && (n === 13 || (n === 14 && digits[4] === '0'))) return 'phone';
  if (digits.startsWith('0') && (n === 10 || n === 11)) return 'phone';
  if (glued || isAmount(groups)) return null;
  if (digits.startsWith('84') && (n === 11 || (n === 12 && digits[2] === '0'))) return 'phone';
  if (n === 9 || n === 12) return 'id_number';
  return null;
}

function overlaps(a: { start: number; end: number }, ranges: { start: number; end: number }[]) {
  return ranges.some((r) => a.start < r.end && r.start < a.end);
}

function numberSpans(text: string, taken: PersonalDataSpan[]): PersonalDataSpan[] {
  const protectedRanges = [...text.matchAll(DATE_OR_TIME)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const spans: PersonalDataSpan[] = [];
  for (const m of text.matchAll(NUMBER_RUN)) {
    const run = m[0];
    const at = m.index;
    const firstDigit = run.search(/\d/);
    const plus = run.slice(0, firstDigit).includes('+');
    const end = at + run.length;
    // glued to letters on either side: part of a code (H25-260102-0001, HS123456789)
    const gluedBefore =
      (at > 0 && LETTER.test(text[at - 1]!)) ||
      (at > 1 && /[-./_]/.test(text[at - 1]!) && LETTER.test(text[at - 2]!));
    const gluedAfter = end < text.length && LETTER.test(text[end]!);
    const groups = groupsOf(run, at);
    let i = 0;
    while (i < groups.length) {
      let found: { j: number; kind: PersonalDataKind } | null = null;
      for (let j = groups.length - 1; j >= i; j--) {
        const candidate = groups.slice(i, j + 1);
        const span = { start: candidate[0]!.start, end: candidate[candidate.length - 1]!.end };
        if (overlaps(span, protectedRanges) || overlaps(span, taken)) continue;
        const glued = (i === 0 && gluedBefore) || (j === groups.length - 1 && gluedAfter);
        const kind = numberKind(candidate, plus && i === 0, glued);
        if (kind) {
          found = { j, kind };
          break;
        }
      }
      if (!found) {
        i++;
        continue;
      }
      let start = i === 0 ? at : groups[i]!.start;
      const stop = groups[found.j]!.end;
      // an opening bracket stays when its closing one is not part of the number: "(0912345678)"
      if (text[start] === '(' && !text.slice(start, stop).includes(')'))
        start = text.slice(start).search(/[+\d]/) + start;
      spans.push({ start, end: stop, kind: found.kind });
      i = found.j + 1;
    }
  }
  return spans;
}

/** Lower case, no diacritics, đ → d, one UTF-16 unit for one: indices match the text's. */
function foldKeepingLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const folded = (base === 'đ' || base === 'Đ' ? 'd' : base).toLowerCase();
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function personSpans(text: string, folded: string, person: PersonOfText): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  const add = (re: RegExp, on: string, kind: PersonalDataKind, keep = (_at: number) => true) => {
    for (const m of on.matchAll(re))
      if (keep(m.index)) spans.push({ start: m.index, end: m.index + m[0].length, kind });
  };
  const name = foldKeepingLength((person.name ?? '').normalize('NFC')).trim();
  if (name.length >= 2) {
    const words = name.split(/\s+/);
    const pattern = words.map(escapeRegExp).join('\\s+');
    // a one-word name ("An") is a name only where it is written as one, with a capital:
    // "an toàn" stays
    const capitalised = (at: number) =>
      words.length > 1 || !/^\p{L}/u.test(name) || /\p{Lu}/u.test(text[at]!);
    add(new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'gu'), folded, 'name', capitalised);
  }
  const email = (person.email ?? '').trim();
  if (email.length >= 3) add(new RegExp(escapeRegExp(email), 'giu'), text, 'email');
  const phoneDigits = (person.phone ?? '').replace(/\D/g, '');
  if (phoneDigits.length >= 6) {
    const loose = phoneDigits.split('').join('[\\s.()\\-]*');
    add(new RegExp(`(?<!\\d)(?:\\(?\\+)?${loose}(?!\\d)`, 'g'), text, 'phone');
    // the same number written with +84 / 84 instead of its leading 0, or the other way round
    const national = phoneDigits.startsWith('84') ? `0${phoneDigits.slice(2)}` : null;
    const international = phoneDigits.startsWith('0') ? `84${phoneDigits.slice(1)}` : null;
    for (const other of [national, international]) {
      if (!other) continue;
      add(
        new RegExp(`(?<!\\d)(?:\\(?\\+)?${other.split('').join('[\\s.()\\-]*')}(?!\\d)`, 'g'),
        text,
        'phone',
      );
    }
  }
  return spans;
}

/** Where a text holds personal data, by the rule above; spans sorted and merged. */
export function findPersonalData(input: string, person: PersonOfText = {}): PersonalDataSpan[] {
  const text = input.normalize('NFC');
  const folded = foldKeepingLength(text);
  const spans: PersonalDataSpan[] = [];
  for (const m of text.matchAll(EMAIL))
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  spans.push(...personSpans(text, folded, person));
  for (const m of text.matchAll(INTRODUCED_NAME)) {
    const start = m.index + m[0].length - m[1]!.length;
    spans.push({ start, end: m.index + m[0].length, kind: 'name' });
  }
  spans.push(...numberSpans(text, spans));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PersonalDataSpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * The text with every piece of personal data replaced by "***" (the text is returned in
 * Unicode NFC). `person` is the sender as they gave their contact, masked wherever it appears.
 */
export function maskPersonalData(input: string | null | undefined, person: PersonOfText = {}): string {
  const text = (input ?? '').normalize('NFC');
  let out = '';
  let at = 0;
  for (const s of findPersonalData(text, person)) {
    out += text.slice(at, s.start) + HIDDEN;
    at = s.end;
  }
  return out + text.slice(at);
}
