import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';

/**
 * Login limits (docs/rate-limits.md keeps the same table):
 * - one account: after ACCOUNT_MAX_FAILURES failed logins within WINDOW_MINUTES
 *   (counted since its last success), the account is locked for LOCK_MINUTES
 *   from the last failure;
 * - one client address: after ADDRESS_MAX_FAILURES failures within
 *   WINDOW_MINUTES, further attempts from it are refused.
 * Attempts live in the database, so every server behind a load balancer sees them.
 */
export const LOGIN_LIMITS = {
  ACCOUNT_MAX_FAILURES: 5,
  ADDRESS_MAX_FAILURES: 20,
  WINDOW_MINUTES: 15,
  LOCK_MINUTES: 15,
} as const;

export async function assertLoginAllowed(db: Kysely<DB>, username: string, ip: string): Promise<void> {
  const window = sql<Date>`now() - make_interval(mins => ${LOGIN_LIMITS.WINDOW_MINUTES})`;
  const account = await db
    .selectFrom('login_attempts')
    .select([sql<number>`count(*)::int`.as('failures'), sql<Date | null>`max(at)`.as('last')])
    .where('username', '=', username)
    .where('success', '=', false)
    .where('at', '>', window)
    .where(({ eb, selectFrom }) =>
      eb(
        'at',
        '>',
        selectFrom('login_attempts as s')
          .select(sql<Date>`coalesce(max(s.at), '-infinity'::timestamptz)`.as('at'))
          .where('s.username', '=', username)
          .where('s.success', '=', true),
      ),
    )
    .executeTakeFirstOrThrow();
  if (account.failures >= LOGIN_LIMITS.ACCOUNT_MAX_FAILURES) {
    const until = new Date(new Date(account.last!).getTime() + LOGIN_LIMITS.LOCK_MINUTES * 60_000);
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    throw new AppError(
      'account_locked',
      429,
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${minutes} phút hoặc liên hệ quản trị viên.`,
      { retryAfterMinutes: minutes },
    );
  }
  const address = await db
    .selectFrom('login_attempts')
    .select(sql<number>`count(*)::int`.as('failures'))
    .where('ip', '=', ip)
    .where('success', '=', false)
    .where('at', '>', window)
    .executeTakeFirstOrThrow();
  if (address.failures >= LOGIN_LIMITS.ADDRESS_MAX_FAILURES) {
    throw new AppError(
      'too_many_attempts',
      429,
      `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ${LOGIN_LIMITS.WINDOW_MINUTES} phút.`,
    );
  }
}
