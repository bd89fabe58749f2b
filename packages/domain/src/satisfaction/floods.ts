/**
 * When ratings from one source in one hour look like a flood rather than a counter's work:
 * shown on the satisfaction dashboard so the staff can void them (with a reason).
 *
 * - A network address (phones, the web, unregistered tablets): a counter serves a citizen in a
 *   few minutes, so 10 ratings in an hour from one address is already more than one counter's
 *   queue shares a Wi-Fi with; any refusal by a limit is a flood too.
 * - A tablet the staff registered at a counter: 60 in an hour (one a minute) is more than a
 *   counter serves; any refusal by its limit is a flood too.
 */
export type RatingSourceKind = 'address' | 'kiosk';

export const BURST_MIN_RATINGS: Record<RatingSourceKind, number> = { address: 10, kiosk: 60 };

export function isRatingBurst(hour: { sourceKind: RatingSourceKind; ratings: number; refused: number }) {
  return hour.refused > 0 || hour.ratings >= BURST_MIN_RATINGS[hour.sourceKind];
}

/** The longest window a burst may be voided over, in days. */
export const MAX_VOID_DAYS = 31;

/** Why a window cannot be voided, in Vietnamese, or null when it can. */
export function voidWindowProblem(from: Date, to: Date): string | null {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return 'Thời điểm không hợp lệ.';
  if (to <= from) return 'Thời điểm kết thúc phải sau thời điểm bắt đầu.';
  if (to.getTime() - from.getTime() > MAX_VOID_DAYS * 86_400_000)
    return `Mỗi lần chỉ vô hiệu hóa trong tối đa ${MAX_VOID_DAYS} ngày.`;
  return null;
}
