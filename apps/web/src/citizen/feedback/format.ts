/** '2026-11-30' → '30/11/2026' */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant in Việt Nam time: '14:05 30/11/2026' */
export function viDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())} ${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
}

export const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
