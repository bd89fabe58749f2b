/**
 * What a commune's self-assessment file still lacks, said before a step that cannot be taken back
 * (consolidating and sending to supervision, ending supervision, the leader's approval, sending to
 * the city): the indicators nobody has scored yet, and a level below the one the commune registered.
 */

/** How many unscored indicator codes a warning names before it says "và N chỉ tiêu khác". */
export const UNSCORED_SHOWN = 10;

export interface IndicatorScore {
  code: string;
  /** The points that count now (the city's, else the supervisors', else the unit's own); null when nobody scored. */
  points: number | null;
}

export interface AssessmentGaps {
  /** Every indicator without points, in the order of the criteria set. */
  unscored: string[];
  /** The first codes of `unscored` a warning names. */
  shown: string[];
  /** How many unscored codes the warning does not name. */
  more: number;
  /** The level the file reaches now (0: not even level 1). */
  level: number;
  /** The level the commune registered for the year; null when it registered none. */
  registeredLevel: number | null;
  /** True when the file reaches less than the registered level. */
  belowRegistered: boolean;
  /** True when nothing is missing: every indicator scored and the registered level (if any) reached. */
  complete: boolean;
}

/**
 * The gaps of a file from its indicators' current points and its level against the registration.
 * A score of 0 is a score (the indicator was judged and earned nothing), not a gap.
 */
export function assessmentGaps(
  input: { indicators: readonly IndicatorScore[]; level: number; registeredLevel: number | null },
  limit: number = UNSCORED_SHOWN,
): AssessmentGaps {
  const shownMax = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : UNSCORED_SHOWN;
  const unscored = input.indicators
    .filter((i) => i.points === null || i.points === undefined)
    .map((i) => i.code);
  const shown = unscored.slice(0, shownMax);
  const belowRegistered = levelBelowRegistered(input.level, input.registeredLevel);
  return {
    unscored,
    shown,
    more: unscored.length - shown.length,
    level: input.level,
    registeredLevel: input.registeredLevel,
    belowRegistered,
    complete: unscored.length === 0 && !belowRegistered,
  };
}

/** A level falls short only of a registration that exists: with none registered nothing is below it. */
export function levelBelowRegistered(level: number, registeredLevel: number | null): boolean {
  return registeredLevel !== null && registeredLevel !== undefined && level < registeredLevel;
}
