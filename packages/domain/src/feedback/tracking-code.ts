/**
 * Tracking codes a citizen can read out over the phone: "PA-7KQ2M-X9HRT", ten
 * characters in two groups of five after the prefix PA (phản ánh), from an
 * alphabet of 29 that leaves out the look-alikes 0/O, 1/I/L and U/V.
 * 29^10 ≈ 4.2 × 10^14 codes: with a commune's few thousand items and the rate
 * limit on lookups, guessing one is hopeless.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const TRACKING_CODE_LENGTH = 10;
export const TRACKING_PREFIX = 'PA';

/**
 * Builds a code from random bytes (from crypto in the caller; 32 bytes are
 * plenty). Rejection sampling keeps every character equally likely. Returns
 * null if the bytes ran out before ten characters were drawn.
 */
export function trackingCodeFrom(randomBytes: Uint8Array): string | null {
  const n = TRACKING_ALPHABET.length;
  const limit = 256 - (256 % n);
  let chars = '';
  for (const b of randomBytes) {
    if (b >= limit) continue;
    chars += TRACKING_ALPHABET[b % n];
    if (chars.length === TRACKING_CODE_LENGTH) break;
  }
  if (chars.length < TRACKING_CODE_LENGTH) return null;
  return `${TRACKING_PREFIX}-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const GROUP = `[${TRACKING_ALPHABET}]{5}`;
const CODE = new RegExp(`^${TRACKING_PREFIX}-${GROUP}-${GROUP}$`);

export function isTrackingCode(value: string): boolean {
  return CODE.test(value);
}

/**
 * Reads a code as a citizen types or dictates it: any letter case, with or
 * without the prefix, spaces, dots or dashes anywhere. Look-alikes that are not
 * in the alphabet (0, O, 1, I, L, U, V) are not guessed: the code is invalid.
 * Returns the canonical "PA-XXXXX-XXXXX" or null.
 */
export function normalizeTrackingCode(input: string): string | null {
  if (input.length > 40) return null;
  const compact = input.toUpperCase().replace(/[\s.\-_]/g, '');
  const body =
    compact.length === TRACKING_CODE_LENGTH + TRACKING_PREFIX.length && compact.startsWith(TRACKING_PREFIX)
      ? compact.slice(TRACKING_PREFIX.length)
      : compact;
  if (body.length !== TRACKING_CODE_LENGTH) return null;
  const code = `${TRACKING_PREFIX}-${body.slice(0, 5)}-${body.slice(5)}`;
  return CODE.test(code) ? code : null;
}
