import { describe, expect, it } from 'vitest';
import { GIVEN_DAYS_BACK, ratingDay, ratingDayNote } from './given-day.ts';

// 02/12/2026 10:00 in Việt Nam
const arrivedAt = new Date('2026-12-02T03:00:00Z');
const open = () => false;

describe('ratingDay', () => {
  it('a rating sent at once (no givenAt) counts on the day it arrived', () => {
    expect(ratingDay({ arrivedAt, givenAt: null, closedYear: open })).toEqual({
      countedOn: '2026-12-02',
      givenOn: null,
      countedOnArrival: null,
    });
  });

  it('given yesterday offline, synced today: counts yesterday', () => {
    const r = ratingDay({ arrivedAt, givenAt: new Date('2026-12-01T09:30:00Z'), closedYear: open });
    expect(r).toEqual({ countedOn: '2026-12-01', givenOn: '2026-12-01', countedOnArrival: null });
  });

  it('the day is Việt Nam’s: 23:30 UTC on 30/11 is already 01/12 at the counter', () => {
    const r = ratingDay({ arrivedAt, givenAt: new Date('2026-11-30T17:00:00Z'), closedYear: open });
    expect(r.countedOn).toBe('2026-12-01');
    const before = ratingDay({ arrivedAt, givenAt: new Date('2026-11-30T16:59:59Z'), closedYear: open });
    expect(before.countedOn).toBe('2026-11-30');
  });

  it('given earlier the same day, or a device clock ahead of the server: the arrival day, nothing noted', () => {
    for (const g of ['2026-12-02T00:00:00Z', '2026-12-05T00:00:00Z']) {
      expect(ratingDay({ arrivedAt, givenAt: new Date(g), closedYear: open })).toEqual({
        countedOn: '2026-12-02',
        givenOn: null,
        countedOnArrival: null,
      });
    }
  });

  it(`${GIVEN_DAYS_BACK} days back counts on its day; one more is a clock gone wrong`, () => {
    const at = ratingDay({ arrivedAt, givenAt: new Date('2026-11-01T03:00:00Z'), closedYear: open });
    expect(at).toEqual({ countedOn: '2026-11-01', givenOn: '2026-11-01', countedOnArrival: null });
    const beyond = ratingDay({ arrivedAt, givenAt: new Date('2026-10-31T03:00:00Z'), closedYear: open });
    expect(beyond).toEqual({ countedOn: '2026-12-02', givenOn: '2026-10-31', countedOnArrival: 'too-old' });
  });

  it('a rating given in a year whose figures the city received counts when it arrived', () => {
    const closed = (y: number) => y === 2026;
    const r = ratingDay({ arrivedAt, givenAt: new Date('2026-11-20T03:00:00Z'), closedYear: closed });
    expect(r).toEqual({ countedOn: '2026-12-02', givenOn: '2026-11-20', countedOnArrival: 'closed' });
  });

  it('across the new year: given 31/12 counts in the old year unless the old year is closed', () => {
    const jan2 = new Date('2027-01-02T03:00:00Z');
    const given = new Date('2026-12-31T08:00:00Z');
    const asked: number[] = [];
    const openYear = (y: number) => {
      asked.push(y);
      return false;
    };
    expect(ratingDay({ arrivedAt: jan2, givenAt: given, closedYear: openYear }).countedOn).toBe('2026-12-31');
    expect(asked).toEqual([2026]);
    expect(ratingDay({ arrivedAt: jan2, givenAt: given, closedYear: (y) => y === 2026 })).toMatchObject({
      countedOn: '2027-01-02',
      countedOnArrival: 'closed',
    });
  });

  it('an invalid moment is no moment', () => {
    expect(ratingDay({ arrivedAt, givenAt: new Date('x'), closedYear: open }).countedOn).toBe('2026-12-02');
  });
});

describe('ratingDayNote', () => {
  it('says nothing for a rating given the day it arrived, and the day and the reason otherwise', () => {
    expect(ratingDayNote({ ratedOn: '2026-12-02', givenOn: null, countedOnArrival: null })).toBeNull();
    expect(ratingDayNote({ ratedOn: '2026-12-01', givenOn: '2026-12-01', countedOnArrival: null })).toBe(
      'Đánh giá ngày 01/12/2026 khi máy mất mạng, gửi đến sau; tính vào ngày 01/12/2026.',
    );
    expect(
      ratingDayNote({ ratedOn: '2026-12-02', givenOn: '2026-11-20', countedOnArrival: 'closed' }),
    ).toContain('năm 2026 đã gửi số liệu cho thành phố nên tính vào ngày 02/12/2026');
    expect(
      ratingDayNote({ ratedOn: '2026-12-02', givenOn: '2026-10-31', countedOnArrival: 'too-old' }),
    ).toContain(`quá ${GIVEN_DAYS_BACK} ngày`);
  });
});
