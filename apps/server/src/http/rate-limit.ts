import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from './errors.ts';

/** A limit on a public route: at most `limit` hits per `windowSeconds` for one subject. */
export interface RateLimit {
  /** What is limited, e.g. "feedback.post" or "ratings.anonymous". */
  bucket: string;
  limit: number;
  windowSeconds: number;
  /** The Vietnamese sentence the refusal carries; the minutes to wait are appended. */
  message: string;
}

/**
 * Counts one hit of `subject` (a client address, a device id) in the current fixed window
 * and refuses with 429 `rate_limited` once the limit is passed. The counter lives in the
 * database so every app server shares it; call it before writing anything, outside the
 * write's transaction, so a refused request leaves nothing behind but its count.
 */
export async function consumeRateLimit(
  db: Kysely<DB>,
  rule: RateLimit,
  subject: string,
  now: Date = new Date(),
): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket: rule.bucket, subject, window_start: start, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'subject', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  // Old windows are useless; drop them now and then rather than with a job.
  if (row.hits === 1 && Math.random() < 0.05) {
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<', new Date(now.getTime() - 24 * 3600 * 1000))
      .execute();
  }
  if (row.hits > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
    throw new AppError(
      'rate_limited',
      429,
      `${rule.message} Vui lòng thử lại sau ${Math.ceil(retryAfter / 60)} phút.`,
      { retryAfterSeconds: retryAfter },
    );
  }
}
