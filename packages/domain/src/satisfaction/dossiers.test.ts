import { describe, expect, it } from 'vitest';
import { dossierTiming, onTimeShare, parseDossierDate, parseDossierStatus } from './dossiers.ts';

describe('dossiers returned on time', () => {
  const today = '2026-11-29';
  it('returned on the due date is on time, the day after is late', () => {
    expect(dossierTiming({ dueOn: '2026-11-20', returnedOn: '2026-11-20' }, today)).toBe('on_time');
    expect(dossierTiming({ dueOn: '2026-11-20', returnedOn: '2026-11-21' }, today)).toBe('late');
  });
  it('returned without a due date counts as on time', () => {
    expect(dossierTiming({ dueOn: null, returnedOn: '2026-11-21' }, today)).toBe('on_time');
  });
  it('not returned: late once the due date has passed, pending until then (today included)', () => {
    expect(dossierTiming({ dueOn: '2026-11-28', returnedOn: null }, today)).toBe('late');
    expect(dossierTiming({ dueOn: '2026-11-29', returnedOn: null }, today)).toBe('pending');
    expect(dossierTiming({ dueOn: null, returnedOn: null }, today)).toBe('pending');
  });
  it('share = on time / (on time + late), pending left out; null when nothing counts', () => {
    const r = onTimeShare(
      [
        { dueOn: '2026-11-20', returnedOn: '2026-11-19' },
        { dueOn: '2026-11-20', returnedOn: '2026-11-20' },
        { dueOn: '2026-11-20', returnedOn: '2026-11-25' },
        { dueOn: '2026-11-01', returnedOn: null },
        { dueOn: '2026-12-10', returnedOn: null },
      ],
      today,
    );
    expect(r).toEqual({ counted: 4, onTime: 2, late: 2, pending: 1, share: 0.5 });
    expect(onTimeShare([{ dueOn: '2026-12-10', returnedOn: null }], today).share).toBeNull();
    expect(onTimeShare([], today).share).toBeNull();
  });
});

describe('import parsing', () => {
  it('reads Vietnamese and ISO dates, with or without a time', () => {
    expect(parseDossierDate('29/11/2026')).toBe('2026-11-29');
    expect(parseDossierDate('1/2/2026 08:30')).toBe('2026-02-01');
    expect(parseDossierDate('2026-11-29')).toBe('2026-11-29');
    expect(parseDossierDate('2026-11-29T08:00:00')).toBe('2026-11-29');
    expect(parseDossierDate('')).toBeNull();
    expect(parseDossierDate('31/02/2026')).toBeNull();
    expect(parseDossierDate('2026-02-31')).toBeNull();
    expect(parseDossierDate('hôm qua')).toBeNull();
  });
  it('maps status words, with or without diacritics', () => {
    expect(parseDossierStatus('Đã trả kết quả')).toBe('returned');
    expect(parseDossierStatus('da tra')).toBe('returned');
    expect(parseDossierStatus('Đang xử lý')).toBe('processing');
    expect(parseDossierStatus('Mới tiếp nhận')).toBe('received');
    expect(parseDossierStatus('Đã hủy')).toBe('cancelled');
    expect(parseDossierStatus('')).toBeNull();
    expect(parseDossierStatus('???')).toBeNull();
  });
});
