import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'cqtt_session';
export const API_TOKEN_PREFIX = 'cqtt_';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Sessions and API tokens are stored only as this hash: a leaked table opens nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
