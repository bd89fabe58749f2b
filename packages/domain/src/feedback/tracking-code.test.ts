import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
  trackingCodeFrom,
} from './tracking-code.ts';

describe('tracking codes', () => {
  it('leave out characters people confuse when reading or saying them', () => {
    for (const c of '01OILUV') expect(TRACKING_ALPHABET).not.toContain(c);
    expect(new Set(TRACKING_ALPHABET).size).toBe(TRACKING_ALPHABET.length);
    expect(TRACKING_ALPHABET.length).toBe(29);
  });
  it('look like PA-XXXXX-XXXXX and carry about 48 bits', () => {
    const code = trackingCodeFrom(randomBytes(32))!;
    expect(code).toMatch(/^PA-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(isTrackingCode(code)).toBe(true);
    expect(Math.log2(TRACKING_ALPHABET.length ** 10)).toBeGreaterThan(48);
  });
  it('are drawn uniformly: bytes above the last full multiple are skipped', () => {
    const bytes = new Uint8Array([
      255, 254, 253, 252, 251, 250, 249, 248, 247, 246, 245, 244, 243, 242, 241, 240, 239, 238, 237, 236, 235,
      234, 233, 232, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    // 256 - 256 % 29 = 232: bytes 232..255 are skipped
    expect(trackingCodeFrom(bytes)).toBe(
      `PA-${TRACKING_ALPHABET.slice(0, 5)}-${TRACKING_ALPHABET.slice(5, 10)}`,
    );
    expect(trackingCodeFrom(new Uint8Array(9))).toBeNull();
    expect(trackingCodeFrom(new Uint8Array(40).fill(250))).toBeNull();
  });
  it('10,000 codes are all different', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => trackingCodeFrom(randomBytes(32))));
    expect(codes.size).toBe(10_000);
  });
  it('are read back however the citizen typed them', () => {
    for (const typed of [
      'PA-7KQ2M-X9HRT',
      'pa-7kq2m-x9hrt',
      'PA 7KQ2M X9HRT',
      '7KQ2MX9HRT',
      'pa7kq2mx9hrt',
      ' 7kq2m.x9hrt ',
    ]) {
      expect(normalizeTrackingCode(typed), typed).toBe('PA-7KQ2M-X9HRT');
    }
  });
  it('refuse look-alikes, wrong lengths and anything else rather than guess', () => {
    for (const typed of [
      'PA-7KQ2M-X9HR0',
      'PA-7KQ2M-X9HRO',
      'PA-7KQ2M-X9HR1',
      'PA-7KQ2M-X9HR',
      'PA-7KQ2M-X9HRTT',
      '',
      'x'.repeat(100),
      'PA-7KQ2M-X9HR%',
    ]) {
      expect(normalizeTrackingCode(typed), typed).toBeNull();
    }
    expect(isTrackingCode('pa-7kq2m-x9hrt')).toBe(false);
  });
});
