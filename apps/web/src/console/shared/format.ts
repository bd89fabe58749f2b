import type { Dayjs } from 'dayjs';
import 'dayjs/locale/vi';

/** Business time zone of every commune: dates are shown and entered in Vietnam time. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | Date): Record<string, string> | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh; empty string for a missing value. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = parts(value);
  if (!p) return String(value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** `dd/MM/yyyy` in Asia/Ho_Chi_Minh. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = parts(value);
  if (!p) return String(value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** A picked calendar day as `YYYY-MM-DD` (the API reads it as a day in Vietnam time). */
export function dayParam(day: Dayjs): string {
  return day.format('YYYY-MM-DD');
}

export function formatNumber(value: number | null | undefined, lang = 'vi', maxDecimals = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', {
    maximumFractionDigits: maxDecimals,
  }).format(value);
}

/** A figure already in percent (88.25) as "88,3%": decimal comma, at most `decimals` decimals; `empty` for none. */
export function formatPercent(value: number | null | undefined, decimals = 1, empty = '—'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return empty;
  return `${formatNumber(value, 'vi', decimals)}%`;
}

/** A share (0.8825) as a percentage, "88,3%"; `empty` for none. */
export function formatShare(share: number | null | undefined, decimals = 1, empty = '—'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return empty;
  // 0.883 * 100 is 88.30000000000001: round in the share's own scale first
  return formatPercent(Math.round(share * 100 * 10 ** decimals) / 10 ** decimals, decimals, empty);
}

/**
 * A period key as a Vietnamese reader writes it: "2026-09" → "09/2026", "2026-09-05" → "05/09/2026";
 * anything else (a year, a quarter's name) as it is.
 */
export function formatPeriod(key: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(key);
  if (!m) return key;
  return m[3] ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One figure a measure shows as its evidence ("Gửi lúc", "Số hồ sơ"): an instant in Việt Nam time,
 * a day as dd/mm/yyyy, a number with a decimal comma, any other text as it is.
 */
export function formatFigure(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (ISO_INSTANT.test(value)) return formatDateTime(value);
  if (ISO_DAY.test(value)) return formatDate(value);
  return value;
}
