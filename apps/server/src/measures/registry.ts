import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * A figure cqtt computes from its own data for one commune and one year, which a
 * measured indicator of the criteria set (its `measure` key) proposes a score from,
 * and which a level rule's `minIndex` may require. Each capability declares its own
 * in `<capability>/measures.ts`; `measures/index.ts` lists them all.
 */
export interface MeasureDefinition {
  /** Stable key named by criteria sets, e.g. "plans.tasksOnTimeShare". */
  key: string;
  /** Vietnamese name shown next to the proposed score. */
  name: string;
  /** ratio: a fraction 0..1; count: a whole number; boolean: 1 (yes) or 0 (no). */
  kind: 'ratio' | 'count' | 'boolean';
  compute(db: Kysely<DB>, input: MeasureInput): Promise<MeasureValue>;
}

export interface MeasureInput {
  communeId: string;
  year: number;
  /** Today's date in Asia/Ho_Chi_Minh (YYYY-MM-DD); a figure never counts the future. */
  today: string;
}

export interface MeasureValue {
  /** null when there is nothing to measure yet (e.g. no ratings this year). */
  value: number | null;
  /** The figures behind the value, shown to the person who accepts or overrides it. */
  figures: { label: string; value: number | string }[];
}
