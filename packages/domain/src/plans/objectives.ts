/**
 * The plan's objectives as data (II. MỤC TIÊU): for each year the level to reach, whether the
 * plan asks to raise the level that year ("Từ năm 2027, phấn đấu nâng mức độ"), and the year's
 * targets for the satisfaction index and for feedback answered on time. The city's targets change
 * between years, so none of them is written in code.
 */
export interface YearTarget {
  year: number;
  /** The level to reach (mức độ). */
  level: number;
  /** The plan asks to raise the level this year (above the previous year's). */
  raiseLevel: boolean;
  /** Satisfaction index to reach, 0..1 (0.9 = 90%); null: the plan sets none for the year. */
  satisfaction: number | null;
  /** Share of feedback answered on time to reach, 0..1; null: none. */
  feedbackOnTime: number | null;
}

/** A stored target, possibly written before the optional parts existed. */
export interface StoredTarget {
  year: number;
  level: number;
  raiseLevel?: boolean | null;
  satisfaction?: number | null;
  feedbackOnTime?: number | null;
}

export function normaliseTargets(targets: readonly StoredTarget[]): YearTarget[] {
  return [...targets]
    .map((t) => ({
      year: t.year,
      level: t.level,
      raiseLevel: t.raiseLevel ?? false,
      satisfaction: t.satisfaction ?? null,
      feedbackOnTime: t.feedbackOnTime ?? null,
    }))
    .sort((a, b) => a.year - b.year);
}

export function targetFor(targets: readonly StoredTarget[], year: number): YearTarget | null {
  return normaliseTargets(targets).find((t) => t.year === year) ?? null;
}

/** The first problem of a plan's targets, with the field it concerns, or null. */
export function targetsProblem(
  targets: readonly StoredTarget[],
  period: { fromYear: number; toYear: number | null },
): { path: string; message: string } | null {
  const seen = new Set<number>();
  for (const [i, t] of targets.entries()) {
    if (t.year < period.fromYear || (period.toYear !== null && t.year > period.toYear))
      return {
        path: `targets.${i}.year`,
        message: `Mục tiêu năm ${t.year} nằm ngoài thời gian của kế hoạch.`,
      };
    if (seen.has(t.year))
      return { path: `targets.${i}.year`, message: `Năm ${t.year} có hai mục tiêu; mỗi năm một mục tiêu.` };
    seen.add(t.year);
    for (const key of ['satisfaction', 'feedbackOnTime'] as const) {
      const v = t[key];
      if (v !== null && v !== undefined && (!Number.isFinite(v) || v < 0 || v > 1))
        return { path: `targets.${i}.${key}`, message: 'Chỉ tiêu tỷ lệ phải từ 0% đến 100%.' };
    }
  }
  return null;
}

/** "90%" or "92,5%". */
export function percentText(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${String(p).replace('.', ',')}%`;
}

/** The objective of a year as the plan words it. */
export function objectiveSentence(t: YearTarget): string {
  const level = t.raiseLevel
    ? `phấn đấu nâng mức độ đạt chuẩn “Chính quyền thân thiện” (tối thiểu mức độ ${t.level})`
    : `phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ ${t.level}`;
  const extra = [
    t.satisfaction === null ? null : `chỉ số hài lòng của người dân đạt từ ${percentText(t.satisfaction)}`,
    t.feedbackOnTime === null
      ? null
      : `tỷ lệ phản ánh, kiến nghị được trả lời đúng hạn đạt từ ${percentText(t.feedbackOnTime)}`,
  ].filter(Boolean);
  return `Năm ${t.year}, ${level}${extra.length ? `; ${extra.join('; ')}` : ''}.`;
}

/** Whether a measured share reaches its target: null when either is missing. */
export function meetsTarget(value: number | null, target: number | null): boolean | null {
  if (value === null || target === null) return null;
  return value >= target;
}
