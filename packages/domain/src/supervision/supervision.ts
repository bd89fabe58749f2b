/**
 * Giám sát, phản biện xã hội: the Fatherland Front (and Ban Xây dựng Đảng, for its own) supervises
 * the plan's work and critiques its drafts; the commune answers each entry's findings.
 */

/** Who supervised: the Front's committee (Ủy ban MTTQ xã) or the Party Building Board (Ban XDĐ). */
export const SUPERVISION_BODIES = ['front', 'party'] as const;
export type SupervisionBody = (typeof SUPERVISION_BODIES)[number];
export const SUPERVISION_BODY_LABELS: Record<SupervisionBody, string> = {
  front: 'Ủy ban MTTQ xã',
  party: 'Ban Xây dựng Đảng',
};

/** A supervision (giám sát) of how the work is done, or a social critique (phản biện) of a draft. */
export const SUPERVISION_KINDS = ['supervision', 'critique'] as const;
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = {
  supervision: 'Giám sát',
  critique: 'Phản biện xã hội',
};

/** The role that keeps a body's entries. */
const KEEPER: Record<SupervisionBody, string> = { front: 'supervisor', party: 'party' };

/**
 * The bodies whose entries a user keeps, from the roles: the Front's supervisor keeps MTTQ's,
 * Ban XDĐ's account its own. Empty for anyone else.
 */
export function keptBodies(roles: readonly string[]): SupervisionBody[] {
  return SUPERVISION_BODIES.filter((b) => roles.includes(KEEPER[b]));
}

/**
 * The body a new entry is recorded for: the one asked for when the user keeps it, else the
 * user's only one. A Vietnamese sentence when it cannot be decided or is not the user's.
 */
export function bodyFor(
  roles: readonly string[],
  asked?: SupervisionBody,
): { body: SupervisionBody } | { problem: string } {
  const kept = keptBodies(roles);
  if (asked) {
    if (kept.includes(asked)) return { body: asked };
    return { problem: `Chỉ ${SUPERVISION_BODY_LABELS[asked]} ghi được mục giám sát, phản biện của mình.` };
  }
  if (kept.length === 1) return { body: kept[0]! };
  if (kept.length === 0)
    return { problem: 'Chỉ Ủy ban MTTQ xã và Ban Xây dựng Đảng ghi được giám sát, phản biện.' };
  return { problem: 'Vui lòng chọn cơ quan giám sát (Ủy ban MTTQ xã hoặc Ban Xây dựng Đảng).' };
}

/**
 * The entry records what happened: dated not after today, in its year or the next (a supervision
 * of the year's work held in January). Returns a sentence describing the problem, or null.
 */
export function entryDateProblem(year: number, heldOn: string, today: string): string | null {
  if (heldOn > today) return 'Ngày giám sát, phản biện không thể sau hôm nay.';
  const heldYear = Number(heldOn.slice(0, 4));
  if (heldYear < year) return `Ngày giám sát, phản biện không thể trước năm ${year}.`;
  if (heldYear > year + 1) return `Ngày giám sát, phản biện quá xa năm ${year}.`;
  return null;
}

/**
 * The commune's answer is dated neither before the entry nor after today. Returns a sentence
 * describing the problem, or null.
 */
export function answerDateProblem(heldOn: string, answeredOn: string, today: string): string | null {
  if (answeredOn < heldOn) return 'Ngày trả lời không thể trước ngày giám sát, phản biện.';
  if (answeredOn > today) return 'Ngày trả lời không thể sau hôm nay.';
  return null;
}
