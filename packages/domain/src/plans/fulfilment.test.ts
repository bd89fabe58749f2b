import { describe, expect, it } from 'vitest';
import {
  deriveOccurrence,
  EVENT_FULFILMENT_KINDS,
  FULFILMENT_KINDS,
  FULFILMENT_LABELS,
  type FulfilmentInput,
  fulfilmentText,
  isEventFulfilment,
  isFulfilmentKind,
  overrideProblem,
} from './fulfilment.ts';
import { doneOnTime } from './status.ts';

// Task 3 of the seed: "Trước ngày 15/02 hằng năm" falls due on 14/02 (decision 0008).
const due = '2026-02-14';
const base: FulfilmentInput = {
  link: 'level_registration',
  dueDate: due,
  manual: { completedOn: null, progress: 0 },
  override: null,
  work: { kind: 'event', on: null, ref: null },
};
const sent = (on: string | null) => ({ ...base, work: { kind: 'event' as const, on, ref: 'reg-1' } });
const onTime = (d: ReturnType<typeof deriveOccurrence>) =>
  doneOnTime({ dueDate: due, completedOn: d.completedOn, progress: d.progress });

describe('an event kind completes the occurrence on the day the work happened', () => {
  it('registration sent before the deadline: done that day, on time, with the link', () => {
    const d = deriveOccurrence(sent('2026-02-10'), '2026-12-02');
    expect(d).toMatchObject({
      status: 'done',
      progress: 100,
      completedOn: '2026-02-10',
      source: 'work',
      fulfilledBy: { kind: 'level_registration', at: '2026-02-10', ref: 'reg-1' },
    });
    expect(onTime(d)).toBe(true);
    expect(fulfilmentText('level_registration', '2026-02-10')).toBe(
      'Hoàn thành tự động: đăng ký mức độ gửi 10/02/2026',
    );
  });

  it('work on the due date itself is on time; the day after is late but still done, never re-dated', () => {
    const atDeadline = deriveOccurrence(sent(due), '2026-12-02');
    expect(atDeadline.completedOn).toBe(due);
    expect(onTime(atDeadline)).toBe(true);
    const dayAfter = deriveOccurrence(sent('2026-02-15'), '2026-12-02');
    expect(dayAfter).toMatchObject({ status: 'done', completedOn: '2026-02-15', source: 'work' });
    expect(onTime(dayAfter)).toBe(false);
  });

  it('work that happened before the occurrence opened (sent in the previous December) counts, on time', () => {
    const d = deriveOccurrence(sent('2025-12-20'), '2026-01-05');
    expect(d).toMatchObject({ status: 'done', completedOn: '2025-12-20' });
    expect(onTime(d)).toBe(true);
  });

  it('work dated after today has not happened yet', () => {
    expect(deriveOccurrence(sent('2026-02-12'), '2026-02-11')).toMatchObject({
      status: 'not_started',
      completedOn: null,
      fulfilledBy: null,
    });
    expect(deriveOccurrence(sent('2026-02-12'), '2026-02-12').status).toBe('done');
  });

  it('work not done: open before and on the due date, overdue the day after, as without a link', () => {
    expect(deriveOccurrence(base, '2026-02-13').status).toBe('not_started');
    expect(deriveOccurrence(base, due).status).toBe('not_started');
    expect(deriveOccurrence(base, '2026-02-15')).toMatchObject({
      status: 'overdue',
      completedOn: null,
      source: null,
      fulfilledBy: null,
    });
    const reported = { ...base, manual: { completedOn: null, progress: 40 } };
    expect(deriveOccurrence(reported, '2026-02-01')).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(deriveOccurrence(reported, '2026-02-15')).toMatchObject({ status: 'overdue', progress: 40 });
  });

  it('work undone (the record gone or replaced): the occurrence follows and is open again', () => {
    const before = deriveOccurrence(sent('2026-02-10'), '2026-03-01');
    expect(before.status).toBe('done');
    const after = deriveOccurrence(sent(null), '2026-03-01');
    expect(after).toMatchObject({ status: 'overdue', completedOn: null, fulfilledBy: null });
  });

  it('continuous work without a due date is never overdue, done once the work happened', () => {
    const continuous = { ...base, dueDate: null };
    expect(deriveOccurrence(continuous, '2030-12-31').status).toBe('not_started');
    const done = deriveOccurrence(
      { ...continuous, work: { kind: 'event', on: '2026-05-01', ref: null } },
      '2026-06-01',
    );
    expect(done).toMatchObject({ status: 'done', completedOn: '2026-05-01' });
    expect(doneOnTime({ dueDate: null, completedOn: done.completedOn, progress: 100 })).toBe(true);
  });
});

describe('the coordinator overrides, with a reason', () => {
  it('"done" completes on the chosen day although the work did not happen (sent on paper)', () => {
    const d = deriveOccurrence(
      { ...base, override: { state: 'done', on: '2026-02-09', reason: 'Gửi bản giấy ngày 09/02' } },
      '2026-12-02',
    );
    expect(d).toMatchObject({
      status: 'done',
      completedOn: '2026-02-09',
      source: 'override',
      fulfilledBy: null,
    });
    expect(onTime(d)).toBe(true);
  });

  it('"done" wins over the work: the coordinator’s day counts, late when after the deadline', () => {
    const d = deriveOccurrence(
      { ...sent('2026-02-10'), override: { state: 'done', on: '2026-02-20', reason: 'Bản đăng ký gửi lại' } },
      '2026-12-02',
    );
    expect(d).toMatchObject({ completedOn: '2026-02-20', source: 'override', fulfilledBy: null });
    expect(onTime(d)).toBe(false);
  });

  it('"open" keeps it open although the work happened, and overdue after the deadline', () => {
    const open = { state: 'open' as const, on: null, reason: 'Đăng ký sai mức' };
    expect(deriveOccurrence({ ...sent('2026-02-10'), override: open }, '2026-02-12')).toMatchObject({
      status: 'not_started',
      completedOn: null,
      source: null,
      fulfilledBy: null,
    });
    expect(deriveOccurrence({ ...sent('2026-02-10'), override: open }, '2026-02-15').status).toBe('overdue');
    // an old manual completion does not count either
    const manual = { completedOn: '2026-02-01', progress: 100 };
    expect(deriveOccurrence({ ...sent(null), manual, override: open }, '2026-03-01').status).toBe('overdue');
  });

  it('"done" without a day is ignored rather than completing on no date', () => {
    const d = deriveOccurrence({ ...base, override: { state: 'done', on: null, reason: 'x' } }, '2026-03-01');
    expect(d.status).toBe('overdue');
  });

  it('checks an override: a reason, a day for done, not in the future; clearing needs nothing', () => {
    expect(
      overrideProblem({ state: 'done', on: '2026-02-09', reason: 'Gửi bản giấy' }, '2026-12-02'),
    ).toBeNull();
    expect(overrideProblem({ state: 'done', on: '2026-02-09', reason: '  ' }, '2026-12-02')).toBe(
      'Ghi nhận thủ công phải ghi rõ lý do.',
    );
    expect(overrideProblem({ state: 'open', reason: '' }, '2026-12-02')).toMatch(/lý do/);
    expect(overrideProblem({ state: 'done', reason: 'x' }, '2026-12-02')).toBe(
      'Vui lòng chọn ngày hoàn thành.',
    );
    expect(overrideProblem({ state: 'done', on: '2026-12-03', reason: 'x' }, '2026-12-02')).toMatch(
      /sau ngày hôm nay/,
    );
    expect(overrideProblem({ state: 'done', on: '2026-12-02', reason: 'x' }, '2026-12-02')).toBeNull();
    expect(overrideProblem({ state: 'auto' }, '2026-12-02')).toBeNull();
  });
});

describe('without a link the occurrence works as before', () => {
  const unlinked: FulfilmentInput = { ...base, link: null, work: null };
  it('completed by hand on a day, on time or late', () => {
    const d = deriveOccurrence(
      { ...unlinked, manual: { completedOn: '2026-02-14', progress: 100 } },
      '2026-12-02',
    );
    expect(d).toMatchObject({
      status: 'done',
      completedOn: '2026-02-14',
      source: 'manual',
      fulfilledBy: null,
    });
    expect(onTime(d)).toBe(true);
  });
  it('ignores work facts that were passed without a link', () => {
    const d = deriveOccurrence(
      { ...unlinked, work: { kind: 'event', on: '2026-02-10', ref: 'x' } },
      '2026-03-01',
    );
    expect(d.status).toBe('overdue');
  });
  it('a manual completion also counts for a linked task whose work has not happened', () => {
    const d = deriveOccurrence(
      { ...base, manual: { completedOn: '2026-02-11', progress: 100 } },
      '2026-03-01',
    );
    expect(d).toMatchObject({ status: 'done', completedOn: '2026-02-11', source: 'manual' });
  });
  it('linked work that happened wins over a manual completion recorded before the link', () => {
    const d = deriveOccurrence(
      { ...sent('2026-02-10'), manual: { completedOn: '2026-02-01', progress: 100 } },
      '2026-03-01',
    );
    expect(d).toMatchObject({ completedOn: '2026-02-10', source: 'work' });
  });
});

describe('figure kinds show the year’s figures as progress', () => {
  const outreach: FulfilmentInput = {
    link: 'outreach',
    dueDate: '2026-12-31',
    manual: { completedOn: null, progress: 10 },
    override: null,
    work: {
      kind: 'figures',
      share: 4 / 6,
      active: true,
      figures: [
        { label: 'Hoạt động tuyên truyền', value: 12 },
        { label: 'Thôn có hoạt động tuyên truyền', value: '4/6' },
      ],
    },
  };
  it('progress is the share of the work done, rounded; started; never completed by itself', () => {
    const d = deriveOccurrence(outreach, '2026-12-02');
    expect(d).toMatchObject({ status: 'in_progress', progress: 67, completedOn: null, fulfilledBy: null });
    expect(d.figures).toHaveLength(2);
    const all = deriveOccurrence(
      { ...outreach, work: { ...outreach.work!, share: 1 } as never },
      '2026-12-02',
    );
    expect(all).toMatchObject({ status: 'in_progress', progress: 100, completedOn: null });
  });
  it('overdue after the year like any yearly task; completed by hand or by override', () => {
    expect(deriveOccurrence(outreach, '2027-01-01').status).toBe('overdue');
    const byHand = deriveOccurrence(
      { ...outreach, manual: { completedOn: '2026-12-20', progress: 100 } },
      '2027-01-05',
    );
    expect(byHand).toMatchObject({ status: 'done', completedOn: '2026-12-20', source: 'manual' });
  });
  it('without a share (the service centre) progress stays as reported, started when any work exists', () => {
    const centre: FulfilmentInput = {
      ...outreach,
      link: 'service_centre',
      manual: { completedOn: null, progress: 0 },
      work: { kind: 'figures', share: null, active: true, figures: [{ label: 'Hồ sơ', value: 120 }] },
    };
    expect(deriveOccurrence(centre, '2026-06-01')).toMatchObject({ status: 'in_progress', progress: 0 });
    const idle = { ...centre, work: { kind: 'figures' as const, share: null, active: false, figures: [] } };
    expect(deriveOccurrence(idle, '2026-06-01').status).toBe('not_started');
  });
  it('shares outside 0..1 are clamped; an event fact under a figure kind completes nothing', () => {
    const over = { ...outreach, work: { ...outreach.work!, share: 1.4 } as never };
    expect(deriveOccurrence(over, '2026-06-01').progress).toBe(100);
    const wrong = { ...outreach, work: { kind: 'event' as const, on: '2026-03-01', ref: null } };
    expect(deriveOccurrence(wrong, '2026-06-01')).toMatchObject({ status: 'in_progress', completedOn: null });
  });
});

describe('the list of kinds', () => {
  it('every kind has a Vietnamese label; event kinds are a subset', () => {
    for (const k of FULFILMENT_KINDS) expect(FULFILMENT_LABELS[k].length).toBeGreaterThan(5);
    for (const k of EVENT_FULFILMENT_KINDS) expect(isEventFulfilment(k)).toBe(true);
    expect(isEventFulfilment('outreach')).toBe(false);
    expect(isFulfilmentKind('level_registration')).toBe(true);
    expect(isFulfilmentKind('task_3')).toBe(false);
    expect(isFulfilmentKind(3)).toBe(false);
  });
});
