import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface OutgoingMail {
  /** The commune the mail is about; null for city-level mail. */
  communeId: string | null;
  to: string;
  /** One line, Vietnamese. */
  subject: string;
  /** Plain text, Vietnamese. */
  body: string;
  /**
   * Not before this instant (default: the database's now()). The jobs pass
   * their own clock so that mail they write is due on that same clock.
   */
  at?: Date;
}

/** A plausible single address: no spaces, no angle brackets, no commas, one @. */
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;

export function isMailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/**
 * Queues a mail in the caller's transaction: it is written with the change it
 * belongs to, or not at all, and the delivery job sends it later. Nothing here
 * talks to the SMTP server, so mail being down never fails the caller.
 */
export async function enqueueMail(trx: Kysely<DB>, mail: OutgoingMail): Promise<string> {
  const to = mail.to.trim();
  if (!isMailAddress(to)) throw new Error(`Địa chỉ thư không hợp lệ: ${JSON.stringify(to)}`);
  const row = await trx
    .insertInto('mail_outbox')
    .values({
      commune_id: mail.communeId,
      to_address: to,
      // a header is one line
      subject: mail.subject
        .replace(/[\r\n]+/g, ' ')
        .trim()
        .slice(0, 250),
      body: mail.body,
      ...(mail.at ? { next_attempt_at: mail.at } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
