import { addDays, daysBetween, formatVietnameseDate, type IsoDate, vietnamDate } from '../plans/dates.ts';

/**
 * The day a rating counts on (decision 0029). A kiosk or phone that was offline sends its ratings
 * later with the moment each was given (`givenAt`, the device's clock). A rating counts on the day
 * it was given, in Việt Nam, unless that would change figures the city has already received: a
 * year whose self-assessment was sent to the city or whose yearly (or review) report was issued is
 * closed, and a rating given in a closed year counts on the day it arrived, kept with the day it
 * was given and the reason. A device clock cannot be checked, so a moment after the arrival, or
 * more than GIVEN_DAYS_BACK days before it, is not believed either: that rating counts on arrival.
 */
export const GIVEN_DAYS_BACK = 31;

/** Why a rating given before it arrived counts on its arrival day. */
export type CountedOnArrival =
  /** the year it was given is closed: its figures went to the city */
  | 'closed'
  /** given more than GIVEN_DAYS_BACK days before it arrived: a tablet's clock gone wrong */
  | 'too-old';

export interface RatingDay {
  /** The day the rating counts on (rated_on). */
  countedOn: IsoDate;
  /** The day it was given, when before the day it arrived; null when given the day it arrived. */
  givenOn: IsoDate | null;
  /** Null when it counts on the day it was given; else why it counts on its arrival day. */
  countedOnArrival: CountedOnArrival | null;
}

/**
 * Decides the day a rating counts on. `arrivedAt` is the server's clock; `givenAt` the device's,
 * absent for a rating sent at once; `closedYear` tells whether the city has received a year's
 * figures from the commune (asked only for a year before or equal to the arrival's).
 */
export function ratingDay(input: {
  arrivedAt: Date;
  givenAt: Date | null | undefined;
  closedYear: (year: number) => boolean;
}): RatingDay {
  const arrivedOn = vietnamDate(input.arrivedAt);
  const onArrival = { countedOn: arrivedOn, givenOn: null, countedOnArrival: null };
  if (!input.givenAt || !Number.isFinite(input.givenAt.getTime())) return onArrival;
  const givenOn = vietnamDate(input.givenAt);
  // the same day, or a device clock ahead of the server's: the day it arrived
  if (givenOn >= arrivedOn) return onArrival;
  if (daysBetween(givenOn, arrivedOn) > GIVEN_DAYS_BACK) {
    return { countedOn: arrivedOn, givenOn, countedOnArrival: 'too-old' };
  }
  if (input.closedYear(Number(givenOn.slice(0, 4)))) {
    return { countedOn: arrivedOn, givenOn, countedOnArrival: 'closed' };
  }
  return { countedOn: givenOn, givenOn, countedOnArrival: null };
}

/** The first day a rating arriving on `arrivedOn` may count on. */
export function earliestGivenDay(arrivedOn: IsoDate): IsoDate {
  return addDays(arrivedOn, -GIVEN_DAYS_BACK);
}

/** What the console says of a rating given before it arrived, in Vietnamese. */
export function ratingDayNote(r: {
  ratedOn: IsoDate;
  givenOn: IsoDate | null;
  countedOnArrival: CountedOnArrival | null;
}): string | null {
  if (!r.givenOn) return null;
  const given = formatVietnameseDate(r.givenOn);
  const counted = formatVietnameseDate(r.ratedOn);
  if (r.countedOnArrival === 'closed') {
    return `Đánh giá ngày ${given} khi máy mất mạng, gửi đến ngày ${counted}; năm ${r.givenOn.slice(0, 4)} đã gửi số liệu cho thành phố nên tính vào ngày ${counted}.`;
  }
  if (r.countedOnArrival === 'too-old') {
    return `Máy ghi đánh giá ngày ${given}, quá ${GIVEN_DAYS_BACK} ngày trước khi gửi đến; tính vào ngày nhận ${counted}.`;
  }
  return `Đánh giá ngày ${given} khi máy mất mạng, gửi đến sau; tính vào ngày ${given}.`;
}
