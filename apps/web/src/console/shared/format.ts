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

export function formatNumber(value: number | null | undefined, lang = 'vi'): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN').format(value);
}
