import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { MailTransport } from './transport.ts';

/** Minutes to wait after the 1st, 2nd, 3rd… failed attempt; the last one repeats. */
export const RETRY_MINUTES = [1, 5, 15, 60] as const;
/** A permanent refusal (5xx: unknown mailbox…) is retried only once a day. */
export const PERMANENT_RETRY_MINUTES = 24 * 60;
/**
 * How long a claimed row stays away from other workers while it is being
 * sent. Longer than any attempt can last (mail/transport.ts timeouts), so two
 * servers never send the same row.
 */
export const CLAIM_MINUTES = 10;

export interface DeliveryReport {
  sent: number;
  failed: number;
}

export interface DeliveryOptions {
  /** At most this many mails in one call (the job comes back for the rest). */
  limit?: number;
  /** Told of each failed attempt (row id, attempt number, error); no addresses. */
  onFailure?: (failure: { id: string; attempts: number; error: string }) => void;
}

const minutes = (now: Date, n: number) => new Date(now.getTime() + n * 60_000);

function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function retryDelay(attempts: number, error: unknown): number {
  if (isPermanent(error)) return PERMANENT_RETRY_MINUTES;
  return RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length) - 1]!;
}

function describeError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string } | null;
  const parts = [e?.code, e?.responseCode, e?.message ?? String(error)].filter((p) => p !== undefined);
  return parts.join(' ').replace(/\s+/g, ' ').slice(0, 1000);
}

/**
 * Sends the mail that is due, one row at a time. Each row is first claimed in
 * a short transaction (`for update skip locked`: a row another server is
 * claiming is skipped, never waited for, never taken twice), which counts the
 * attempt and moves its next attempt past the claim time; then it is sent
 * with no transaction open (the SMTP conversation never holds a database
 * connection, which on PGlite is the only one); then it is marked sent, or its
 * error is kept and it waits 1, 5, 15, then 60 minutes (a day after a 5xx
 * refusal of that mail). A failure is never thrown: the mail simply waits for
 * a later run, and a run stops at the first failure that is not about one
 * mail (server unreachable, timed out), leaving the rest untouched.
 *
 * If the process dies between the SMTP server's acceptance and the mark, the
 * row is sent again after the claim expires: delivery is at least once, and
 * exactly once whenever the process lives to record it.
 */
export async function deliverPending(
  db: Kysely<DB>,
  transport: MailTransport,
  now: Date = new Date(),
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const limit = options.limit ?? 100;
  let doubtful = inDoubt.get(db);
  if (!doubtful) {
    doubtful = new Set();
    inDoubt.set(db, doubtful);
  }
  while (report.sent + report.failed < limit) {
    const token = randomUUID();
    let row: Claimed | null;
    try {
      row = (await ourDoubtfulClaim(db, doubtful)) ?? (await claim(db, now, token));
    } catch (error) {
      // the claim's commit may have been written before the connection went: look for it later
      if (isDatabaseUnavailable(error)) doubtful.add(token);
      throw error;
    }
    if (!row) break;
    try {
      await transport.send({ to: row.to_address, subject: row.subject, text: row.body });
    } catch (error) {
      const message = describeError(error);
      await db
        .updateTable('mail_outbox')
        .set({ last_error: message, next_attempt_at: minutes(now, retryDelay(row.attempts, error)) })
        .where('id', '=', row.id)
        .where('sent_at', 'is', null)
        .execute();
      report.failed++;
      options.onFailure?.({ id: row.id, attempts: row.attempts, error: message });
      // The server refused this one mail: go on with the others. Anything
      // else (unreachable, timed out, busy) would fail them too: stop here.
      if (isPermanent(error)) continue;
      break;
    }
    await markSent(db, row.id, now);
    report.sent++;
  }
  return report;
}

type Claimed = { id: string; to_address: string; subject: string; body: string; attempts: number };

/** Tokens of claims whose commit a failover cut, per database (see ourDoubtfulClaim). */
const inDoubt = new WeakMap<Kysely<DB>, Set<string>>();

/**
 * Takes one due row for this worker: counts the attempt and moves its next attempt past the
 * claim time, under this claim's token.
 */
function claim(db: Kysely<DB>, now: Date, token: string): Promise<Claimed | null> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'body', 'attempts'])
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return null;
    await trx
      .updateTable('mail_outbox')
      .set({ attempts: due.attempts + 1, next_attempt_at: minutes(now, CLAIM_MINUTES), claim_token: token })
      .where('id', '=', due.id)
      .execute();
    return { ...due, attempts: due.attempts + 1 };
  });
}

/**
 * A row this worker claimed while the database went away (the commit was cut: written or not).
 * If it was written, the row is ours until the claim runs out: send it now rather than ten
 * minutes later. Tokens found nowhere are forgotten.
 */
async function ourDoubtfulClaim(db: Kysely<DB>, doubtful: Set<string>): Promise<Claimed | null> {
  if (doubtful.size === 0) return null;
  const row = await db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'body', 'attempts', 'claim_token'])
    .where('claim_token', 'in', [...doubtful])
    .where('sent_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    doubtful.clear();
    return null;
  }
  doubtful.delete(row.claim_token!);
  return row;
}

/**
 * Records that a mail went. The SMTP server has it already: if the database is away at this
 * moment (a failover), keep trying until it is back rather than let the claim run out and the
 * mail go a second time (decision 0021). Gives up only shortly before the claim would end.
 */
async function markSent(db: Kysely<DB>, id: string, now: Date) {
  const until = Date.now() + (CLAIM_MINUTES - 1) * 60_000;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4000)) {
    try {
      await db
        .updateTable('mail_outbox')
        .set({ sent_at: now, last_error: null })
        .where('id', '=', id)
        .execute();
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + wait > until) throw error;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
