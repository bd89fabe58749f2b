import { describe, expect, it } from 'vitest';
import {
  alertsOf,
  levelCounts,
  levelGaps,
  levelsInUse,
  levelTargetsProblem,
  rankWithTies,
  recognitionDateProblem,
  stageCounts,
  yearStage,
} from './city.ts';

describe('ranks with ties (competition ranking)', () => {
  it('gives equal values the best rank and skips the ranks they take', () => {
    expect(rankWithTies([0.9, 0.8, 0.9, 0.7])).toEqual([1, 3, 1, 4]);
    expect(rankWithTies([3, 3, 3])).toEqual([1, 1, 1]);
  });
  it('leaves communes without a figure unranked and does not count them', () => {
    expect(rankWithTies([null, 0.5, null, 0.6])).toEqual([null, 2, null, 1]);
    expect(rankWithTies([Number.NaN, 1])).toEqual([null, 1]);
    expect(rankWithTies([])).toEqual([]);
  });
  it('ranks the smallest first when less is better', () => {
    expect(rankWithTies([5, 0, 2, 0], false)).toEqual([4, 1, 3, 1]);
  });
});

describe('the stage of a commune’s year', () => {
  it('follows the cycle', () => {
    expect(yearStage({ registered: false, assessmentStatus: null, appraised: false })).toBe('not_registered');
    expect(yearStage({ registered: true, assessmentStatus: null, appraised: false })).toBe('registered');
    for (const s of ['self_scoring', 'consolidated', 'reviewed', 'approved'])
      expect(yearStage({ registered: true, assessmentStatus: s, appraised: false })).toBe('assessing');
    expect(yearStage({ registered: true, assessmentStatus: 'submitted', appraised: false })).toBe(
      'submitted',
    );
    expect(yearStage({ registered: true, assessmentStatus: 'submitted', appraised: true })).toBe(
      'appraising',
    );
    expect(yearStage({ registered: true, assessmentStatus: 'returned', appraised: false })).toBe('returned');
    expect(yearStage({ registered: false, assessmentStatus: 'recognised', appraised: true })).toBe(
      'recognised',
    );
  });
  it('counts each commune once per line, overdue only after the deadlines', () => {
    const rows = [
      {
        registered: false,
        registeredOnTime: null,
        assessmentStatus: null,
        appraised: false,
        submittedOnTime: null,
      },
      {
        registered: true,
        registeredOnTime: true,
        assessmentStatus: 'submitted',
        appraised: false,
        submittedOnTime: true,
      },
      {
        registered: true,
        registeredOnTime: false,
        assessmentStatus: 'self_scoring',
        appraised: false,
        submittedOnTime: null,
      },
      {
        registered: true,
        registeredOnTime: true,
        assessmentStatus: 'recognised',
        appraised: false,
        submittedOnTime: false,
      },
    ];
    const before = stageCounts(rows, 2026, '2026-02-14');
    expect(before).toMatchObject({
      communes: 4,
      notRegistered: 1,
      notRegisteredOverdue: 0,
      notSubmittedOverdue: 0,
    });
    const onDeadline = stageCounts(rows, 2026, '2026-02-15');
    expect(onDeadline.notRegisteredOverdue).toBe(1);
    const late = stageCounts(rows, 2026, '2026-11-12');
    expect(late).toMatchObject({
      registeredOnTime: 2,
      registeredLate: 1,
      notOpened: 1,
      inProgress: 1,
      submittedOnTime: 1,
      submittedLate: 1,
      notSubmittedOverdue: 2,
      recognised: 1,
    });
    expect(stageCounts(rows, 2026, '2026-11-11').notSubmittedOverdue).toBe(0);
  });
});

describe('the city’s targets', () => {
  it('accepts shares 0 to 100 %, one per level, not rising with the level', () => {
    expect(levelTargetsProblem([])).toBeNull();
    expect(
      levelTargetsProblem([
        { level: 3, share: 100 },
        { level: 4, share: 0 },
      ]),
    ).toBeNull();
    expect(levelTargetsProblem([{ level: 3, share: 100.01 }])?.path).toBe('targets.0.share');
    expect(levelTargetsProblem([{ level: 3, share: -1 }])?.message).toContain('0% đến 100%');
    expect(levelTargetsProblem([{ level: 3, share: Number.NaN }])).not.toBeNull();
    expect(levelTargetsProblem([{ level: 11, share: 10 }])?.path).toBe('targets.0.level');
    // a decision may define more than four levels: a target for level 5 is allowed
    expect(levelTargetsProblem([{ level: 5, share: 10 }])).toBeNull();
    expect(levelTargetsProblem([{ level: 0, share: 10 }])?.path).toBe('targets.0.level');
    expect(
      levelTargetsProblem([
        { level: 2, share: 10 },
        { level: 2, share: 20 },
      ])?.message,
    ).toContain('hai chỉ tiêu');
    const rising = levelTargetsProblem([
      { level: 4, share: 80 },
      { level: 3, share: 50 },
    ]);
    expect(rising?.path).toBe('targets.0.share');
  });
  it('measures the gap in communes at or above each level, rounding the target up', () => {
    const levels = [3, 3, 2, null, 4];
    const gaps = levelGaps(levels, { 3: 1, 4: 0.5 });
    expect(gaps.find((g) => g.level === 3)).toEqual({
      level: 3,
      target: 1,
      reached: 3,
      share: 0.6,
      missing: 2,
    });
    expect(gaps.find((g) => g.level === 4)).toMatchObject({ reached: 1, missing: 2 }); // 50% of 5 is 2.5: 3
    expect(gaps.find((g) => g.level === 1)).toMatchObject({ target: null, missing: null, reached: 4 });
    expect(levelGaps(new Array(114).fill(3), { 3: 0.9 })[2]!.missing).toBe(0);
    expect(levelGaps([...new Array(102).fill(3), ...new Array(12).fill(null)], { 3: 0.9 })[2]!.missing).toBe(
      1,
    );
    expect(levelGaps([], { 3: 1 })[2]).toMatchObject({ share: null, missing: 0 });
  });
});

describe('alerts name who is behind', () => {
  const base = {
    communeName: 'Đặc khu Cát Hải',
    registered: true,
    submitted: true,
    satisfaction: 0.95,
    satisfactionTarget: 0.9,
    overdueFeedback: 0,
    overdueTasks: 0,
  };
  const none = { overdueFeedback: 0, overdueTasks: 0 };
  it('not registered only from 15/02, not submitted only from 12/11', () => {
    const f = { ...base, registered: false, submitted: false };
    expect(alertsOf(f, 2026, '2026-02-14', none)).toEqual([]);
    expect(alertsOf(f, 2026, '2026-02-15', none).map((a) => a.kind)).toEqual(['not_registered']);
    expect(alertsOf(f, 2026, '2026-11-12', none).map((a) => a.kind)).toEqual([
      'not_registered',
      'not_submitted',
    ]);
    expect(alertsOf(f, 2026, '2026-11-12', none)[0]!.text).toContain(
      'Đặc khu Cát Hải chưa đăng ký mức độ năm 2026',
    );
  });
  it('satisfaction below its target, never without a figure or a target', () => {
    expect(alertsOf({ ...base, satisfaction: 0.899 }, 2026, '2026-01-01', none)[0]!.text).toContain('89,9%');
    expect(alertsOf({ ...base, satisfaction: 0.9 }, 2026, '2026-01-01', none)).toEqual([]);
    expect(alertsOf({ ...base, satisfaction: null }, 2026, '2026-01-01', none)).toEqual([]);
    expect(
      alertsOf({ ...base, satisfaction: 0.1, satisfactionTarget: null }, 2026, '2026-01-01', none),
    ).toEqual([]);
  });
  it('overdue feedback and tasks above the city’s thresholds', () => {
    const f = { ...base, overdueFeedback: 3, overdueTasks: 1 };
    expect(alertsOf(f, 2026, '2026-01-01', none).map((a) => a.kind)).toEqual([
      'feedback_overdue',
      'tasks_overdue',
    ]);
    expect(alertsOf(f, 2026, '2026-01-01', { overdueFeedback: 3, overdueTasks: 1 })).toEqual([]);
  });
});

describe('the date of a recognition decision', () => {
  it('is neither in the future nor before the (last) submission', () => {
    expect(recognitionDateProblem('2026-12-02', '2026-11-10', '2026-12-02')).toBeNull();
    expect(recognitionDateProblem('2026-11-10', '2026-11-10', '2026-12-02')).toBeNull();
    expect(recognitionDateProblem('2026-12-03', '2026-11-10', '2026-12-02')).toContain('tương lai');
    expect(recognitionDateProblem('2026-11-09', '2026-11-10', '2026-12-02')).toContain('10/11/2026');
    expect(recognitionDateProblem('2026-01-01', null, '2026-12-02')).toBeNull();
  });
  it('counts communes at every level in use, beyond four when a set defines more', () => {
    const levels = levelsInUse([[1, 2, 3, 4, 5]], [5, null, 3]);
    expect(levels).toEqual([1, 2, 3, 4, 5]);
    expect(levelCounts([5, null, 3, 5], levels)).toEqual([
      { level: 0, communes: 1 },
      { level: 1, communes: 0 },
      { level: 2, communes: 0 },
      { level: 3, communes: 1 },
      { level: 4, communes: 0 },
      { level: 5, communes: 2 },
    ]);
    expect(levelGaps([5, null, 3, 5], {}, levels).at(-1)).toMatchObject({ level: 5, reached: 2 });
    // without a set in effect: the present decision's four levels, and any level a commune holds
    expect(levelsInUse([], [6])).toEqual([1, 2, 3, 4, 6]);
    expect(levelsInUse([[1, 2, 3]])).toEqual([1, 2, 3]);
  });
});
