import { AppError } from '../http/errors.ts';

/**
 * The database cannot be reached right now (a failover: the primary died and a standby is taking
 * its place; a restart; a lost connection), as opposed to an error in the request or in our code.
 * Such a request answers 503 with this notice and Retry-After; nothing of it was acknowledged,
 * and sending it again once the database is back is safe for everything a device resends
 * (ratings and feedback carry their clientId).
 */
export const RECONNECTING_MESSAGE =
  'Hệ thống đang kết nối lại với cơ sở dữ liệu, vui lòng thử lại sau ít giây. Thông tin vừa gửi chưa được lưu.';

/** Seconds a client should wait before sending again (Retry-After). */
export const RECONNECT_RETRY_SECONDS = 5;

const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (switchover, restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '53300', // too_many_connections (a new primary while every node reconnects)
  '25006', // read_only_sql_transaction: a connection still on a former primary, now a standby
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const MESSAGES =
  /connection terminated|connection ended unexpectedly|not queryable|timeout exceeded when trying to connect|server closed the connection|terminating connection due to administrator command/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (SQLSTATES.has(e.code) || NODE_CODES.has(e.code))) return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}

/** The 503 of a request that met the database away; null for any other error. */
export function fromUnavailableDatabase(error: unknown): AppError | null {
  return isDatabaseUnavailable(error) ? new AppError('reconnecting', 503, RECONNECTING_MESSAGE) : null;
}
