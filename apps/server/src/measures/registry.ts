import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * A figure cqtt computes from its own data for a commune and a year, which a measured
 * indicator of the criteria set (its `measure` key) proposes a score from, which a level
 * rule's `minIndex` may require, and which the city compares across its communes. Each
 * capability declares its own in `<capability>/measures.ts`; capabilities.ts lists them all.
 *
 * A measure is computed for a set of communes and a set of years at once, with a fixed number
 * of queries whatever the size of the set (decision 0025): the commune's own routes ask for a
 * set of one, the city's view for all its communes, so both see the same figure.
 */
export interface MeasureDefinition {
  /** Stable key named by criteria sets, e.g. "plans.tasksOnTimeShare". */
  key: string;
  /** Vietnamese name shown next to the proposed score. */
  name: string;
  /** ratio: a fraction 0..1; count: a whole number; boolean: 1 (yes) or 0 (no). */
  kind: 'ratio' | 'count' | 'boolean';
  /** Every commune and year of the scope: one value per cell (`cellKey`), none missing. */
  computeSet(db: Kysely<DB>, scope: FigureScope): Promise<Cells<MeasureValue>>;
  /** One commune and year: `computeSet` on a set of one. */
  compute(db: Kysely<DB>, input: MeasureInput): Promise<MeasureValue>;
}

export interface MeasureInput {
  communeId: string;
  year: number;
  /** Today's date in Asia/Ho_Chi_Minh (YYYY-MM-DD); a figure never counts the future. */
  today: string;
}

/** The communes and years a set of figures is computed for. */
export interface FigureScope {
  communeIds: readonly string[];
  years: readonly number[];
  /** Today's date in Asia/Ho_Chi_Minh (YYYY-MM-DD); a figure never counts the future. */
  today: string;
}

/** Figures by commune and year, keyed by `cellKey(communeId, year)`. */
export type Cells<T> = Map<string, T>;

export const cellKey = (communeId: string, year: number): string => `${communeId}|${year}`;

/** Every cell of a scope, filled with what `make` gives (the figure of a cell with no data). */
export function cellsOf<T>(scope: FigureScope, make: (communeId: string, year: number) => T): Cells<T> {
  const cells: Cells<T> = new Map();
  for (const c of scope.communeIds) for (const y of scope.years) cells.set(cellKey(c, y), make(c, y));
  return cells;
}

/** The first and last day of the scope's years, for the range of a query. */
export function yearSpan(scope: FigureScope): { from: string; to: string } {
  return { from: `${Math.min(...scope.years)}-01-01`, to: `${Math.max(...scope.years)}-12-31` };
}

/** The last day a year's figure counts: the 31st of December, or today for the current year. */
export function yearTo(year: number, today: string): string {
  return today < `${year}-12-31` ? today : `${year}-12-31`;
}

export interface MeasureValue {
  /** null when there is nothing to measure yet (e.g. no ratings this year). */
  value: number | null;
  /** The figures behind the value, shown to the person who accepts or overrides it. */
  figures: { label: string; value: number | string }[];
}

/** A measure from its set-based computation; `compute` of one cell is the same computation. */
export function defineMeasure(spec: Omit<MeasureDefinition, 'compute'>): MeasureDefinition {
  return {
    ...spec,
    async compute(db, { communeId, year, today }) {
      const cells = await spec.computeSet(db, { communeIds: [communeId], years: [year], today });
      return cells.get(cellKey(communeId, year))!;
    },
  };
}

/** Each cell's values mapped, for a measure derived from a capability's figures. */
export function mapCells<T, U>(cells: Cells<T>, f: (value: T) => U): Cells<U> {
  return new Map([...cells].map(([k, v]) => [k, f(v)]));
}
