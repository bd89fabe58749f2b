/**
 * Rewards (khen thưởng, plan task 6): a unit or the coordinator nominates an individual
 * or a collective; MTTQ comments; the leader decides the form, number and date.
 */
export const NOMINEE_KINDS = ['individual', 'collective'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];
export const NOMINEE_KIND_LABELS: Record<NomineeKind, string> = {
  individual: 'Cá nhân',
  collective: 'Tập thể',
};

export const REWARD_STATUSES = ['nominated', 'awarded', 'declined'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];
export const REWARD_STATUS_LABELS: Record<RewardStatus, string> = {
  nominated: 'Chờ quyết định',
  awarded: 'Đã khen thưởng',
  declined: 'Không khen thưởng',
};

/** Usual forms at commune level; the leader may write another. */
export const REWARD_FORMS = ['Giấy khen của Chủ tịch UBND xã', 'Biểu dương của UBND xã'] as const;

/** The decision's number must carry the QĐ symbol, e.g. "125/QĐ-UBND". */
export function decisionNumberProblem(number: string): string | null {
  if (!/^\d{1,6}\/QĐ-[\p{Lu}A-Z0-9-]+$/u.test(number.trim())) {
    return 'Số quyết định phải có dạng “125/QĐ-UBND”.';
  }
  return null;
}

/** A decision cannot be dated before the nomination's year nor in the future. */
export function decisionDateProblem(date: string, year: number, today: string): string | null {
  if (date > today) return 'Ngày quyết định không được sau ngày hôm nay.';
  if (Number(date.slice(0, 4)) < year) return `Ngày quyết định không được trước năm ${year} của đề nghị.`;
  return null;
}
