import { parseIsoDate } from '../plans/dates.ts';
import type { Problem } from '../problem.ts';
import { type Hundredths, toHundredths } from './points.ts';

/** A criteria set as exchanged (JSON, or the rows of the XLSX): points as numbers. */
export interface CriteriaSetInput {
  code: string;
  name: string;
  issuedBy: string;
  decision: string;
  effectiveFrom: string;
  groups: {
    code: string;
    name: string;
    criteria: {
      code: string;
      name: string;
      maxPoints: number;
      passPoints?: number | null;
      responsibleUnit?: string | null;
      evidence?: string | null;
      guidance?: string | null;
      /**
       * A deduction criterion (tiêu chí điểm trừ): its indicators take points off the total, each
       * up to its own maxPoints, and maxPoints of the criterion is the cap of what it takes off
       * ("trừ tối đa 10 điểm"). It has no pass points and adds nothing to the set's maximum.
       */
      deduction?: boolean | null;
      indicators: { code: string; name: string; maxPoints: number; measure?: string | null }[];
    }[];
  }[];
  levels: {
    level: number;
    minTotal: number;
    mandatory?: string[] | null;
    minGroupShare?: number | null;
    minIndex?: Record<string, number> | null;
  }[];
}

export interface Indicator {
  code: string;
  name: string;
  maxPoints: Hundredths;
  measure: string | null;
}
export interface Criterion {
  code: string;
  name: string;
  maxPoints: Hundredths;
  passPoints: Hundredths;
  responsibleUnit: string | null;
  evidence: string;
  guidance: string;
  /** A deduction criterion: maxPoints is the cap it takes off the total; absent in sets stored before. */
  deduction?: boolean;
  indicators: Indicator[];
}
export interface Group {
  code: string;
  name: string;
  criteria: Criterion[];
}
export interface LevelRule {
  level: number;
  minTotal: Hundredths;
  mandatory: string[];
  /** Ten-thousandths (0.5 → 5000), so the comparison with points stays in integers. */
  minGroupShare: number | null;
  minIndex: Record<string, number>;
}
/** A validated criteria set: points in hundredths. */
export interface CriteriaSet {
  code: string;
  name: string;
  issuedBy: string;
  decision: string;
  effectiveFrom: string;
  groups: Group[];
  levels: LevelRule[];
}

/** The levels of the city's present decision; a set may define fewer or more (up to MAX_LEVEL). */
export const LEVELS = [1, 2, 3, 4] as const;
/** The highest level a criteria set may define: a decision defines as many levels as it needs. */
export const MAX_LEVEL = 10;
/** "Chưa đạt" for 0, "Mức N" otherwise: whatever the number of levels the set defines. */
export function levelLabel(level: number): string {
  return level > 0 ? `Mức ${level}` : 'Chưa đạt';
}
/** Labels by level, for the levels 0 to MAX_LEVEL (same text as levelLabel). */
export const LEVEL_LABELS: Readonly<Record<number, string>> = Object.fromEntries(
  Array.from({ length: MAX_LEVEL + 1 }, (_, l) => [l, levelLabel(l)]),
);
/** The levels a set defines, in order (1…N). */
export function levelsOf(set: Pick<CriteriaSet, 'levels'>): number[] {
  return set.levels.map((l) => l.level).sort((a, b) => a - b);
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * Checks a criteria set and lists every problem (not only the first); the set is
 * returned in hundredths only when there is none. `knownMeasures` are the keys of
 * the figures cqtt measures; `knownUnits`, when given, the unit codes that exist.
 */
export function validateCriteriaSet(
  input: CriteriaSetInput,
  knownMeasures: readonly string[],
  knownUnits?: readonly string[],
): { problems: Problem[]; set: CriteriaSet | null } {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const points = (value: number, path: string, what: string, allowZero: boolean): Hundredths => {
    const h = toHundredths(value);
    if (h === null) {
      add(path, `${what} phải là số có tối đa hai chữ số thập phân.`);
      return 0;
    }
    if (h < 0 || (!allowZero && h === 0)) {
      add(path, `${what} phải lớn hơn ${allowZero ? 'hoặc bằng ' : ''}0.`);
      return 0;
    }
    return h;
  };

  if (blank(input.code)) add('code', 'Thiếu mã bộ tiêu chí.');
  if (blank(input.name)) add('name', 'Thiếu tên bộ tiêu chí.');
  if (!parseIsoDate(input.effectiveFrom ?? '')) {
    add('effectiveFrom', 'Ngày hiệu lực phải là một ngày có thật, dạng YYYY-MM-DD.');
  }

  const groupCodes = new Set<string>();
  const criterionCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  const groups: Group[] = [];
  if (input.groups.length === 0) add('groups', 'Bộ tiêu chí phải có ít nhất một nhóm.');
  input.groups.forEach((g, gi) => {
    const gp = `groups.${gi}`;
    if (blank(g.code)) add(`${gp}.code`, 'Thiếu mã nhóm.');
    else if (groupCodes.has(g.code)) add(`${gp}.code`, `Mã nhóm "${g.code}" bị trùng.`);
    groupCodes.add(g.code);
    if (blank(g.name)) add(`${gp}.name`, `Nhóm "${g.code}" thiếu tên.`);
    if (g.criteria.length === 0) add(`${gp}.criteria`, `Nhóm "${g.code}" chưa có tiêu chí nào.`);
    const criteria: Criterion[] = [];
    g.criteria.forEach((c, ci) => {
      const cp = `${gp}.criteria.${ci}`;
      if (blank(c.code)) add(`${cp}.code`, 'Thiếu mã tiêu chí.');
      else if (criterionCodes.has(c.code) || groupCodes.has(c.code)) {
        add(`${cp}.code`, `Mã tiêu chí "${c.code}" bị trùng.`);
      }
      criterionCodes.add(c.code);
      if (blank(c.name)) add(`${cp}.name`, `Tiêu chí "${c.code}" thiếu tên.`);
      const deduction = c.deduction === true;
      const what = deduction
        ? `Điểm trừ tối đa của tiêu chí "${c.code}"`
        : `Điểm tối đa của tiêu chí "${c.code}"`;
      const max = points(c.maxPoints, `${cp}.maxPoints`, what, false);
      let pass: Hundredths;
      if (deduction) {
        pass = 0;
        if (c.passPoints !== undefined && c.passPoints !== null && c.passPoints !== 0) {
          add(`${cp}.passPoints`, `Tiêu chí điểm trừ "${c.code}" không có điểm đạt.`);
        }
      } else {
        pass =
          c.passPoints === undefined || c.passPoints === null
            ? max
            : points(c.passPoints, `${cp}.passPoints`, `Điểm đạt của tiêu chí "${c.code}"`, true);
        if (pass > max) {
          add(`${cp}.passPoints`, `Điểm đạt của tiêu chí "${c.code}" không được lớn hơn điểm tối đa.`);
        }
      }
      const unit = blank(c.responsibleUnit) ? null : c.responsibleUnit!.trim();
      if (unit && knownUnits && !knownUnits.includes(unit)) {
        add(`${cp}.responsibleUnit`, `Đơn vị "${unit}" của tiêu chí "${c.code}" không tồn tại.`);
      }
      if (c.indicators.length === 0) add(`${cp}.indicators`, `Tiêu chí "${c.code}" chưa có chỉ tiêu nào.`);
      const indicators: Indicator[] = [];
      const before = problems.length;
      c.indicators.forEach((ind, ii) => {
        const ip = `${cp}.indicators.${ii}`;
        if (blank(ind.code)) add(`${ip}.code`, 'Thiếu mã chỉ tiêu.');
        else if (indicatorCodes.has(ind.code)) add(`${ip}.code`, `Mã chỉ tiêu "${ind.code}" bị trùng.`);
        indicatorCodes.add(ind.code);
        if (blank(ind.name)) add(`${ip}.name`, `Chỉ tiêu "${ind.code}" thiếu tên.`);
        const measure = blank(ind.measure) ? null : ind.measure!.trim();
        if (measure && deduction) {
          add(`${ip}.measure`, `Chỉ tiêu điểm trừ "${ind.code}" không gắn với số liệu đo.`);
        } else if (measure && !knownMeasures.includes(measure)) {
          add(`${ip}.measure`, `Số liệu đo "${measure}" của chỉ tiêu "${ind.code}" không có trong hệ thống.`);
        }
        indicators.push({
          code: ind.code,
          name: ind.name,
          maxPoints: points(
            ind.maxPoints,
            `${ip}.maxPoints`,
            deduction
              ? `Điểm trừ tối đa của chỉ tiêu "${ind.code}"`
              : `Điểm tối đa của chỉ tiêu "${ind.code}"`,
            false,
          ),
          measure: deduction ? null : measure,
        });
      });
      const sum = indicators.reduce((s, i) => s + i.maxPoints, 0);
      // A deduction's indicators may together exceed its cap: the cap is what makes them bearable.
      if (
        !deduction &&
        indicators.length > 0 &&
        max > 0 &&
        sum !== max &&
        !problems.slice(before).some((p) => p.path.endsWith('.maxPoints'))
      ) {
        add(
          `${cp}.maxPoints`,
          `Điểm tối đa của tiêu chí "${c.code}" (${max / 100}) phải bằng tổng điểm các chỉ tiêu (${sum / 100}).`,
        );
      }
      criteria.push({
        code: c.code,
        name: c.name,
        maxPoints: max,
        passPoints: pass,
        responsibleUnit: unit,
        evidence: c.evidence ?? '',
        guidance: c.guidance ?? '',
        ...(deduction ? { deduction: true } : {}),
        indicators,
      });
    });
    groups.push({ code: g.code, name: g.name, criteria });
  });
  const total = maxTotal({ groups } as CriteriaSet);
  const deductionCodes = new Set(
    groups.flatMap((g) => g.criteria.filter((c) => c.deduction).map((c) => c.code)),
  );

  const levels: LevelRule[] = [];
  const seenLevels = new Set<number>();
  if (input.levels.length === 0) add('levels', 'Bộ tiêu chí phải có quy tắc cho ít nhất mức 1.');
  input.levels.forEach((l, li) => {
    const lp = `levels.${li}`;
    if (!Number.isInteger(l.level) || l.level < 1 || l.level > MAX_LEVEL) {
      add(`${lp}.level`, `Mức phải là một số nguyên từ 1 đến ${MAX_LEVEL}.`);
    } else if (seenLevels.has(l.level)) add(`${lp}.level`, `Quy tắc mức ${l.level} bị trùng.`);
    seenLevels.add(l.level);
    const minTotal = points(l.minTotal, `${lp}.minTotal`, `Tổng điểm tối thiểu của mức ${l.level}`, true);
    if (minTotal > total) {
      add(
        `${lp}.minTotal`,
        `Tổng điểm tối thiểu của mức ${l.level} vượt quá tổng điểm của bộ (${total / 100}).`,
      );
    }
    const mandatory = [...new Set(l.mandatory ?? [])];
    for (const code of mandatory) {
      if (!criterionCodes.has(code)) {
        add(`${lp}.mandatory`, `Mức ${l.level} bắt buộc tiêu chí "${code}" không có trong bộ.`);
      } else if (deductionCodes.has(code)) {
        add(`${lp}.mandatory`, `Mức ${l.level} không thể bắt buộc tiêu chí điểm trừ "${code}".`);
      }
    }
    let share: number | null = null;
    if (l.minGroupShare !== undefined && l.minGroupShare !== null) {
      const s = l.minGroupShare;
      const tt = Math.round(s * 10_000);
      if (!Number.isFinite(s) || s < 0 || s > 1) {
        add(`${lp}.minGroupShare`, `Tỷ lệ tối thiểu mỗi nhóm của mức ${l.level} phải từ 0 đến 1.`);
      } else if (Math.abs(s * 10_000 - tt) > 1e-6) {
        add(
          `${lp}.minGroupShare`,
          `Tỷ lệ tối thiểu mỗi nhóm của mức ${l.level} có tối đa bốn chữ số thập phân.`,
        );
      } else share = tt;
    }
    const minIndex: Record<string, number> = {};
    for (const [key, value] of Object.entries(l.minIndex ?? {})) {
      if (!knownMeasures.includes(key)) {
        add(`${lp}.minIndex.${key}`, `Mức ${l.level} đòi chỉ số "${key}" không có trong hệ thống.`);
      } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        add(`${lp}.minIndex.${key}`, `Ngưỡng chỉ số "${key}" của mức ${l.level} phải là số không âm.`);
      } else minIndex[key] = value;
    }
    levels.push({ level: l.level, minTotal, mandatory, minGroupShare: share, minIndex });
  });
  const present = [...seenLevels].filter((l) => Number.isInteger(l) && l >= 1 && l <= MAX_LEVEL);
  const highest = Math.max(0, ...present);
  for (let l = 1; l < highest; l++) {
    if (!seenLevels.has(l)) add('levels', `Thiếu quy tắc mức ${l} (các mức phải liên tiếp từ mức 1).`);
  }

  if (problems.length > 0) return { problems, set: null };
  levels.sort((a, b) => a.level - b.level);
  return {
    problems,
    set: {
      code: input.code.trim(),
      name: input.name.trim(),
      issuedBy: input.issuedBy ?? '',
      decision: input.decision ?? '',
      effectiveFrom: input.effectiveFrom,
      groups,
      levels,
    },
  };
}

/** The set back in the interchange format (points as numbers), e.g. for export. */
export function toInterchange(set: CriteriaSet): CriteriaSetInput {
  return {
    code: set.code,
    name: set.name,
    issuedBy: set.issuedBy,
    decision: set.decision,
    effectiveFrom: set.effectiveFrom,
    groups: set.groups.map((g) => ({
      code: g.code,
      name: g.name,
      criteria: g.criteria.map((c) => ({
        code: c.code,
        name: c.name,
        maxPoints: c.maxPoints / 100,
        passPoints: c.passPoints / 100,
        responsibleUnit: c.responsibleUnit,
        evidence: c.evidence,
        guidance: c.guidance,
        ...(c.deduction ? { deduction: true } : {}),
        indicators: c.indicators.map((i) => ({
          code: i.code,
          name: i.name,
          maxPoints: i.maxPoints / 100,
          measure: i.measure,
        })),
      })),
    })),
    levels: set.levels.map((l) => ({
      level: l.level,
      minTotal: l.minTotal / 100,
      mandatory: l.mandatory,
      minGroupShare: l.minGroupShare === null ? null : l.minGroupShare / 10_000,
      minIndex: l.minIndex,
    })),
  };
}

export function allIndicators(set: CriteriaSet) {
  return set.groups.flatMap((g) =>
    g.criteria.flatMap((c) => c.indicators.map((indicator) => ({ group: g, criterion: c, indicator }))),
  );
}

/** The most a set can score: its criteria's points; a deduction criterion adds nothing. */
export function maxTotal(set: Pick<CriteriaSet, 'groups'>): Hundredths {
  return set.groups.reduce(
    (s, g) => s + g.criteria.reduce((t, c) => t + (c.deduction ? 0 : c.maxPoints), 0),
    0,
  );
}
