import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  answeredOnTime,
  countsForDeadline,
  FEEDBACK_ACTIONS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_STATUSES,
  type FeedbackStatus,
  isAnswered,
  isClosed,
  isOverdue,
  nextStatus,
} from './status.ts';

describe('the status machine of a feedback item', () => {
  it('walks the happy path: received, accepted, assigned, drafted, approved, published, rated', () => {
    let s: FeedbackStatus = 'received';
    for (const [action, to] of [
      ['accept', 'accepted'],
      ['assign', 'assigned'],
      ['draft', 'drafted'],
      ['approve', 'approved'],
      ['publish', 'published'],
      ['rate', 'rated'],
    ] as const) {
      expect(nextStatus(s, action)).toBe(to);
      s = to;
    }
  });
  it('the coordinator may assign straight from received and reassign an assigned item', () => {
    expect(nextStatus('received', 'assign')).toBe('assigned');
    expect(nextStatus('assigned', 'assign')).toBe('assigned');
  });
  it('rejection, merging and routing out happen only during triage', () => {
    for (const a of ['reject', 'merge', 'route_out'] as const) {
      expect(nextStatus('received', a)).not.toBeNull();
      expect(nextStatus('accepted', a)).not.toBeNull();
      for (const s of ['assigned', 'drafted', 'approved', 'published', 'rated'] as const)
        expect(nextStatus(s, a), `${s} ${a}`).toBeNull();
    }
  });
  it('no step can be skipped: no approval without a draft, no publication without approval, no rating before publication', () => {
    expect(nextStatus('assigned', 'approve')).toBeNull();
    expect(nextStatus('received', 'draft')).toBeNull();
    expect(nextStatus('drafted', 'publish')).toBeNull();
    expect(nextStatus('approved', 'rate')).toBeNull();
    expect(nextStatus('accepted', 'publish')).toBeNull();
  });
  it('a draft can be rewritten, or sent back by the leader to the unit', () => {
    expect(nextStatus('drafted', 'draft')).toBe('drafted');
    expect(nextStatus('drafted', 'return')).toBe('assigned');
  });
  it('a rating comes once: a rated item accepts nothing more', () => {
    expect(allowedActions('rated')).toEqual([]);
  });
  it('final statuses allow no action at all', () => {
    for (const s of FEEDBACK_STATUSES) {
      if (isClosed(s)) expect(allowedActions(s), s).toEqual([]);
      else expect(allowedActions(s).length, s).toBeGreaterThan(0);
    }
  });
  it('every status has a Vietnamese label and every action leads somewhere', () => {
    for (const s of FEEDBACK_STATUSES) expect(FEEDBACK_STATUS_LABELS[s]).toMatch(/\S/);
    for (const a of FEEDBACK_ACTIONS)
      expect(FEEDBACK_STATUSES.some((s) => nextStatus(s, a) !== null)).toBe(true);
  });
});

describe('answered, on time and overdue', () => {
  it('answered means published, rated or closed', () => {
    expect(FEEDBACK_STATUSES.filter(isAnswered)).toEqual([
      'rejected',
      'merged',
      'routed_out',
      'published',
      'rated',
    ]);
  });
  it('merged and routed-out items are not the commune’s to answer on time', () => {
    expect(countsForDeadline('merged')).toBe(false);
    expect(countsForDeadline('routed_out')).toBe(false);
    expect(countsForDeadline('rejected')).toBe(true);
  });
  it('on the deadline day is on time; the day after is late; never answered is not on time', () => {
    expect(answeredOnTime('2026-12-07', '2026-12-07')).toBe(true);
    expect(answeredOnTime('2026-12-01', '2026-12-07')).toBe(true);
    expect(answeredOnTime('2026-12-08', '2026-12-07')).toBe(false);
    expect(answeredOnTime(null, '2026-12-07')).toBe(false);
  });
  it('overdue: waiting after the deadline day, and not once answered or routed out', () => {
    expect(isOverdue('assigned', '2026-12-07', '2026-12-07')).toBe(false);
    expect(isOverdue('assigned', '2026-12-07', '2026-12-08')).toBe(true);
    expect(isOverdue('approved', '2026-12-07', '2026-12-08')).toBe(true);
    expect(isOverdue('published', '2026-12-07', '2026-12-08')).toBe(false);
    expect(isOverdue('routed_out', '2026-12-07', '2027-01-08')).toBe(false);
  });
});
