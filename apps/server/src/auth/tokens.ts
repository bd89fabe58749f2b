import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

export const SESSION_COOKIE = 'cqtt_session';
export const API_TOKEN_PREFIX = 'cqtt_';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Sessions and API tokens are stored only as this hash: a leaked table opens nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  return { token, hash: hashSecret(token) };
}

/**
 * Revokes, in the caller's transaction, every live token a user owns or made (the tokens of the
 * service accounts he issued included): a password change or reset ends them all. Returns the
 * ids revoked, for the audit row.
 */
export async function revokeTokensOf(
  trx: Kysely<DB>,
  userId: string,
  reason: 'password_changed' | 'password_reset',
): Promise<string[]> {
  const rows = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()`, revoked_reason: reason })
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('created_by', '=', userId)]))
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
