/**
 * SIPAS-style satisfaction indices (DOMAIN.md "Citizen satisfaction"). Answers use a
 * 5-point scale; an answer is "satisfied" at 4 or 5. Every answered question is one answer
 * of its element; an element's index is satisfied / answers, and has no index (null, not 0)
 * when nobody answered it; the overall index is the mean of the element indices that exist.
 * One-tap ratings at the counter make their own index the same way (satisfied = 4 or 5).
 */

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

export const SCORE_LABELS: Record<Score, string> = {
  1: 'Rất không hài lòng',
  2: 'Không hài lòng',
  3: 'Bình thường',
  4: 'Hài lòng',
  5: 'Rất hài lòng',
};

export function isScore(value: unknown): value is Score {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Satisfied means 4 (hài lòng) or 5 (rất hài lòng). */
export function isSatisfied(score: number): boolean {
  return score === 4 || score === 5;
}

/** A count of answers and how many of them were satisfied. */
export interface Tally {
  answers: number;
  satisfied: number;
}

/** satisfied / answers, or null when there are no answers (never 0 for "no data"). */
export function tallyIndex(tally: Tally): number | null {
  if (!Number.isInteger(tally.answers) || !Number.isInteger(tally.satisfied)) {
    throw new Error('Counts must be whole numbers');
  }
  if (tally.answers < 0 || tally.satisfied < 0 || tally.satisfied > tally.answers) {
    throw new Error(`Impossible tally ${tally.satisfied}/${tally.answers}`);
  }
  return tally.answers === 0 ? null : tally.satisfied / tally.answers;
}

/** The mean of the indices that exist; null when none does. */
export function overallIndex(indices: readonly (number | null)[]): number | null {
  const present = indices.filter((i): i is number => i !== null);
  if (present.length === 0) return null;
  return present.reduce((a, b) => a + b, 0) / present.length;
}

export interface ElementRef {
  key: string;
  name: string;
  questions: readonly { key: string }[];
}

export interface ElementResult extends Tally {
  key: string;
  name: string;
  index: number | null;
}

export interface QuestionnaireResult {
  responses: number;
  overall: number | null;
  elements: ElementResult[];
}

/**
 * Indices of a questionnaire from tallies per question key (as a database counts them).
 * Question keys that no element owns are ignored (a question removed in a later version).
 */
export function questionnaireResult(
  elements: readonly ElementRef[],
  responses: number,
  perQuestion: ReadonlyMap<string, Tally> | Record<string, Tally>,
): QuestionnaireResult {
  const get = (key: string): Tally | undefined =>
    perQuestion instanceof Map ? perQuestion.get(key) : (perQuestion as Record<string, Tally>)[key];
  const results = elements.map((element) => {
    const tally: Tally = { answers: 0, satisfied: 0 };
    for (const q of element.questions) {
      const t = get(q.key);
      if (t) {
        tally.answers += t.answers;
        tally.satisfied += t.satisfied;
      }
    }
    return { key: element.key, name: element.name, ...tally, index: tallyIndex(tally) };
  });
  return { responses, overall: overallIndex(results.map((r) => r.index)), elements: results };
}

/** Tallies per question key from raw responses ({questionKey: score}). */
export function tallyResponses(responses: readonly Record<string, number>[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const answers of responses) {
    for (const [key, score] of Object.entries(answers)) {
      const t = out.get(key) ?? { answers: 0, satisfied: 0 };
      t.answers += 1;
      if (isSatisfied(score)) t.satisfied += 1;
      out.set(key, t);
    }
  }
  return out;
}

export interface CounterResult {
  ratings: number;
  satisfied: number;
  index: number | null;
}

/** The one-tap ratings' index: ratings at 4 or 5 over all ratings. */
export function counterResult(scores: readonly number[]): CounterResult {
  const satisfied = scores.filter(isSatisfied).length;
  return { ratings: scores.length, satisfied, index: tallyIndex({ answers: scores.length, satisfied }) };
}

/** Counts per score (index 0 is score 1) into a counter result. */
export function counterResultFromCounts(counts: readonly number[]): CounterResult {
  const ratings = counts.reduce((a, b) => a + b, 0);
  const satisfied = (counts[3] ?? 0) + (counts[4] ?? 0);
  return { ratings, satisfied, index: tallyIndex({ answers: ratings, satisfied }) };
}

/** "92,5%" or "chưa có dữ liệu" as the dashboards and the public page write an index. */
export function formatIndex(index: number | null, digits = 1): string {
  if (index === null) return 'chưa có dữ liệu';
  return `${(index * 100).toFixed(digits).replace('.', ',')}%`;
}
