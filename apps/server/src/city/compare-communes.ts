import type { CommuneRow, CommuneYear, SortKey } from '@cqtt/contract/city';
import { foldVietnamese, rankWithTies, vietnamDate, type YearStage } from '@cqtt/domain';
import type { CommuneKind } from '@cqtt/domain/org/roles';
import type { RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { communeYears } from './commune-years.ts';
import * as store from './store.ts';

export interface CompareQuery {
  year?: number;
  from?: number;
  to?: number;
  kind?: CommuneKind;
  stage?: YearStage;
  level?: number;
  levelOf?: 'recognised' | 'self' | 'registered';
  q?: string;
  sort?: SortKey;
  order?: 'asc' | 'desc';
}

/** The value a column sorts and ranks by (null: no figure, always last, no rank). */
const SORT_VALUE: Record<Exclude<SortKey, 'name'>, (y: CommuneYear) => number | null> = {
  registeredLevel: (y) => y.registeredLevel,
  selfLevel: (y) => y.selfLevel,
  recognisedLevel: (y) => y.recognisedLevel,
  total: (y) => y.total,
  satisfaction: (y) => y.satisfaction.index,
  counter: (y) => y.counter.index,
  feedbackReceived: (y) => y.feedback.received,
  feedbackOnTime: (y) => y.feedback.onTimeShare,
  feedbackOverdue: (y) => y.feedback.overdue,
  tasksOnTime: (y) => y.tasksOnTimeShare,
  outreach: (y) => y.outreach.activities,
  villageShare: (y) => y.outreach.villageShare,
  budgetSpent: (y) => y.budget.spentShare,
  sipas: (y) => y.official.sipas,
  parIndex: (y) => y.official.parIndex,
};
/** Columns where less is better rank the smallest first. */
const LOWER_IS_BETTER = new Set<SortKey>(['feedbackOverdue']);

/** The years a query asks for: one year (default this year), or a range of at most ten. */
export function yearsOf(q: { year?: number; from?: number; to?: number }, today: string) {
  const current = Number(today.slice(0, 4));
  const to = q.to ?? q.year ?? current;
  const from = q.from ?? (q.to !== undefined ? q.to : to);
  return { from, to, years: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
}

/**
 * The communes the caller sees, side by side over one year or several: the figures of the last
 * year of the range, each year's for the trend, filtered, sorted and ranked (ties share a rank,
 * ranked among every commune the caller sees, whatever the filter).
 */
export async function compareCommunes(ctx: RequestContext, q: CompareQuery) {
  const today = vietnamDate(new Date());
  const { from, to, years } = yearsOf(q, today);
  const communes = await store.communesInView(ctx.db, ctx.actor!);
  const cells = await communeYears(ctx.db, { communeIds: communes.map((c) => c.id), years, today });
  const sort = q.sort ?? 'total';
  const order = q.order ?? (sort === 'name' || LOWER_IS_BETTER.has(sort) ? 'asc' : 'desc');
  let rows: CommuneRow[] = communes.map((c) => ({
    communeId: c.id,
    communeCode: c.code,
    communeName: c.name,
    kind: c.kind,
    cityName: c.city_name,
    rank: null,
    ...cells.get(cellKey(c.id, to))!,
    years: years.map((y) => cells.get(cellKey(c.id, y))!),
  }));
  if (sort !== 'name') {
    const value = SORT_VALUE[sort];
    const ranks = rankWithTies(rows.map(value), !LOWER_IS_BETTER.has(sort));
    rows.forEach((r, i) => {
      r.rank = ranks[i]!;
    });
  }
  if (q.kind) rows = rows.filter((r) => r.kind === q.kind);
  if (q.stage) rows = rows.filter((r) => r.stage === q.stage);
  if (q.level !== undefined) {
    const of = q.levelOf ?? 'recognised';
    const levelOf = (r: CommuneRow) =>
      of === 'self' ? r.selfLevel : of === 'registered' ? r.registeredLevel : r.recognisedLevel;
    rows = rows.filter((r) => (levelOf(r) ?? 0) === q.level);
  }
  if (q.q) {
    const words = foldVietnamese(q.q).split(' ').filter(Boolean);
    rows = rows.filter((r) => {
      const hay = foldVietnamese(`${r.communeName} ${r.communeCode} ${r.cityName}`);
      return words.every((w) => hay.includes(w));
    });
  }
  const byName = (a: CommuneRow, b: CommuneRow) => a.communeName.localeCompare(b.communeName, 'vi');
  if (sort === 'name') rows.sort((a, b) => (order === 'asc' ? byName(a, b) : byName(b, a)));
  else {
    const value = SORT_VALUE[sort];
    rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
      return (order === 'asc' ? x - y : y - x) || byName(a, b);
    });
  }
  return { from, to, sort, order, items: rows, total: rows.length };
}
