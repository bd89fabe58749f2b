import { sql } from 'kysely';
import { AppError } from '../http/errors.ts';
import { consumeRateLimit, type RateLimit } from '../http/rate-limit.ts';
import type { RequestContext } from '../http/route.ts';
import type { RegisteredKiosk } from './kiosks.ts';

/**
 * Limits of ratings that carry no dossier code the commune holds (no code, or a code that
 * matches none of its dossiers). Ratings with such a code are not limited here: each uses up
 * its dossier (one rating per dossier, a unique index).
 *
 * What a client sends about itself (device id, channel "kiosk") can be invented, so it never
 * loosens a limit; only what the client cannot invent does:
 * - a tablet the staff registered (kiosks.ts) is limited per tablet, wherever its address;
 * - everyone else is limited per network address (hour and day), and all of them together per
 *   counter, so that many addresses cannot flood one counter either; the device id only adds a
 *   small limit that keeps one honest phone from rating again and again.
 * Reasons and figures: docs/rate-limits.md and docs/decisions/0020.
 */
export const CODELESS_RATING_LIMITS = {
  kiosk: {
    bucket: 'ratings.anonymous.kiosk',
    limit: 120,
    windowSeconds: 3600,
    message: 'Máy đánh giá tại quầy đã gửi quá nhiều đánh giá không kèm mã hồ sơ.',
  },
  device: {
    bucket: 'ratings.anonymous.device',
    limit: 5,
    windowSeconds: 3600,
    message: 'Thiết bị này đã gửi nhiều đánh giá không kèm mã hồ sơ.',
  },
  address: {
    bucket: 'ratings.anonymous.address',
    limit: 20,
    windowSeconds: 3600,
    message: 'Có quá nhiều đánh giá không kèm mã hồ sơ từ cùng một địa chỉ mạng.',
  },
  addressDay: {
    bucket: 'ratings.anonymous.address.day',
    limit: 60,
    windowSeconds: 86_400,
    message: 'Có quá nhiều đánh giá không kèm mã hồ sơ từ cùng một địa chỉ mạng trong ngày.',
  },
  counter: {
    bucket: 'ratings.anonymous.counter',
    limit: 60,
    windowSeconds: 3600,
    message:
      'Quầy này đã nhận quá nhiều đánh giá không kèm mã hồ sơ trong giờ này. Ông/bà có thể đánh giá kèm mã hồ sơ trên giấy hẹn.',
  },
} satisfies Record<string, RateLimit>;

/**
 * Counts one rating without a verified dossier code against its limits, refusing with 429 once
 * one is passed; a refusal is also kept per commune, hour and source, so the dashboard shows a
 * flood as such (floods.ts).
 */
export async function limitCodelessRating(
  ctx: RequestContext,
  rating: {
    communeId: string;
    kiosk: RegisteredKiosk | null;
    deviceId: string | null;
    counterId: string | null;
  },
): Promise<void> {
  const L = CODELESS_RATING_LIMITS;
  const checks: [RateLimit, string][] = rating.kiosk
    ? [[L.kiosk, rating.kiosk.id]]
    : [
        ...(rating.deviceId ? ([[L.device, rating.deviceId]] as [RateLimit, string][]) : []),
        [L.address, ctx.ip],
        [L.addressDay, ctx.ip],
        [L.counter, `${rating.communeId}:${rating.counterId ?? '-'}`],
      ];
  for (const [rule, subject] of checks) {
    try {
      await consumeRateLimit(ctx.db, rule, subject);
    } catch (error) {
      if (error instanceof AppError && error.code === 'rate_limited') {
        await recordRefusal(ctx, rating.communeId, rule.bucket, rating.kiosk);
      }
      throw error;
    }
  }
}

async function recordRefusal(
  ctx: RequestContext,
  communeId: string,
  bucket: string,
  kiosk: RegisteredKiosk | null,
) {
  await ctx.db
    .insertInto('rating_refusals')
    .values({
      commune_id: communeId,
      hour: sql<Date>`date_trunc('hour', now())`,
      source_kind: kiosk ? 'kiosk' : 'address',
      source: kiosk ? kiosk.id : ctx.ip,
      bucket,
      refused: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['commune_id', 'hour', 'source_kind', 'source', 'bucket'])
        .doUpdateSet({ refused: sql`rating_refusals.refused + 1` }),
    )
    .execute();
}
