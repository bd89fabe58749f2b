import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/http/errors.ts';
import { consumeRateLimit, type RateLimit } from '../src/http/rate-limit.ts';
import { anonymous, createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('public commune page data', () => {
  it('names the commune and its city to anyone, by code, in any letter case', async () => {
    for (const code of ['HP-BINHGIANG', 'hp-binhgiang']) {
      const res = await anonymous(t.app).get(`/api/public/communes/${code}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        code: 'HP-BINHGIANG',
        name: 'Xã Bình Giang',
        kind: 'xa',
        city: { code: 'HP', name: 'Thành phố Hải Phòng' },
      });
    }
  });

  it('an unknown commune is a Vietnamese 404, a malformed code a 400', async () => {
    const missing = await anonymous(t.app).get('/api/public/communes/HP-KHONGCO');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/không tồn tại/);
    const bad = await anonymous(t.app).get('/api/public/communes/%3Cscript%3E');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/không hợp lệ/);
  });
});

describe('rate limits of public routes', () => {
  const rule: RateLimit = {
    bucket: 'test.post',
    limit: 3,
    windowSeconds: 600,
    message: 'Bạn gửi quá nhiều.',
  };
  const at = new Date('2026-11-29T03:00:00Z');

  it('lets the limit through, refuses the next with 429 and the minutes to wait, per subject', async () => {
    for (let i = 0; i < 3; i++) await consumeRateLimit(t.database.db, rule, '10.0.0.1', at);
    const refused = await consumeRateLimit(t.database.db, rule, '10.0.0.1', at).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('rate_limited');
    expect(refused.message).toBe('Bạn gửi quá nhiều. Vui lòng thử lại sau 10 phút.');
    expect(refused.details).toEqual({ retryAfterSeconds: 600 });
    // another address is not affected
    await consumeRateLimit(t.database.db, rule, '10.0.0.2', at);
    // the next window starts afresh
    await consumeRateLimit(t.database.db, rule, '10.0.0.1', new Date(at.getTime() + 600_000));
  });

  it('counts concurrent hits exactly', async () => {
    const many = { ...rule, bucket: 'test.concurrent', limit: 10 };
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () => consumeRateLimit(t.database.db, many, 'device-1', at)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
  });
});
