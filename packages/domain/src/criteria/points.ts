/**
 * Points are kept as whole hundredths (12.5 points = 1250) so that sums are exact:
 * 0.1 + 0.2 is 10 + 20 = 30 hundredths, never 0.30000000000000004.
 */
export type Hundredths = number;

/**
 * Converts a number of points with at most two decimals to hundredths; null when it
 * is not a finite number or has more decimals (12.345).
 */
export function toHundredths(points: number): Hundredths | null {
  if (typeof points !== 'number' || !Number.isFinite(points)) return null;
  const scaled = points * 100;
  const rounded = Math.round(scaled);
  // 0.29 * 100 is 28.999999999999996: a representation error, not a third decimal
  if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled))) return null;
  return rounded === 0 ? 0 : rounded;
}

/** Points as a number again (1250 → 12.5), for JSON and display. */
export function fromHundredths(h: Hundredths): number {
  return h / 100;
}

/** "12,5" / "100" / "0,25": Vietnamese decimal comma, no trailing zeros. */
export function formatPoints(h: Hundredths): string {
  const sign = h < 0 ? '-' : '';
  const abs = Math.abs(h);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  if (cents === 0) return `${sign}${whole}`;
  return `${sign}${whole},${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

export function sumHundredths(values: readonly Hundredths[]): Hundredths {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Why a score is refused, in Vietnamese; null when 0 <= points <= max with at most two decimals. */
export function scoreProblem(points: number, max: Hundredths): string | null {
  const h = toHundredths(points);
  if (h === null) return 'Điểm chỉ được có tối đa hai chữ số thập phân.';
  if (h < 0) return 'Điểm không được âm.';
  if (h > max) return `Điểm không được vượt quá điểm tối đa (${formatPoints(max)}).`;
  return null;
}
