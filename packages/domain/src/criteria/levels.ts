import type { Hundredths } from './points.ts';
import type { CriteriaSet, LevelRule } from './set.ts';

/** Points of each indicator by its code (hundredths); a missing indicator scores 0. */
export type Scores = ReadonlyMap<string, Hundredths> | Readonly<Record<string, Hundredths>>;
/** Measured indices by measure key; null when there is nothing to measure yet. */
export type Indexes = Readonly<Record<string, number | null | undefined>>;

export interface GroupResult {
  code: string;
  name: string;
  /** What the group's criteria earned less what its deduction criteria take off (may be below 0). */
  points: Hundredths;
  maxPoints: Hundredths;
  /** Taken off by the group's deduction criteria, each within its cap (0 when it has none). */
  deducted: Hundredths;
}
export interface CriterionResult {
  code: string;
  groupCode: string;
  /** Earned; for a deduction criterion what it takes off, within its cap (a positive number). */
  points: Hundredths;
  /** The criterion's maximum; for a deduction criterion its cap. */
  maxPoints: Hundredths;
  passPoints: Hundredths;
  /** Always true for a deduction criterion: it has no pass mark. */
  met: boolean;
  deduction: boolean;
  /** For a deduction criterion, what its indicators add up to before the cap; else equal to points. */
  uncapped: Hundredths;
}
export interface Evaluation {
  /** Earned less deducted, never below 0: a score sheet has no negative total. */
  total: Hundredths;
  /** Earned by the criteria that give points. */
  earned: Hundredths;
  /** Taken off by the deduction criteria, each within its own cap. */
  deducted: Hundredths;
  maxTotal: Hundredths;
  groups: GroupResult[];
  criteria: CriterionResult[];
  /** The achieved level: 0 ("chưa đạt") when level 1 fails. */
  level: number;
}

/** What stands between the scores and one level. */
export interface Shortfall {
  level: number;
  /** Points still needed to reach minTotal (0 when reached). */
  pointsShort: Hundredths;
  unmetMandatory: string[];
  groupsBelow: { code: string; points: Hundredths; maxPoints: Hundredths; requiredShare: number }[];
  failingIndexes: { key: string; value: number | null; required: number }[];
}

function pointsOf(scores: Scores, code: string): Hundredths {
  const v = scores instanceof Map ? scores.get(code) : (scores as Record<string, Hundredths>)[code];
  return typeof v === 'number' ? v : 0;
}

/** Totals per criterion and group, and the level the scores reach. */
export function evaluate(set: CriteriaSet, scores: Scores, indexes: Indexes = {}): Evaluation {
  const criteria: CriterionResult[] = [];
  const groups: GroupResult[] = set.groups.map((g) => {
    let points = 0;
    let maxPoints = 0;
    let deducted = 0;
    for (const c of g.criteria) {
      const sum = c.indicators.reduce((s, i) => s + pointsOf(scores, i.code), 0);
      if (c.deduction) {
        const taken = Math.min(c.maxPoints, sum);
        criteria.push({
          code: c.code,
          groupCode: g.code,
          points: taken,
          maxPoints: c.maxPoints,
          passPoints: 0,
          met: true,
          deduction: true,
          uncapped: sum,
        });
        deducted += taken;
        continue;
      }
      criteria.push({
        code: c.code,
        groupCode: g.code,
        points: sum,
        maxPoints: c.maxPoints,
        passPoints: c.passPoints,
        met: sum >= c.passPoints,
        deduction: false,
        uncapped: sum,
      });
      points += sum;
      maxPoints += c.maxPoints;
    }
    return { code: g.code, name: g.name, points: points - deducted, maxPoints, deducted };
  });
  const deducted = groups.reduce((s, g) => s + g.deducted, 0);
  const earned = groups.reduce((s, g) => s + g.points + g.deducted, 0);
  const total = Math.max(0, earned - deducted);
  const maxTotal = groups.reduce((s, g) => s + g.maxPoints, 0);
  const partial = { total, earned, deducted, maxTotal, groups, criteria, level: 0 };
  let level = 0;
  for (const rule of [...set.levels].sort((a, b) => a.level - b.level)) {
    if (rule.level !== level + 1 || !isClear(shortfall(rule, partial, indexes))) break;
    level = rule.level;
  }
  return { ...partial, level };
}

function isClear(s: Shortfall): boolean {
  return (
    s.pointsShort === 0 &&
    s.unmetMandatory.length === 0 &&
    s.groupsBelow.length === 0 &&
    s.failingIndexes.length === 0
  );
}

/** A group holds a share (ten-thousandths) when points / maxPoints >= share, compared in integers. */
export function groupHoldsShare(points: Hundredths, maxPoints: Hundredths, shareTenThousandths: number) {
  if (maxPoints <= 0) return true;
  return points * 10_000 >= shareTenThousandths * maxPoints;
}

/** A measured index holds when it is known and at least the threshold (tolerant of float noise). */
export function indexHolds(value: number | null | undefined, required: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= required - 1e-9;
}

function shortfall(rule: LevelRule, ev: Omit<Evaluation, 'level'>, indexes: Indexes): Shortfall {
  const byCode = new Map(ev.criteria.map((c) => [c.code, c]));
  return {
    level: rule.level,
    pointsShort: Math.max(0, rule.minTotal - ev.total),
    unmetMandatory: rule.mandatory.filter((code) => !byCode.get(code)?.met),
    groupsBelow:
      rule.minGroupShare === null
        ? []
        : ev.groups
            .filter((g) => !groupHoldsShare(g.points, g.maxPoints, rule.minGroupShare!))
            .map((g) => ({
              code: g.code,
              points: g.points,
              maxPoints: g.maxPoints,
              requiredShare: rule.minGroupShare! / 10_000,
            })),
    failingIndexes: Object.entries(rule.minIndex)
      .filter(([key, required]) => !indexHolds(indexes[key], required))
      .map(([key, required]) => ({ key, value: indexes[key] ?? null, required })),
  };
}

/**
 * What is missing to reach `target`: the rules of every level from 1 to target that
 * fail, merged (the largest shortfall in points, every unmet mandatory criterion, every
 * group below the largest share asked, every failing index). Empty when reached; a
 * target above the highest level the set defines is reported as `undefinedLevel`.
 */
export function missingFor(
  set: CriteriaSet,
  evaluation: Evaluation,
  target: number,
  indexes: Indexes = {},
): Shortfall & { reached: boolean; undefinedLevel: boolean } {
  const rules = set.levels.filter((l) => l.level <= target).sort((a, b) => a.level - b.level);
  const undefinedLevel = !set.levels.some((l) => l.level === target);
  const merged: Shortfall = {
    level: target,
    pointsShort: 0,
    unmetMandatory: [],
    groupsBelow: [],
    failingIndexes: [],
  };
  for (const rule of rules) {
    const s = shortfall(rule, evaluation, indexes);
    merged.pointsShort = Math.max(merged.pointsShort, s.pointsShort);
    for (const code of s.unmetMandatory) {
      if (!merged.unmetMandatory.includes(code)) merged.unmetMandatory.push(code);
    }
    for (const g of s.groupsBelow) {
      const seen = merged.groupsBelow.find((x) => x.code === g.code);
      if (!seen) merged.groupsBelow.push(g);
      else seen.requiredShare = Math.max(seen.requiredShare, g.requiredShare);
    }
    for (const f of s.failingIndexes) {
      const seen = merged.failingIndexes.find((x) => x.key === f.key);
      if (!seen) merged.failingIndexes.push(f);
      else seen.required = Math.max(seen.required, f.required);
    }
  }
  return { ...merged, reached: !undefinedLevel && evaluation.level >= target, undefinedLevel };
}

/**
 * The score a measured figure proposes for an indicator worth `max` hundredths:
 * a ratio earns its share of the points (rounded to hundredths), a yes/no all or
 * nothing, a count all the points once there is at least one; nothing measured yet
 * proposes nothing.
 */
export function proposePoints(
  kind: 'ratio' | 'count' | 'boolean',
  value: number | null,
  max: Hundredths,
): Hundredths | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (kind === 'ratio') return Math.min(max, Math.max(0, Math.round(value * max)));
  return value >= 1 ? max : 0;
}

/**
 * Registration is on time when sent before 15/02 of the year in Asia/Ho_Chi_Minh (UTC+7, no
 * DST): by the end of 14/02, the same reading as plan task 3 "trước ngày 15/02" (decision 0008).
 */
export function registrationOnTime(sentAt: Date, year: number): boolean {
  const local = new Date(sentAt.getTime() + 7 * 3600_000);
  const y = local.getUTCFullYear();
  const md = (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
  return y < year || (y === year && md < 215);
}

/**
 * The self-assessment report is due "Trước ngày 12/11 hằng năm" (task 5 of the plan): sent on
 * 11/11 (Việt Nam time) or earlier is on time, on 12/11 it is late.
 */
export function submissionOnTime(sentAt: Date, year: number): boolean {
  const local = new Date(sentAt.getTime() + 7 * 3600_000);
  const y = local.getUTCFullYear();
  const md = (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
  return y < year || (y === year && md < 1112);
}
