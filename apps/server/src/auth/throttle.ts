import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';

/**
 * Limits on checking a password, at login and at a password change alike (docs/rate-limits.md
 * keeps the same table):
 * - one account: ACCOUNT_MAX_FAILURES attempts not followed by a success lock it for LOCK_MINUTES
 *   from the last of them; a success starts the count again;
 * - one client address: ADDRESS_MAX_FAILURES failed attempts within WINDOW_MINUTES, across
 *   accounts, refuse further attempts from it until the window has passed.
 *
 * An attempt takes its slot BEFORE the password is checked, in one atomic statement
 * (`insert … on conflict do update … where hits < limit`), so any number of parallel attempts
 * gets at most the limit checked, on PostgreSQL and PGlite alike; a success gives its slots back.
 * The counters live in the database (`auth_throttle`), so every server behind a load balancer
 * shares them.
 */
export const LOGIN_LIMITS = {
  ACCOUNT_MAX_FAILURES: 5,
  ADDRESS_MAX_FAILURES: 20,
  WINDOW_MINUTES: 15,
  LOCK_MINUTES: 15,
} as const;

interface Rule {
  key: string;
  limit: number;
  /** A count older than this (since its first hit) starts again. */
  windowMinutes: number;
  /** A full count holds until this long after its last hit. */
  lockMinutes: number;
}

const accountRule = (username: string): Rule => ({
  key: `account:${username}`,
  limit: LOGIN_LIMITS.ACCOUNT_MAX_FAILURES,
  windowMinutes: LOGIN_LIMITS.WINDOW_MINUTES,
  lockMinutes: LOGIN_LIMITS.LOCK_MINUTES,
});
const addressRule = (ip: string): Rule => ({
  key: `address:${ip}`,
  limit: LOGIN_LIMITS.ADDRESS_MAX_FAILURES,
  windowMinutes: LOGIN_LIMITS.WINDOW_MINUTES,
  lockMinutes: 0,
});

/**
 * Takes one slot of a rule, or none when the rule is full. A count whose window has passed (and
 * that is not locked) starts again at 1. Returns whether a slot was taken.
 */
async function take(db: Kysely<DB>, rule: Rule): Promise<boolean> {
  const window = sql<Date>`now() - make_interval(mins => ${rule.windowMinutes})`;
  const lock = sql<Date>`now() - make_interval(mins => ${rule.lockMinutes})`;
  // expired: a count below the limit whose window passed, or a full one whose lock passed
  const expired = sql<boolean>`(auth_throttle.hits < ${rule.limit} and auth_throttle.first_at < ${window})
    or (auth_throttle.hits >= ${rule.limit} and auth_throttle.last_at < ${lock}
        and auth_throttle.first_at < ${window})`;
  const row = await db
    .insertInto('auth_throttle')
    .values({ key: rule.key, hits: 1, first_at: sql`now()`, last_at: sql`now()` })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          hits: sql`case when ${expired} then 1 else auth_throttle.hits + 1 end`,
          first_at: sql`case when ${expired} then now() else auth_throttle.first_at end`,
          last_at: sql`now()`,
        })
        .where(({ eb, or }) => or([eb('auth_throttle.hits', '<', rule.limit), expired])),
    )
    .returning('hits')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives back one slot (the attempt it was taken for succeeded, or was never checked). */
async function giveBack(db: Kysely<DB>, key: string): Promise<void> {
  await db
    .updateTable('auth_throttle')
    .set({ hits: sql`greatest(hits - 1, 0)` })
    .where('key', '=', key)
    .execute();
}

async function lockedMinutes(db: Kysely<DB>, rule: Rule): Promise<number> {
  const row = await db
    .selectFrom('auth_throttle')
    .select(
      sql<number>`extract(epoch from (greatest(last_at + make_interval(mins => ${rule.lockMinutes}),
        first_at + make_interval(mins => ${rule.windowMinutes})) - now()))`.as('seconds'),
    )
    .where('key', '=', rule.key)
    .executeTakeFirst();
  return Math.max(1, Math.ceil(Number(row?.seconds ?? 60) / 60));
}

/** An attempt allowed to check a password: report its outcome with one of these. */
export interface PasswordAttempt {
  /** The password was right: the account's count starts again and the address gets its slot back. */
  succeeded(): Promise<void>;
}

/**
 * Takes the slots of one password check (the account's, then the address's), or refuses with
 * 429 before anything is checked. A failed check keeps both slots.
 */
export async function beginPasswordAttempt(
  db: Kysely<DB>,
  username: string,
  ip: string,
): Promise<PasswordAttempt> {
  const address = addressRule(ip);
  const account = accountRule(username);
  if (!(await take(db, address))) {
    throw new AppError(
      'too_many_attempts',
      429,
      `Có quá nhiều lần nhập sai mật khẩu từ địa chỉ này. Vui lòng thử lại sau ${await lockedMinutes(db, address)} phút.`,
    );
  }
  if (!(await take(db, account))) {
    // this attempt was not checked: the address keeps no count of it
    await giveBack(db, address.key);
    const minutes = await lockedMinutes(db, account);
    throw new AppError(
      'account_locked',
      429,
      `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`,
      { retryAfterMinutes: minutes },
    );
  }
  return {
    async succeeded() {
      await db.deleteFrom('auth_throttle').where('key', '=', account.key).execute();
      await giveBack(db, address.key);
    },
  };
}

/** Whether an account's count is full (the attempt that just failed was its last allowed one). */
export async function accountExhausted(db: Kysely<DB>, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('auth_throttle')
    .select('hits')
    .where('key', '=', accountRule(username).key)
    .executeTakeFirst();
  return (row?.hits ?? 0) >= LOGIN_LIMITS.ACCOUNT_MAX_FAILURES;
}

/** Old rows are useless; dropped now and then rather than by a job. */
export async function pruneThrottle(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('auth_throttle').where('last_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}
